import type { Operation } from '../engine/model.js';

/** Method names of the document clients (lib-dynamodb's `DynamoDBDocument`, SDK v2's `DocumentClient`). */
export const DOCUMENT_CLIENT_METHODS: Readonly<Record<string, Operation>> = {
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
};

/** Method names of the low-level clients (v3's aggregated `DynamoDB`, SDK v2's `DynamoDB`). */
export const ITEM_CLIENT_METHODS: Readonly<Record<string, Operation>> = {
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
};

/** PartiQL methods the v3 document client adds to the document methods. */
export const STATEMENT_METHODS: Readonly<Record<string, Operation>> = {
  executeStatement: 'statement',
  batchExecuteStatement: 'batchStatement',
  executeTransaction: 'transactStatement',
};
