import type { RequestObjectModel, ResponseModel } from '../engine/model.js';

const ELYSIA_REGISTRARS = ['get', 'post', 'put', 'patch', 'delete', 'all', 'route', 'ws'];

/**
 * Elysia's handler context: `params`, `query`, `body`, `headers`, `cookie` are client data; a
 * `user` (or session) that `derive`/`resolve` added from a verified token is the caller.
 */
export const elysiaContext: RequestObjectModel = {
  framework: 'Elysia',
  types: [{ from: 'package', package: 'elysia', name: ['Context', 'PreContext'] }],
  parameters: [
    // Elysia infers each handler's context as an anonymous type: its members say what it is.
    { kind: 'shape', index: 0, properties: ['params', 'query', 'body', 'headers', 'cookie', 'set', 'store'] },
    { kind: 'callback', registrars: ELYSIA_REGISTRARS, index: 0, names: ['ctx', 'context', 'c'] },
  ],
  sources: {
    params: 'route parameter',
    query: 'query string',
    body: 'request body',
    headers: 'request header',
    cookie: 'cookie',
    path: 'request path',
    'request.url': 'request URL',
    'request.headers': 'request header',
  },
  principals: [['user'], ['session'], ['auth'], ['principal'], ['claims'], ['jwtPayload']],
  // `app.get('/n/:id', handler, { params: t.Object({ id: t.String({ format: 'uuid' }) }) })` validates `params.id`.
  routeSchema: { handler: 'handler', parts: { params: 'params', query: 'query', body: 'body', headers: 'headers' } },
};

/** What an Elysia handler returns is sent, with or without a context parameter (`app.get('/x', () => items)`). */
export const elysiaResponses: ResponseModel = {
  framework: 'Elysia',
  handlerParameters: elysiaContext.types,
  handlers: elysiaContext,
  handlerRegistrars: [
    {
      // The class is the package's default export, whose symbol is named `default`.
      types: [{ from: 'package', package: 'elysia', name: ['Elysia', 'default'] }],
      methods: ELYSIA_REGISTRARS.filter((method) => method !== 'ws'),
    },
  ],
};
