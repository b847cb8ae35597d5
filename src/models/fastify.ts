import type { RequestObjectModel } from '../engine/model.js';

const FASTIFY_REGISTRARS = ['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head', 'route'];

/** Fastify requests: `request.params/query/body/headers`, principal `request.user`. */
export const fastifyRequest: RequestObjectModel = {
  framework: 'Fastify',
  types: [{ from: 'package', package: 'fastify', name: 'FastifyRequest' }],
  parameters: [
    { kind: 'callback', registrars: FASTIFY_REGISTRARS, index: 0, names: ['request'] },
    { kind: 'named', names: ['request'], index: 0 },
  ],
  sources: {
    params: 'route parameter',
    query: 'query string',
    body: 'request body',
    headers: 'request header',
    cookies: 'cookie',
    url: 'request URL',
  },
  principals: [['user'], ['session', 'user']],
  // Fastify validates `schema.params/querystring/body/headers` before the handler runs.
  routeSchema: { option: 'schema', handler: 'handler', parts: { params: 'params', query: 'querystring', body: 'body', headers: 'headers' } },
};
