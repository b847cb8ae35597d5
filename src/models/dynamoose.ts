import type { MapperArgument, SinkModel } from '../engine/model.js';

const VALUE: readonly MapperArgument[] = [{ index: 0, role: 'conditionValue' }];
const KEY: readonly MapperArgument[] = [{ index: 0, role: 'key' }];

/**
 * dynamoose: `Model.get(key)`, `Model.query(…).eq(…).exec()`, `Model.scan(…)`, `Model.update(key, …)`,
 * `Model.delete(key)`, `new Model(item).save()`; keys are the schema's `hashKey`/`rangeKey` (the
 * first attribute by default).
 */
export const dynamoose: SinkModel = {
  sdk: 'dynamoose',
  package: 'dynamoose',
  mapper: {
    entityTypes: [{ from: 'package', package: 'dynamoose', name: 'Model' }],
    // `scan(new Condition('a').eq(x))`, `scan(new Condition({ a: { eq: x } }))`: conditions built apart.
    conditionTypes: [{ from: 'package', package: 'dynamoose', name: 'Condition' }],
    factories: [
      { name: 'model', definition: 1 },
      { name: 'Schema', definition: 0 },
    ],
    keys: { attributes: [[]], flags: ['hashKey', 'rangeKey'], firstByDefault: true },
    declared: [[]],
    methods: {
      get: { operation: 'get', arguments: KEY, direct: true, items: [[]] },
      batchGet: { operation: 'batchGet', arguments: KEY, direct: true, items: [['*']] },
      delete: { operation: 'delete', arguments: KEY, direct: true, items: [] },
      // `Model.batchPut(items)` and `Model.batchDelete(keys)`: each element is an item or a key.
      batchPut: { operation: 'put', arguments: [{ index: 0, role: 'item' }], direct: true, items: [] },
      batchDelete: { operation: 'delete', arguments: KEY, direct: true, items: [] },
      update: {
        operation: 'update',
        arguments: [...KEY, { index: 1, role: 'changes' }],
        direct: true,
        items: [[]],
      },
      // `Model.create` refuses an existing item unless `overwrite: true` (`save()` overwrites by default).
      create: {
        operation: 'put',
        arguments: [{ index: 0, role: 'item' }],
        direct: true,
        items: [],
        creates: { options: 1, unless: ['overwrite'] },
      },
      new: { operation: 'put', arguments: [{ index: 0, role: 'item' }], items: [] },
      query: { operation: 'query', arguments: [{ index: 0, role: 'conditions' }], items: [['*']] },
      scan: { operation: 'scan', arguments: [{ index: 0, role: 'conditions' }], items: [['*']] },
    },
    chain: {
      where: [{ index: 0, role: 'conditions' }],
      filter: [{ index: 0, role: 'conditions' }],
      and: [{ index: 0, role: 'conditions' }],
      or: [{ index: 0, role: 'conditions' }],
      attribute: [{ index: 0, role: 'conditions' }],
      // `.group(condition)`, `.parenthesis(condition)`: a nested condition object.
      group: [{ index: 0, role: 'conditions' }],
      parenthesis: [{ index: 0, role: 'conditions' }],
      eq: VALUE,
      beginsWith: VALUE,
      lt: VALUE,
      le: VALUE,
      gt: VALUE,
      ge: VALUE,
      contains: VALUE,
      in: VALUE,
      between: [
        { index: 0, role: 'conditionValue' },
        { index: 1, role: 'conditionValue' },
      ],
      attributes: [{ index: 0, role: 'attributes' }],
    },
    run: ['exec', 'save'],
  },
};
