import type { RequestObjectModel } from '../engine/model.js';

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
  sources: { url: 'request URL', nextUrl: 'query string', headers: 'request header', cookies: 'cookie', body: 'request body' },
  sourceMethods: { json: 'request body', formData: 'request body', text: 'request body', arrayBuffer: 'request body', blob: 'request body' },
};

/** Next.js route handlers' second argument: `GET(request, { params })`. */
export const nextRouteContext: RequestObjectModel = {
  framework: 'Next.js',
  types: [],
  parameters: [{ kind: 'exported', functions: ROUTE_HANDLERS, index: 1 }],
  sources: { params: 'route parameter' },
};
