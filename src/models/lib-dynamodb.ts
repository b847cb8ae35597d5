import type { SinkModel } from '../engine/model.js';

/** `@aws-sdk/lib-dynamodb`: the document client's commands and the aggregated `DynamoDBDocument`. */
export const libDynamodb: SinkModel = {
  package: '@aws-sdk/lib-dynamodb',
  commands: {
    GetCommand: 'get',
    PutCommand: 'put',
    UpdateCommand: 'update',
    DeleteCommand: 'delete',
    QueryCommand: 'query',
    ScanCommand: 'scan',
  },
  clients: [
    {
      types: [{ from: 'package', package: '@aws-sdk/lib-dynamodb', name: 'DynamoDBDocument' }],
      methods: { get: 'get', put: 'put', update: 'update', delete: 'delete', query: 'query', scan: 'scan' },
    },
  ],
  inputTypes: {
    GetCommandInput: 'get',
    PutCommandInput: 'put',
    UpdateCommandInput: 'update',
    DeleteCommandInput: 'delete',
    QueryCommandInput: 'query',
    ScanCommandInput: 'scan',
  },
  sendMethods: ['send'],
};
