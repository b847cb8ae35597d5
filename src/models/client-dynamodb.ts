import type { SinkModel } from '../engine/model.js';
import { ITEM_CLIENT_METHODS } from './operations.js';

/**
 * `@aws-sdk/client-dynamodb`: the low-level commands, paginators and the aggregated `DynamoDB`
 * client. Values sit in AttributeValue wrappers (`{ S: id }`), which the engine looks through.
 */
export const clientDynamodb: SinkModel = {
  sdk: '@aws-sdk/client-dynamodb',
  package: '@aws-sdk/client-dynamodb',
  commands: {
    GetItemCommand: 'get',
    PutItemCommand: 'put',
    UpdateItemCommand: 'update',
    DeleteItemCommand: 'delete',
    QueryCommand: 'query',
    ScanCommand: 'scan',
    BatchGetItemCommand: 'batchGet',
    BatchWriteItemCommand: 'batchWrite',
    TransactGetItemsCommand: 'transactGet',
    TransactWriteItemsCommand: 'transactWrite',
    ExecuteStatementCommand: 'statement',
    BatchExecuteStatementCommand: 'batchStatement',
    ExecuteTransactionCommand: 'transactStatement',
  },
  clients: [
    {
      types: [{ from: 'package', package: '@aws-sdk/client-dynamodb', name: 'DynamoDB' }],
      methods: ITEM_CLIENT_METHODS,
    },
  ],
  functions: { paginateQuery: { operation: 'query', input: 1 }, paginateScan: { operation: 'scan', input: 1 } },
  inputTypes: {
    GetItemCommandInput: 'get',
    PutItemCommandInput: 'put',
    UpdateItemCommandInput: 'update',
    DeleteItemCommandInput: 'delete',
    QueryCommandInput: 'query',
    ScanCommandInput: 'scan',
    BatchGetItemCommandInput: 'batchGet',
    BatchWriteItemCommandInput: 'batchWrite',
    TransactGetItemsCommandInput: 'transactGet',
    TransactWriteItemsCommandInput: 'transactWrite',
    ExecuteStatementCommandInput: 'statement',
  },
  sendMethods: ['send'],
};
