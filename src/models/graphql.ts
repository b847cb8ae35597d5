import type { DecoratorModel, RequestObjectModel } from '../engine/model.js';

/** The root types of a GraphQL resolver map (Apollo Server, GraphQL Yoga, Mercurius, graphql-tools). */
const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'];

/** `Query: { note: (parent, args, context, info) => … }`: the arguments are client data. */
export const graphqlArguments: RequestObjectModel = {
  framework: 'GraphQL',
  types: [],
  parameters: [{ kind: 'member', under: ROOT_TYPES, index: 1 }],
  whole: 'GraphQL argument',
};

/** The resolver's context: the user that the server's context function put there is the caller. */
export const graphqlContext: RequestObjectModel = {
  framework: 'GraphQL',
  types: [],
  parameters: [{ kind: 'member', under: ROOT_TYPES, index: 2 }],
  principals: [['user'], ['currentUser'], ['viewer'], ['session'], ['auth'], ['principal'], ['claims']],
};

/** TypeGraphQL: `@Arg('id') id`, `@Args() args`; `@CurrentUser()`-style decorators inject the caller. */
export const typeGraphqlDecorators: DecoratorModel = {
  framework: 'TypeGraphQL',
  sources: { Arg: 'GraphQL argument', Args: 'GraphQL argument' },
  principalPattern: '^(?:Current|Auth|Authenticated)(?:User|Principal|Caller|Identity|Account)(?:Id|Sub)?$',
};
