import type { RequestObjectModel } from '../engine/model.js';

/** Methods that register route callbacks on an Express app or router. */
const REGISTRARS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'param'];

/** Express (and Connect-style) requests: `req.params`, `req.query`, … and `req.user`. */
export const expressRequest: RequestObjectModel = {
  framework: 'Express',
  types: [
    { from: 'package', package: 'express-serve-static-core', name: 'Request' },
    { from: 'package', package: 'express', name: 'Request' },
  ],
  untyped: { registrars: REGISTRARS, index: 0, names: ['req', 'request'] },
  sources: {
    params: 'route parameter',
    query: 'query string',
    body: 'request body',
    headers: 'request header',
    cookies: 'cookie',
    signedCookies: 'signed cookie',
    path: 'request path',
    url: 'request URL',
    originalUrl: 'request URL',
  },
  sourceMethods: { get: 'request header', header: 'request header', param: 'request parameter' },
  principals: [['user'], ['auth'], ['session']],
};

/** `res.locals`, where authentication middleware leaves the verified caller. */
export const expressResponse: RequestObjectModel = {
  framework: 'Express',
  types: [
    { from: 'package', package: 'express-serve-static-core', name: 'Response' },
    { from: 'package', package: 'express', name: 'Response' },
  ],
  untyped: { registrars: REGISTRARS, index: 1, names: ['res', 'response'] },
  principals: [['locals', 'user'], ['locals', 'auth'], ['locals', 'principal'], ['locals', 'claims'], ['locals', 'session']],
};
