import type { SinkModel } from '../engine/model.js';
import { DOCUMENT_CLIENT_METHODS, STATEMENT_METHODS } from './operations.js';

/** `@aws-sdk/lib-dynamodb`: the document client's commands, paginators and `DynamoDBDocument`. */
export const libDynamodb: SinkModel = {
  sdk: '@aws-sdk/lib-dynamodb',
  package: '@aws-sdk/lib-dynamodb',
  commands: {
    GetCommand: 'get',
    PutCommand: 'put',
    UpdateCommand: 'update',
    DeleteCommand: 'delete',
    QueryCommand: 'query',
    ScanCommand: 'scan',
    BatchGetCommand: 'batchGet',
    BatchWriteCommand: 'batchWrite',
    TransactGetCommand: 'transactGet',
    TransactWriteCommand: 'transactWrite',
    ExecuteStatementCommand: 'statement',
    BatchExecuteStatementCommand: 'batchStatement',
    ExecuteTransactionCommand: 'transactStatement',
  },
  clients: [
    {
      types: [{ from: 'package', package: '@aws-sdk/lib-dynamodb', name: 'DynamoDBDocument' }],
      methods: { ...DOCUMENT_CLIENT_METHODS, ...STATEMENT_METHODS },
    },
  ],
  functions: { paginateQuery: { operation: 'query', input: 1 }, paginateScan: { operation: 'scan', input: 1 } },
  inputTypes: {
    GetCommandInput: 'get',
    PutCommandInput: 'put',
    UpdateCommandInput: 'update',
    DeleteCommandInput: 'delete',
    QueryCommandInput: 'query',
    ScanCommandInput: 'scan',
    BatchGetCommandInput: 'batchGet',
    BatchWriteCommandInput: 'batchWrite',
    TransactGetCommandInput: 'transactGet',
    TransactWriteCommandInput: 'transactWrite',
    ExecuteStatementCommandInput: 'statement',
  },
  sendMethods: ['send'],
};
