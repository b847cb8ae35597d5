import type { PipelineModel, RequestObjectModel, ResponseModel } from '../engine/model.js';

/** The caller AppSync authenticated (Cognito `sub`/`username`/`claims`, IAM, OIDC, a Lambda authorizer's `resolverContext`). */
const IDENTITY: readonly (readonly string[])[] = [['identity']];

/**
 * An AWS AppSync Lambda resolver's event: `event.arguments`, `event.source` and the request
 * headers are client data; `event.identity` is the caller. `event.source` is the parent object
 * the server's own resolver returned, so `recommended` does not treat its ids as a client's choice. Typed `AppSyncResolverEvent`, or a
 * type written by hand with the event's shape (`arguments` beside `info` or `identity`).
 */
export const appsyncResolverEvent: RequestObjectModel = {
  framework: 'AWS AppSync',
  types: [{ from: 'package', package: 'aws-lambda', name: 'AppSyncResolverEvent' }],
  parameters: [
    { kind: 'shape', index: 0, properties: ['arguments', 'info'] },
    { kind: 'shape', index: 0, properties: ['arguments', 'identity'] },
  ],
  sources: { arguments: 'GraphQL argument', source: 'GraphQL parent value', 'request.headers': 'request header' },
  serverProducedSources: ['source'],
  principals: IDENTITY,
  schemaArguments: { paths: [['arguments']] },
};

/**
 * The same event in plain JavaScript (`exports.handler = async (event) => event.arguments.id`):
 * only `arguments` marks it, since other events have a `source` that is no client data. A Lambda
 * data source's exported handler reads it whatever its parameter is called (`payload.arguments.memberId`):
 * no other Lambda event has `arguments`, and a function's own `arguments` object is no parameter's member.
 */
export const appsyncUntypedEvent: RequestObjectModel = {
  framework: 'AWS AppSync',
  types: [],
  parameters: [
    { kind: 'named', names: ['event', 'evt'], index: 0 },
    // A type written by hand is `appsyncResolverEvent`'s shape; untyped, the read of `arguments` decides.
    { kind: 'shape', index: 0, properties: ['arguments', 'info'], reads: [['arguments']] },
  ],
  sources: { arguments: 'GraphQL argument' },
  principals: IDENTITY,
  schemaArguments: { paths: [['arguments']] },
};

/**
 * A Lambda that an AppSync JavaScript resolver invokes with its whole context (`{ operation:
 * 'Invoke', payload: { ctx } }`): the arguments arrive as `event.ctx.arguments` (or `args`) and the
 * caller as `event.ctx.identity`. An exported handler's untyped event that reads `ctx` marks it.
 */
export const appsyncInvokedContext: RequestObjectModel = {
  framework: 'AWS AppSync',
  types: [],
  parameters: [{ kind: 'shape', index: 0, properties: ['ctx'], reads: [['ctx']] }],
  sources: {
    'ctx.arguments': 'GraphQL argument',
    'ctx.args': 'GraphQL argument',
    'ctx.request.headers': 'request header',
  },
  principals: [['ctx', 'identity']],
  schemaArguments: {
    paths: [
      ['ctx', 'arguments'],
      ['ctx', 'args'],
    ],
  },
};

/**
 * An AppSync JavaScript resolver's context (`@aws-appsync/utils` `Context`, or the parameter of an
 * exported `request`/`response` function): `ctx.args`, `ctx.source`, the request headers are client
 * data; `ctx.identity` is the caller. `ctx.source`, the parent object, is server-produced (see above).
 */
export const appsyncResolverContext: RequestObjectModel = {
  framework: 'AWS AppSync',
  types: [{ from: 'package', package: '@aws-appsync/utils', name: 'Context' }],
  parameters: [{ kind: 'exported', functions: ['request', 'response'], index: 0 }],
  sources: {
    args: 'GraphQL argument',
    arguments: 'GraphQL argument',
    source: 'GraphQL parent value',
    'request.headers': 'request header',
  },
  serverProducedSources: ['source'],
  principals: IDENTITY,
  schemaArguments: { paths: [['args'], ['arguments']] },
};

/**
 * An AppSync JavaScript resolver's `response(ctx)` return is projected by the schema's output type
 * (SPEC §5), unless its field is `AWSJSON`/`JSON`: then `ctx.result` (the item a `GetItem` read, the
 * `items` of a `Query` or `Scan`) reaches the client whole. The field is named by the resolver's
 * file (`Query.getNote.js`, `Query/getNote.js`) and looked up in the schema the program declares
 * or in the project's `schema.graphql`.
 */
export const appsyncJsonResponses: ResponseModel = {
  framework: 'AWS AppSync',
  schemaScalars: ['AWSJSON', 'JSON'],
  // A Lambda resolver answers its client with what it returns, projected by the field's output type
  // like any resolver's: never a raw item, but what it read is handed to the caller (a listing).
  projectedResolvers: {
    types: appsyncResolverEvent.types,
    parameters: appsyncResolverEvent.parameters,
  },
  resolverModules: {
    request: 'request',
    response: 'response',
    result: ['result'],
    roots: ['Query', 'Mutation', 'Subscription'],
    items: { get: [[]], query: [['items', '*']], scan: [['items', '*']] },
  },
};

/**
 * AppSync pipeline resolvers written as one file per function, `<Type>.<field><N>` (`Query.getEntity0.ts`,
 * `Query.getEntity1.ts`): a convention, not AppSync's own. The CDK code that wires them builds
 * `pipelineConfig` from those names in a loop (`${pathName}${index}`), which cannot be read as data,
 * so the files' names stand for it; `guards/pipelines.ts` takes a folder's files as one pipeline only
 * when their numbers run from 0 without a gap. `util.unauthorized()`/`util.error()` in any function
 * end the whole resolver (a `return` in a function only hands its answer to the next).
 */
export const appsyncPipelines: PipelineModel = {
  framework: 'AWS AppSync',
  stepFile: '^((?:Query|Mutation|Subscription)\\.[A-Za-z_]\\w*?)(\\d+)\\.[cm]?[jt]s$',
  request: 'request',
  response: 'response',
  result: ['result'],
  previous: ['prev', 'result'],
  reads: ['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems', 'Sync'],
};
