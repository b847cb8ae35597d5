import type { RequestObjectModel, ResponseModel, SourceCallModel } from '../engine/model.js';

/**
 * h3 (and Nuxt server routes): the event of `defineEventHandler((event) => …)`. Request data is read
 * through h3's functions (see `h3SourceCalls`); `event.context.user`, set by server middleware,
 * is the caller.
 */
export const h3Event: RequestObjectModel = {
  framework: 'h3',
  types: [{ from: 'package', package: 'h3', name: 'H3Event' }],
  parameters: [
    { kind: 'wrapped', functions: ['defineEventHandler', 'eventHandler', 'defineCachedEventHandler'], index: 0 },
  ],
  sources: {
    'context.params': 'route parameter',
    path: 'request path',
    url: 'request URL',
    'req.url': 'request URL',
    'req.headers': 'request header',
    'node.req.url': 'request URL',
    'node.req.headers': 'request header',
  },
  principals: [
    ['context', 'user'],
    ['context', 'session'],
    ['context', 'auth'],
    ['context', 'principal'],
    ['context', 'claims'],
  ],
};

/** Readers that run a validator (their second argument) on what they read. */
const VALIDATED_READERS = ['getValidatedRouterParams', 'getValidatedQuery', 'readValidatedBody'];

const H3_SOURCES: Readonly<Record<string, string>> = {
  getRouterParam: 'route parameter',
  getRouterParams: 'route parameter',
  getValidatedRouterParams: 'route parameter',
  getQuery: 'query string',
  getValidatedQuery: 'query string',
  readBody: 'request body',
  readValidatedBody: 'request body',
  readRawBody: 'request body',
  readFormData: 'request body',
  readMultipartFormData: 'request body',
  getHeader: 'request header',
  getHeaders: 'request header',
  getRequestHeader: 'request header',
  getRequestHeaders: 'request header',
  getCookie: 'cookie',
  parseCookies: 'cookie',
  getRequestURL: 'request URL',
};

/**
 * h3's request readers. Nuxt auto-imports them, so where no import names them the most specific
 * names (`getRouterParam`, `readBody`) count by name alone; the generic ones need h3's symbol.
 */
export const h3SourceCalls: readonly SourceCallModel[] = [
  ...Object.entries(H3_SOURCES).map(([name, sourceType]) => ({
    callee: { from: 'package' as const, package: 'h3', name },
    sourceType,
    // `readValidatedBody(event, Schema.parse)`: as validated as the schema makes each field.
    ...(VALIDATED_READERS.includes(name) ? { schemaArgument: 1 } : {}),
  })),
  { callee: 'getRouterParam', sourceType: 'route parameter' },
  { callee: 'getRouterParams', sourceType: 'route parameter' },
  { callee: 'readBody', sourceType: 'request body' },
];

/** What an h3 handler returns is sent. */
export const h3Responses: ResponseModel = {
  framework: 'h3',
  handlerParameters: h3Event.types,
  handlers: h3Event,
};
