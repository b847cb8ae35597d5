import type { RequestObjectModel, ResponseModel } from '../engine/model.js';

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
  routeSchema: {
    option: 'schema',
    handler: 'handler',
    parts: { params: 'params', query: 'querystring', body: 'body', headers: 'headers' },
  },
};

/** What Fastify sends: `reply.send(x)`, and the value a route handler returns. */
export const fastifyResponses: ResponseModel = {
  framework: 'Fastify',
  objects: [
    {
      types: [{ from: 'package', package: 'fastify', name: 'FastifyReply' }],
      parameters: [{ kind: 'callback', registrars: FASTIFY_REGISTRARS, index: 1, names: ['reply', 'rep', 'res'] }],
      methods: ['send'],
      chain: ['code', 'status', 'header', 'headers', 'type', 'serializer', 'removeHeader'],
    },
  ],
  handlerRegistrars: [
    {
      types: [{ from: 'package', package: 'fastify', name: 'FastifyInstance' }],
      methods: FASTIFY_REGISTRARS,
      handlerProperty: 'handler',
    },
  ],
  handlerParameters: [{ from: 'package', package: 'fastify', name: 'FastifyReply' }],
};
