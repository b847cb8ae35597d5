import type { MapperArgument, SinkModel } from '../engine/model.js';

const ATTRIBUTES: MapperArgument = { index: 1, path: ['attributes'], role: 'attributes' };
/** v0 `query(pk, { filters: { attr: 'status', eq: x } })`: the compared values filter the items read. */
const FILTERS: MapperArgument = { index: 1, path: ['filters'], role: 'filter' };

/**
 * dynamodb-toolbox: v0 `Entity.get/put/update/delete/query/scan` and v1+
 * `Entity.build(GetItemCommand).key({…}).send()`; keys are the schema's `partitionKey`/`sortKey`
 * attributes (v0) or `.key()` attributes (v1+).
 */
export const dynamodbToolbox: SinkModel = {
  sdk: 'dynamodb-toolbox',
  package: 'dynamodb-toolbox',
  mapper: {
    entityTypes: [{ from: 'package', package: 'dynamodb-toolbox', name: ['Entity', 'Table'] }],
    factories: [{ name: 'Entity', definition: 0 }],
    keys: { attributes: [['attributes'], ['schema']], flags: ['partitionKey', 'sortKey'], keyMethods: ['key'] },
    declared: [['attributes'], ['schema']],
    hidden: { flags: ['hidden'], methods: ['hidden'] },
    methods: {
      get: { operation: 'get', arguments: [{ index: 0, role: 'key' }, ATTRIBUTES], direct: true, items: [['Item']] },
      delete: { operation: 'delete', arguments: [{ index: 0, role: 'key' }], direct: true, items: [] },
      update: { operation: 'update', arguments: [{ index: 0, role: 'item' }], direct: true, items: [] },
      put: { operation: 'put', arguments: [{ index: 0, role: 'item' }], direct: true, items: [] },
      query: {
        operation: 'query',
        arguments: [{ index: 0, role: 'keyValue' }, ATTRIBUTES, FILTERS],
        direct: true,
        items: [['Items', '*']],
      },
      scan: {
        operation: 'scan',
        arguments: [
          { index: 0, path: ['attributes'], role: 'attributes' },
          { ...FILTERS, index: 0 },
        ],
        direct: true,
        items: [['Items', '*']],
      },
      build: {
        operation: 'get',
        operations: {
          GetItemCommand: 'get',
          PutItemCommand: 'put',
          UpdateItemCommand: 'update',
          DeleteItemCommand: 'delete',
          QueryCommand: 'query',
          ScanCommand: 'scan',
        },
        items: [['Item'], ['Items', '*']],
      },
    },
    chain: {
      key: [{ index: 0, role: 'key' }],
      item: [{ index: 0, role: 'item' }],
      query: [
        { index: 0, path: ['partition'], role: 'keyValue' },
        { index: 0, path: ['range', '*'], role: 'keyValue' },
      ],
      // v1+ `.options({ attributes, filters: { Note: { attr: 'status', eq: x } } })`.
      options: [
        { index: 0, path: ['attributes'], role: 'attributes' },
        { index: 0, path: ['filters', '*'], role: 'filter' },
      ],
    },
    run: ['send'],
  },
};
