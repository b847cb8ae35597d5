import type { MapperArgument, SinkModel } from '../engine/model.js';

const OPTIONS: readonly MapperArgument[] = [
  { index: 1, path: ['fields'], role: 'attributes' },
  { index: 1, path: ['where'], role: 'expression' },
];

/**
 * dynamodb-onetable: `Model.get/find/update/remove/create/scan`. Where the schema can be read, the
 * attributes its primary key templates interpolate select the item; otherwise every property
 * given to get, find and remove does. `where` templates are parsed as expressions.
 */
export const onetable: SinkModel = {
  sdk: 'dynamodb-onetable',
  package: 'dynamodb-onetable',
  mapper: {
    entityTypes: [{ from: 'package', package: 'dynamodb-onetable', name: 'Model' }],
    // `new Table({ schema })` and `table.getModel('User')`: the model `User` of that schema.
    factories: [
      { name: 'Table', definition: 0 },
      { name: 'getModel', definition: 0, models: ['schema', 'models'] },
    ],
    // The primary index names the key fields; their `value` templates name the attributes that select the item.
    keys: { templates: { index: ['indexes', 'primary'], fields: ['hash', 'sort'], option: 'value' } },
    declared: [[]],
    methods: {
      get: { operation: 'get', arguments: [{ index: 0, role: 'key' }, ...OPTIONS], direct: true, items: [[]] },
      find: { operation: 'query', arguments: [{ index: 0, role: 'key' }, ...OPTIONS], direct: true, items: [['*']] },
      remove: { operation: 'delete', arguments: [{ index: 0, role: 'key' }, ...OPTIONS], direct: true, items: [] },
      update: { operation: 'update', arguments: [{ index: 0, role: 'item' }, ...OPTIONS], direct: true, items: [] },
      // `create` fails on an existing item unless it is batched (no conditions) or `exists` is changed.
      create: {
        operation: 'put',
        arguments: [{ index: 0, role: 'item' }],
        direct: true,
        items: [],
        creates: { options: 1, unless: ['batch', 'exists'] },
      },
      scan: { operation: 'scan', arguments: [{ index: 0, role: 'filter' }, ...OPTIONS], direct: true, items: [['*']] },
    },
  },
};
