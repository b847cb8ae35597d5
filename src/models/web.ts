import type { RequestObjectModel, ResponseModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

const ROUTE_HANDLERS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * The web-standard `Request` (Next.js app-router route handlers, Hono's `c.req.raw`, workers):
 * `await request.json()`, `request.nextUrl.searchParams`, `new URL(request.url).searchParams`.
 */
export const webRequest: RequestObjectModel = {
  framework: 'Web Request',
  types: [
    { from: 'lib', name: 'Request' },
    { from: 'package', package: 'undici-types', name: 'Request' },
    { from: 'package', package: 'next', name: 'NextRequest' },
  ],
  parameters: [{ kind: 'exported', functions: ROUTE_HANDLERS, index: 0 }],
  sources: {
    url: 'request URL',
    nextUrl: 'query string',
    headers: 'request header',
    cookies: 'cookie',
    body: 'request body',
  },
  sourceMethods: {
    json: 'request body',
    formData: 'request body',
    text: 'request body',
    arrayBuffer: 'request body',
    blob: 'request body',
  },
};

/** Next.js route handlers' second argument: `GET(request, { params })`. */
export const nextRouteContext: RequestObjectModel = {
  framework: 'Next.js',
  types: [],
  parameters: [{ kind: 'exported', functions: ROUTE_HANDLERS, index: 1 }],
  sources: { params: 'route parameter' },
};

/** The web `Response` (global in Node.js through undici) and Next.js's `NextResponse`. */
const RESPONSE_CLASSES: readonly Specifier[] = [
  { from: 'lib', name: 'Response' },
  { from: 'package', package: '@types/node', name: 'Response' },
  { from: 'package', package: 'undici-types', name: 'Response' },
  { from: 'package', package: 'next', name: 'NextResponse' },
];

/** What route handlers send: `NextResponse.json(x)`, `Response.json(x)`, `new Response(JSON.stringify(x))`. */
export const webResponses: ResponseModel = {
  framework: 'Web Response',
  staticMethods: [{ classes: RESPONSE_CLASSES, methods: ['json'] }],
  constructors: RESPONSE_CLASSES,
};
