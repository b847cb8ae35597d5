import type {
  ContainerModel,
  DecoratorModel,
  ParameterMatcher,
  RequestObjectModel,
  ResponseModel,
} from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

/** The root types of a GraphQL resolver map (Apollo Server, GraphQL Yoga, Mercurius, graphql-tools). */
const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'];

/**
 * A field resolver of a graphql-js code-first schema receives the client's arguments second and the
 * server's context third: `new GraphQLObjectType({ name, fields: { me: { type, args, resolve:
 * (parent, args, context) => … } } })`, also with `fields: () => ({ … })` and for `subscribe`.
 * Typed, the resolver is graphql-js's `GraphQLFieldResolver`; untyped, its place in the object
 * type's `fields` says so.
 */
const fieldResolver = (index: number, outputTypes?: readonly Specifier[]): ParameterMatcher => ({
  kind: 'member',
  properties: ['resolve', 'subscribe'],
  index,
  fieldOf: {
    resolverTypes: [{ from: 'package', package: 'graphql', name: 'GraphQLFieldResolver' }],
    callees: [{ from: 'package', package: 'graphql', name: 'GraphQLObjectType' }],
    property: 'fields',
    ...(outputTypes && { outputTypes }),
  },
});

/** The JSON scalars of the scalar packages: a field of one passes the resolver's whole return through. */
const JSON_SCALARS: readonly Specifier[] = [
  { from: 'package', package: 'graphql-scalars', name: ['GraphQLJSON', 'GraphQLJSONObject'] },
  { from: 'package', package: 'graphql-type-json', name: ['GraphQLJSON', 'GraphQLJSONObject', 'default'] },
];

/** The JSON scalars of GraphQL schemas (graphql-type-json, graphql-scalars, AppSync). */
export const GRAPHQL_JSON_SCALARS = ['JSON', 'JSONObject', 'AWSJSON'];

/**
 * `Query: { note: (parent, args, context, info) => … }`, and a field resolver of another type of the
 * same map (`User: { notes: (user, args) => … }` beside `Query`), or of a graphql-js object type:
 * the arguments are client data.
 */
export const graphqlArguments: RequestObjectModel = {
  framework: 'GraphQL',
  types: [],
  parameters: [{ kind: 'member', under: ROOT_TYPES, besideAny: ROOT_TYPES, index: 1 }, fieldResolver(1)],
  whole: 'GraphQL argument',
  schemaArguments: { paths: [[]] },
};

/**
 * Servers that take the function building each request's resolver context as their `context`
 * option: Apollo Server (constructor options of v2/v3, `startStandaloneServer`, `expressMiddleware`,
 * `koaMiddleware`, `startServerAndCreateLambdaHandler` of v4), GraphQL Yoga, graphql-http.
 */
const CONTEXT_FACTORY_CALLEES = [
  'ApolloServer',
  'startStandaloneServer',
  'expressMiddleware',
  'koaMiddleware',
  'startServerAndCreateLambdaHandler',
  'createYoga',
  'createHandler',
];

/**
 * The resolver's context is what the server's context function returned: request data when it
 * was built from a header (`userId: event.headers['x-user-id']`), the caller when it was built from
 * a verified token. Without such a function in the program, the user the server put there by
 * name is the caller.
 */
export const graphqlContext: RequestObjectModel = {
  framework: 'GraphQL',
  types: [],
  parameters: [{ kind: 'member', under: ROOT_TYPES, besideAny: ROOT_TYPES, index: 2 }, fieldResolver(2)],
  principals: [['user'], ['currentUser'], ['viewer'], ['session'], ['auth'], ['principal'], ['claims']],
  builtBy: { callees: CONTEXT_FACTORY_CALLEES, property: 'context' },
};

/**
 * The same context injected by a decorator into a resolver class's method: TypeGraphQL's `@Ctx()`
 * and `@nestjs/graphql`'s `@Context()`. With Nest, the HTTP request's verified user is `req.user`.
 */
