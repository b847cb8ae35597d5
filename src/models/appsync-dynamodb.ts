import type { SinkModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

/** `util.transform` turns a condition object into the `{ expression, expressionValues }` a request takes, as JSON text. */
const CONVERTERS = ['toDynamoDBConditionExpression', 'toDynamoDBFilterExpression'];

/**
 * AWS AppSync JavaScript resolvers: the `@aws-appsync/utils/dynamodb` helpers and raw request
 * objects (`{ operation: 'GetItem', key: util.dynamodb.toMapValues({ id }) }`). What a resolver
 * returns is projected by the GraphQL schema's output type, so no output is an item here; a field
 * declared `AWSJSON` is the exception (`appsyncJsonResponses` in `appsync.ts`).
 */
export const appsyncDynamodb: SinkModel = {
  sdk: '@aws-appsync/utils',
  package: '@aws-appsync/utils',
  mapper: {
    packages: ['@aws-appsync/utils/dynamodb'],
    functions: {
      get: {
        operation: 'get',
        arguments: [
          { index: 0, path: ['key'], role: 'key' },
          { index: 0, path: ['projection'], role: 'attributes' },
        ],
        items: [],
      },
      put: {
        operation: 'put',
        arguments: [
          { index: 0, path: ['key'], role: 'key' },
          { index: 0, path: ['condition'], role: 'filter' },
        ],
        items: [],
      },
      update: {
        operation: 'update',
        arguments: [
          { index: 0, path: ['key'], role: 'key' },
          { index: 0, path: ['condition'], role: 'filter' },
        ],
        items: [],
      },
      remove: {
        operation: 'delete',
        arguments: [
          { index: 0, path: ['key'], role: 'key' },
          { index: 0, path: ['condition'], role: 'filter' },
        ],
        items: [],
      },
      query: {
        operation: 'query',
        arguments: [
          { index: 0, path: ['query'], role: 'conditions' },
          { index: 0, path: ['filter'], role: 'filter' },
          { index: 0, path: ['projection'], role: 'attributes' },
        ],
        items: [],
      },
      scan: { operation: 'scan', arguments: [{ index: 0, path: ['filter'], role: 'filter' }], items: [] },
    },
    unwrap: ['toMapValues', 'toDynamoDB', 'toMapValuesJson', 'toDynamoDBJson'],
    requests: {
      discriminator: 'operation',
      operations: {
        GetItem: 'get',
        PutItem: 'put',
        UpdateItem: 'update',
        DeleteItem: 'delete',
        Query: 'query',
        Scan: 'scan',
      },
      arguments: [
        { index: 0, path: ['key'], role: 'key' },
        { index: 0, path: ['query', 'expression'], role: 'expression' },
        { index: 0, path: ['query', 'expressionValues'], role: 'conditions' },
        { index: 0, path: ['filter', 'expression'], role: 'expression' },
        { index: 0, path: ['filter', 'expressionValues'], role: 'filter' },
        { index: 0, path: ['condition', 'expression'], role: 'expression' },
        { index: 0, path: ['condition', 'expressionValues'], role: 'filter' },
        // `filter: JSON.parse(util.transform.toDynamoDBFilterExpression(ctx.args.filter))`: the object converted
        // is the condition, compared attribute by attribute (`{ owner: { eq: sub } }`), or whatever the client sent.
        { index: 0, path: ['filter'], role: 'filter', through: CONVERTERS },
        { index: 0, path: ['condition'], role: 'filter', through: CONVERTERS },
        { index: 0, path: ['update', 'expression'], role: 'expression' },
        // `projection: { expression: 'id, title' }`: a constant one names the attributes a read returns.
        { index: 0, path: ['projection', 'expression'], role: 'attributes' },
      ],
      // A resolver's `request(ctx)` returns the request; `util` is a global of the APPSYNC_JS runtime, so no import is needed.
      returnedBy: ['request'],
    },
  },
};

/**
 * The converters of `util.dynamodb` and `util.transform` carry the value they convert: `key: { pk: util.dynamodb.toDynamoDB(ctx.args.pk) }`
 * is keyed by the argument, `userId: util.dynamodb.toDynamoDB(ctx.identity.username)` stores the caller.
 */
export const appsyncPropagators: readonly Specifier[] = [
  {
    from: 'package',
    package: '@aws-appsync/utils',
    name: ['toDynamoDB', 'toDynamoDBJson', 'toMapValues', 'toMapValuesJson', ...CONVERTERS],
  },
];
