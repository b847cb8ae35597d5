import type { DecoratorModel, RequestObjectModel, ResponseModel, SinkModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';
import { principalCalls, propagators } from './auth.js';
import { appsyncDynamodb } from './appsync-dynamodb.js';
import { awsSdkV2 } from './aws-sdk-v2.js';
import { clientDynamodb } from './client-dynamodb.js';
import { dynamodbToolbox } from './dynamodb-toolbox.js';
import { dynamoose } from './dynamoose.js';
import { electrodb } from './electrodb.js';
import { expressRequest, expressResponse, expressResponses } from './express.js';
import { fastifyRequest, fastifyResponses } from './fastify.js';
import { honoContext, honoRequest, honoResponses } from './hono.js';
import { koaContext, koaResponses } from './koa.js';
import { lambdaEvent, lambdaResults } from './lambda.js';
import { libDynamodb } from './lib-dynamodb.js';
import { nestjsDecorators, nestjsResponses } from './nestjs.js';
import { onetable } from './onetable.js';
import { projections } from './projections.js';
import { validators } from './validators.js';
import { nextRouteContext, webRequest, webResponses } from './web.js';

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
];
export const decorators: readonly DecoratorModel[] = [nestjsDecorators];
export const sinkModels: readonly SinkModel[] = [
  libDynamodb,
  clientDynamodb,
  awsSdkV2,
  electrodb,
  dynamoose,
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
  lambdaResults,
  nestjsResponses,
];
export { principalCalls, projections, propagators, validators };
export type { Specifier };
