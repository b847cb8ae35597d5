import type { MapperArgument, SinkModel } from '../engine/model.js';

const OPTIONS: readonly MapperArgument[] = [
  { index: 1, path: ['fields'], role: 'attributes' },
  { index: 1, path: ['where'], role: 'expression' },
];

/**
 * dynamodb-onetable: `Model.get/find/update/remove/create/scan`; the properties given to get, find
 * and remove select the item; `where` templates are parsed as expressions.
 */
export const onetable: SinkModel = {
  sdk: 'dynamodb-onetable',
  package: 'dynamodb-onetable',
  mapper: {
    entityTypes: [{ from: 'package', package: 'dynamodb-onetable', name: 'Model' }],
    methods: {
      get: { operation: 'get', arguments: [{ index: 0, role: 'key' }, ...OPTIONS], direct: true, items: [[]] },
      find: { operation: 'query', arguments: [{ index: 0, role: 'key' }, ...OPTIONS], direct: true, items: [['*']] },
      remove: { operation: 'delete', arguments: [{ index: 0, role: 'key' }, ...OPTIONS], direct: true, items: [] },
      update: { operation: 'update', arguments: [{ index: 0, role: 'item' }, ...OPTIONS], direct: true, items: [] },
      create: { operation: 'put', arguments: [{ index: 0, role: 'item' }], direct: true, items: [] },
      scan: { operation: 'scan', arguments: [{ index: 0, role: 'filter' }, ...OPTIONS], direct: true, items: [['*']] },
    },
  },
};
