import type { SinkModel } from '../engine/model.js';

/**
 * ElectroDB: `entity.get(key).go()`, `entity.query.<index>({…}).go()`, `entity.put(item).go()`,
 * `where((attr, op) => …)` callbacks; keys are the composite attributes of the entity's indexes.
 */
export const electrodb: SinkModel = {
  sdk: 'electrodb',
  package: 'electrodb',
  mapper: {
    entityTypes: [{ from: 'package', package: 'electrodb', name: 'Entity' }],
    factories: [{ name: 'Entity', definition: 0 }],
    keys: {
      indexes: {
        path: ['indexes'],
        composites: [
          ['pk', 'composite'],
          ['sk', 'composite'],
        ],
        secondaryMarker: 'index',
      },
    },
    declared: [['attributes']],
    // `hidden: true`, and a `get` that never gives back the stored value (`get: () => undefined`).
    hidden: { flags: ['hidden'], getters: ['get'] },
    methods: {
      get: { operation: 'get', arguments: [{ index: 0, role: 'key' }], items: [['data']] },
      delete: { operation: 'delete', arguments: [{ index: 0, role: 'key' }], items: [] },
      remove: { operation: 'delete', arguments: [{ index: 0, role: 'key' }], items: [] },
      patch: { operation: 'update', arguments: [{ index: 0, role: 'key' }], items: [] },
      update: { operation: 'update', arguments: [{ index: 0, role: 'key' }], items: [] },
      put: { operation: 'put', arguments: [{ index: 0, role: 'item' }], items: [] },
      // `create` fails when the item exists (`put` and `upsert` overwrite it).
      create: { operation: 'put', arguments: [{ index: 0, role: 'item' }], items: [], creates: {} },
      upsert: { operation: 'put', arguments: [{ index: 0, role: 'item' }], items: [] },
      query: {
        operation: 'query',
        indexed: true,
        arguments: [{ index: 0, role: 'conditions' }],
        items: [['data', '*']],
      },
      scan: { operation: 'scan', property: true, items: [['data', '*']] },
      match: { operation: 'scan', arguments: [{ index: 0, role: 'filter' }], items: [['data', '*']] },
      find: { operation: 'scan', arguments: [{ index: 0, role: 'filter' }], items: [['data', '*']] },
    },
    chain: {
      where: [{ index: 0, role: 'whereCallback' }],
      begins: [{ index: 0, role: 'conditions' }],
      between: [
        { index: 0, role: 'conditions' },
        { index: 1, role: 'conditions' },
      ],
      gt: [{ index: 0, role: 'conditions' }],
      gte: [{ index: 0, role: 'conditions' }],
      lt: [{ index: 0, role: 'conditions' }],
      lte: [{ index: 0, role: 'conditions' }],
      go: [{ index: 0, path: ['attributes'], role: 'attributes' }],
    },
    run: ['go'],
    // `new Service({ booking: Booking }, config)`: `service.entities.booking` is `Booking`.
    containers: [{ name: 'Service', argument: 0, property: 'entities' }],
  },
};
