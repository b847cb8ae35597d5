import type { RequestObjectModel, ResponseModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

const EVENT_TYPES: readonly Specifier[] = [
  { from: 'package', package: '@sveltejs/kit', name: ['RequestEvent', 'ServerLoadEvent'] },
];

/**
 * A SvelteKit server event: `+server` handlers (`GET`, `POST`, …, `fallback`), server `load` and
 * form `actions`. `params`, `url`, the web `request` and `cookies` are client data; `locals.user`,
 * set by the `handle` hook, is the caller.
 */
export const sveltekitEvent: RequestObjectModel = {
  framework: 'SvelteKit',
  types: EVENT_TYPES,
  parameters: [
    {
      kind: 'exported',
      functions: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'fallback', 'load'],
      index: 0,
    },
    { kind: 'member', under: ['actions'], index: 0 },
  ],
  sources: {
    params: 'route parameter',
    url: 'request URL',
    'request.url': 'request URL',
    'request.headers': 'request header',
    'request.body': 'request body',
    route: 'request path',
  },
  principals: [
    ['locals', 'user'],
    ['locals', 'session'],
    ['locals', 'auth'],
    ['locals', 'principal'],
    ['locals', 'claims'],
  ],
};

/** SvelteKit's `cookies`: `cookies.get('sid')` is a cookie the client sent. */
export const sveltekitCookies: RequestObjectModel = {
  framework: 'SvelteKit',
  types: [{ from: 'package', package: '@sveltejs/kit', name: 'Cookies' }],
  sourceMethods: { get: 'cookie', getAll: 'cookie' },
};

/** A typed SvelteKit handler's or form action's returned value is sent to the client. */
export const sveltekitResponses: ResponseModel = {
  framework: 'SvelteKit',
  handlerParameters: EVENT_TYPES,
  handlers: sveltekitEvent,
};

/** `json(item)` of `@sveltejs/kit`: the response it builds carries the item. */
export const sveltekitPropagators: readonly Specifier[] = [{ from: 'package', package: '@sveltejs/kit', name: 'json' }];
