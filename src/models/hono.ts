import type { RequestObjectModel, ResponseModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';
import { lambdaEventAt } from './lambda.js';

/** Where `hono/aws-lambda`'s adapter hands a handler the Lambda event: `c.env.event`. */
const lambdaEventInBindings = lambdaEventAt(['env', 'event']);

/**
 * Hono's context: principal `c.get('jwtPayload')`, `c.var.user`. Context variables are whatever
 * middleware stored with `c.set(key, value)`: a verified token's subject is the caller, a header
 * is request data; the names count only where the program stores nothing under the key. On
 * Lambda, the API Gateway event is in the bindings, with the authorizer API Gateway verified.
 */
export const honoContext: RequestObjectModel = {
  framework: 'Hono',
  types: [{ from: 'package', package: 'hono', name: 'Context' }],
  parameters: [{ kind: 'named', names: ['c'], index: 0 }],
  sources: lambdaEventInBindings.sources,
  principals: [
    ['var', 'jwtPayload'],
    ['var', 'user'],
    ['var', 'session'],
    ['var', 'auth'],
    ...lambdaEventInBindings.principals,
  ],
  principalMethods: { get: ['jwtPayload', 'user', 'session', 'auth', 'principal'] },
  variables: { setters: ['set'], getters: ['get'], property: 'var' },
};

/** `verify(token, secret)` of `hono/jwt` (and `hono/utils/jwt`): the verified payload is the caller. */
export const honoPrincipalCalls: readonly Specifier[] = [{ from: 'package', package: 'hono', name: 'verify' }];

/** Hono's request: `c.req.param()`, `query()`, `json()`, `header()`, `valid()`. */
export const honoRequest: RequestObjectModel = {
  framework: 'Hono',
  types: [{ from: 'package', package: 'hono', name: 'HonoRequest' }],
  sources: { raw: 'request', url: 'request URL', path: 'request path' },
  sourceMethods: {
    param: 'route parameter',
    query: 'query string',
    queries: 'query string',
    header: 'request header',
    json: 'request body',
    parseBody: 'request body',
    formData: 'request body',
    text: 'request body',
    valid: 'validated request data',
  },
  // `c.req.valid('param')` hands out what `zValidator(…)`/`validator(…)` checked.
  validatedMethods: ['valid'],
};

/** What Hono sends: `c.json(x)`, `c.body(x)`. */
export const honoResponses: ResponseModel = {
  framework: 'Hono',
  objects: [{ types: honoContext.types, parameters: honoContext.parameters, methods: ['json', 'body'] }],
};
