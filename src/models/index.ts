import type { DecoratorModel, RequestObjectModel, SinkModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';
import { principalCalls, propagators } from './auth.js';
import { awsSdkV2 } from './aws-sdk-v2.js';
import { clientDynamodb } from './client-dynamodb.js';
import { expressRequest, expressResponse } from './express.js';
import { fastifyRequest } from './fastify.js';
import { honoContext, honoRequest } from './hono.js';
import { koaContext } from './koa.js';
import { lambdaEvent } from './lambda.js';
import { libDynamodb } from './lib-dynamodb.js';
import { nestjsDecorators } from './nestjs.js';
import { validators } from './validators.js';
import { nextRouteContext, webRequest } from './web.js';

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
export const sinkModels: readonly SinkModel[] = [libDynamodb, clientDynamodb, awsSdkV2];
export { principalCalls, propagators, validators };
export type { Specifier };
