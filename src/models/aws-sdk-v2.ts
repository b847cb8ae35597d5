import type { SinkModel } from '../engine/model.js';

/** AWS SDK v2: `DocumentClient` and `DynamoDB` methods, with `.promise()` or a callback. */
export const awsSdkV2: SinkModel = {
  sdk: 'aws-sdk (v2)',
  package: 'aws-sdk',
  clients: [
    {
      types: [{ from: 'package', package: 'aws-sdk', name: 'DocumentClient' }],
      methods: {
        get: 'get',
        put: 'put',
        update: 'update',
        delete: 'delete',
        query: 'query',
        scan: 'scan',
        batchGet: 'batchGet',
        batchWrite: 'batchWrite',
        transactGet: 'transactGet',
        transactWrite: 'transactWrite',
      },
    },
    {
      types: [{ from: 'package', package: 'aws-sdk', name: 'DynamoDB' }],
      methods: {
        getItem: 'get',
        putItem: 'put',
        updateItem: 'update',
        deleteItem: 'delete',
        query: 'query',
        scan: 'scan',
        batchGetItem: 'batchGet',
        batchWriteItem: 'batchWrite',
        transactGetItems: 'transactGet',
        transactWriteItems: 'transactWrite',
        executeStatement: 'statement',
        batchExecuteStatement: 'batchStatement',
        executeTransaction: 'transactStatement',
      },
    },
  ],
};
