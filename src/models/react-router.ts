import type { RequestObjectModel, ResponseModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

const ARGS_TYPES: readonly Specifier[] = [
  { from: 'package', package: 'react-router', name: ['LoaderFunctionArgs', 'ActionFunctionArgs'] },
  {
    from: 'package',
    package: '@remix-run/node',
    name: ['LoaderFunctionArgs', 'ActionFunctionArgs', 'DataFunctionArgs'],
  },
  {
    from: 'package',
    package: '@remix-run/server-runtime',
    name: ['LoaderFunctionArgs', 'ActionFunctionArgs', 'DataFunctionArgs'],
  },
];

/**
 * React Router (v7 framework mode) and Remix `loader`/`action` arguments: `params` and the web
 * `request` (whose `json()`, `formData()` and `url` the web Request model reads).
 */
export const routeModuleArgs: RequestObjectModel = {
  framework: 'React Router',
  types: ARGS_TYPES,
  parameters: [{ kind: 'exported', functions: ['loader', 'action'], index: 0 }],
  sources: {
    params: 'route parameter',
    'request.url': 'request URL',
    'request.headers': 'request header',
    'request.body': 'request body',
  },
};

/** A signed server session (`createCookieSessionStorage`): `session.get('userId')` is what the server stored. */
export const routerSession: RequestObjectModel = {
  framework: 'React Router',
  types: [
    { from: 'package', package: 'react-router', name: 'Session' },
    { from: 'package', package: '@remix-run/server-runtime', name: 'Session' },
  ],
  principalMethods: { get: ['*'] },
};

/** A typed loader's or action's returned value (or `data(…)`/`json(…)` of it) is sent to the client. */
export const routeModuleResponses: ResponseModel = {
  framework: 'React Router',
  handlerParameters: ARGS_TYPES,
  handlers: routeModuleArgs,
};

/** `data(item)`, `json(item)`: the response they build carries the item. */
export const routeModulePropagators: readonly Specifier[] = [
  { from: 'package', package: 'react-router', name: 'data' },
  { from: 'package', package: '@remix-run/node', name: 'json' },
  { from: 'package', package: '@remix-run/server-runtime', name: 'json' },
];