export const decoratedGraphqlContext: RequestObjectModel = {
  framework: 'GraphQL',
  types: [],
  parameters: [{ kind: 'decorated', decorators: ['Ctx', 'Context'] }],
  principals: [...(graphqlContext.principals ?? []), ['req', 'user']],
  builtBy: graphqlContext.builtBy,
};

/**
 * Apollo Server's data sources: a resolver's `context.dataSources.recipes` is the object the server's
 * `dataSources` function (v2/v3, `new ApolloServer({ dataSources: () => ({ recipes: new RecipesAPI() })
 * })`) returned under `recipes`, or the one its context function put at `dataSources.recipes` (v4), so
 * `dataSources.recipes.updateRecipe(id)` on an untyped context runs `RecipesAPI`'s `updateRecipe`.
 * Looked up only through the cradle (`dataSources`); the package has no lookup method or helper.
 */
export const apolloDataSources: ContainerModel = {
  package: '@apollo/server',
  lookups: [],
  cradle: 'dataSources',
  registers: [],
  registrations: {},
  options: [
    { callees: ['ApolloServer'], property: 'dataSources' },
    { callees: CONTEXT_FACTORY_CALLEES, property: 'context', path: ['dataSources'] },
  ],
};

/**
 * The argument of the server's context function: the HTTP request it serves (`{ req }` for Apollo
 * on Express or standalone, `{ event }` on Lambda, `{ request }` for Yoga). Its headers, query and
 * body are client data; an API Gateway authorizer or `req.user` set by verifying middleware is the caller.
 */
export const graphqlContextFunction: RequestObjectModel = {
  framework: 'GraphQL',
  types: [],
  parameters: [{ kind: 'member', properties: ['context'], callees: CONTEXT_FACTORY_CALLEES, index: 0 }],
  sources: {
    'event.headers': 'request header',
    'event.multiValueHeaders': 'request header',
    'event.pathParameters': 'path parameter',
    'event.queryStringParameters': 'query string',
    'event.multiValueQueryStringParameters': 'query string',
    'event.body': 'request body',
    'event.cookies': 'cookie',
    'req.headers': 'request header',
    'req.query': 'query string',
    'req.params': 'path parameter',
    'req.body': 'request body',
    'req.cookies': 'cookie',
    'request.headers': 'request header',
  },
  principals: [
    ['event', 'requestContext', 'authorizer'],
    ['req', 'user'],
    ['req', 'auth'],
  ],
};

/** TypeGraphQL: `@Arg('id') id`, `@Args() args`; `@CurrentUser()`-style decorators inject the caller. */
export const typeGraphqlDecorators: DecoratorModel = {
  framework: 'TypeGraphQL',
  sources: { Arg: 'GraphQL argument', Args: 'GraphQL argument' },
  principalPattern: '^(?:Current|Auth|Authenticated)(?:User|Principal|Caller|Identity|Account)(?:Id|Sub)?$',
};

/**
 * A resolver's returned item is projected by the schema's output type (SPEC §5), unless the field
 * is a JSON scalar (`graphql-type-json`, graphql-scalars' `JSONObject`, AppSync's `AWSJSON`).
 */
export const graphqlJsonResponses: ResponseModel = {
  framework: 'GraphQL',
  schemaScalars: GRAPHQL_JSON_SCALARS,
  resolverClasses: {
    classDecorators: ['Resolver'],
    // TypeGraphQL's root and field resolvers; `@nestjs/graphql`'s `@ResolveField`.
    methodDecorators: ['Query', 'Mutation', 'Subscription', 'FieldResolver', 'ResolveField'],
    scalars: JSON_SCALARS,
  },
  // A graphql-js field declared with a JSON scalar (`{ type: GraphQLJSON, resolve }`) sends its resolver's return.
  handlers: { types: [], parameters: [fieldResolver(0, JSON_SCALARS)] },
  // Every resolver of a map's root types or of a graphql-js object type answers its client, projected.
  projectedResolvers: { types: [], parameters: [{ kind: 'member', under: ROOT_TYPES, index: 0 }, fieldResolver(0)] },
};
