import type { RequestObjectModel, ResponseModel } from '../engine/model.js';

const KOA_REGISTRARS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'param'];

/** Koa with `@koa/router`: `ctx.params`, `ctx.query`, `ctx.request.body`; principal `ctx.state.user`. */
export const koaContext: RequestObjectModel = {
  framework: 'Koa',
  types: [
    {
      from: 'package',
      package: 'koa',
      name: ['Context', 'ParameterizedContext', 'BaseContext', 'ExtendableContext', 'DefaultContext'],
    },
    { from: 'package', package: '@koa/router', name: ['RouterContext', 'RouterParameterContext'] },
  ],
  parameters: [
    { kind: 'callback', registrars: KOA_REGISTRARS, index: 0, names: ['ctx', 'context'] },
    { kind: 'named', names: ['ctx', 'context'], index: 0 },
  ],
  sources: {
    params: 'route parameter',
    query: 'query string',
    querystring: 'query string',
    headers: 'request header',
    header: 'request header',
    path: 'request path',
    url: 'request URL',
    originalUrl: 'request URL',
    'request.body': 'request body',
    'request.query': 'query string',
    'request.querystring': 'query string',
    'request.headers': 'request header',
    'request.header': 'request header',
    'request.params': 'route parameter',
  },
  sourceMethods: { get: 'request header' },
  principals: [
    ['state', 'user'],
    ['state', 'auth'],
    ['state', 'jwtdata'],
  ],
};

/** What Koa sends: the value assigned to `ctx.body` (or `ctx.response.body`). */
export const koaResponses: ResponseModel = {
  framework: 'Koa',
  objects: [
    { types: koaContext.types, parameters: koaContext.parameters, properties: [['body'], ['response', 'body']] },
  ],
};
