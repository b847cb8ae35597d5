import type {
  DecoratorModel,
  RequestObjectModel,
  ResponseModel,
  SinkModel,
  SourceCallModel,
  ValueCallbackModel,
  KeyedReadModel,
  CallbackRunnerModel,
  ContainerModel,
  DeploymentModel,
  PipelineModel,
} from '../engine/model.js';
import type { Specifier } from '../engine/types.js';
import { textTransforms } from './text-transforms.js';
import { principalCalls as authPrincipalCalls, propagators as authPropagators } from './auth.js';
import { amplifyNextServerRunner, amplifyServerPrincipalCalls } from './amplify.js';
import { appsyncDynamodb, appsyncPropagators } from './appsync-dynamodb.js';
import {
  appsyncJsonResponses,
  appsyncPipelines,
  appsyncResolverContext,
  appsyncResolverEvent,
  appsyncUntypedEvent,
  appsyncInvokedContext,
} from './appsync.js';
import { elysiaContext, elysiaResponses } from './elysia.js';
import {
  apolloDataSources,
  decoratedGraphqlContext,
  graphqlArguments,
  graphqlContext,
  graphqlContextFunction,
  graphqlJsonResponses,
  typeGraphqlDecorators,
} from './graphql.js';
import { h3Event, h3Responses, h3SourceCalls } from './h3.js';
import { routeModuleArgs, routeModulePropagators, routeModuleResponses, routerSession } from './react-router.js';
import { serverActionArguments, serverActionResponses } from './server-actions.js';
import { sveltekitCookies, sveltekitEvent, sveltekitPropagators, sveltekitResponses } from './sveltekit.js';
import { trpcResolverOptions, trpcResponses } from './trpc.js';
import { awsSdkV2 } from './aws-sdk-v2.js';
import { clientDynamodb } from './client-dynamodb.js';
import { dynamodbToolbox } from './dynamodb-toolbox.js';
import { dynamoose } from './dynamoose.js';
import { nestjsDynamoose } from './nestjs-dynamoose.js';
import { electrodb } from './electrodb.js';
import { expressRequest, expressResponse, expressResponses } from './express.js';
import { fastifyRequest, fastifyResponses } from './fastify.js';
import { honoContext, honoPrincipalCalls, honoRequest, honoResponses } from './hono.js';
import { koaContext, koaResponses } from './koa.js';
import { lambdaEvent, lambdaResults } from './lambda.js';
import { libDynamodb } from './lib-dynamodb.js';
import { nestjsDecorators, nestjsResponses } from './nestjs.js';
import { decoratorsExpressDecorators, routingControllersDecorators } from './express-decorators.js';
import { neverthrowPropagators, neverthrowResults } from './neverthrow.js';
import { awilix } from './awilix.js';
import { dataLoader } from './dataloader.js';
import { samTemplate, serverlessTemplate } from './deployments.js';
import { onetable } from './onetable.js';
import { projections } from './projections.js';
import { schemaLibraries } from './schemas.js';
import { validators } from './validators.js';
import { nextRouteContext, webRequest, webResponses } from './web.js';
import { nextServerSideContext, nextServerSideProps } from './next-pages.js';

/** The frameworks and SDKs the plugin knows out of the box. */
// Order matters only for untyped parameters: the models that ask for a parameter name come first.
export const requestObjects: readonly RequestObjectModel[] = [
  koaContext,
  fastifyRequest,
  expressRequest,
  expressResponse,
  lambdaEvent,
  honoContext,
  honoRequest,
  webRequest,
  nextRouteContext,
  nextServerSideContext,
  trpcResolverOptions,
  appsyncResolverEvent,
  appsyncResolverContext,
  appsyncUntypedEvent,
  appsyncInvokedContext,
  routeModuleArgs,
  routerSession,
  sveltekitEvent,
  sveltekitCookies,
  h3Event,
  elysiaContext,
  graphqlArguments,
  graphqlContext,
  decoratedGraphqlContext,
  graphqlContextFunction,
  serverActionArguments,
];
export const decorators: readonly DecoratorModel[] = [
  nestjsDecorators,
  typeGraphqlDecorators,
  decoratorsExpressDecorators,
  routingControllersDecorators,
];
/** Functions whose result is the verified caller. */
export const principalCalls: readonly Specifier[] = [
  ...authPrincipalCalls,
  ...honoPrincipalCalls,
  ...amplifyServerPrincipalCalls,
];
/** Functions whose result is client data (h3's `getRouterParam(event, 'id')`, `readBody(event)`). */
export const sourceCalls: readonly SourceCallModel[] = h3SourceCalls;
export const sinkModels: readonly SinkModel[] = [
  libDynamodb,
  clientDynamodb,
  awsSdkV2,
  electrodb,
  dynamoose,
  nestjsDynamoose,
  dynamodbToolbox,
  onetable,
  appsyncDynamodb,
];
/** Where each framework hands a value to the HTTP response. */
export const responseModels: readonly ResponseModel[] = [
  expressResponses,
  fastifyResponses,
  koaResponses,
  honoResponses,
  webResponses,
  nextServerSideProps,
  lambdaResults,
  nestjsResponses,
  routeModuleResponses,
  sveltekitResponses,
  h3Responses,
  elysiaResponses,
  trpcResponses,
  serverActionResponses,
  graphqlJsonResponses,
  appsyncJsonResponses,
];
/** Library functions whose result carries their arguments (response builders such as SvelteKit's `json(item)`, HTML sanitizers). */
export const propagators: readonly Specifier[] = [
  ...authPropagators,
  ...routeModulePropagators,
  ...appsyncPropagators,
  ...sveltekitPropagators,
  ...neverthrowPropagators,
  ...textTransforms,
];
/** Result and option types whose callbacks receive the value they hold. */
export const valueCallbacks: readonly ValueCallbackModel[] = [neverthrowResults];
/** Loaders that read items by key through a batch function. */
export const keyedReads: readonly KeyedReadModel[] = [dataLoader];
/** Library functions that run a callback of their options and answer with its result. */
export const callbackRunners: readonly CallbackRunnerModel[] = [amplifyNextServerRunner];
/** Dependency-injection containers that hand out registered classes and values by name. */
export const containers: readonly ContainerModel[] = [awilix, apolloDataSources];
/** Deployment templates that give each function its environment variables. */
export const deployments: readonly DeploymentModel[] = [samTemplate, serverlessTemplate];
/** Pipeline resolvers whose functions' order their file names give. */
export const pipelines: readonly PipelineModel[] = [appsyncPipelines];
export { projections, schemaLibraries, validators };
export { gatewayAuthorizers, principalCommands } from './auth.js';
export type { Specifier };
