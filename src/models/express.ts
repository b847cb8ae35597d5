import type { RequestObjectModel, ResponseModel } from '../engine/model.js';

/** Methods that register route callbacks on an Express app or router (also Connect-style servers). */
export const EXPRESS_REGISTRARS = [
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'use',
  'options',
  'head',
  'param',
];

/** Express requests (and Next.js pages API requests, which share the shape): `req.params`, … and `req.user`. */
export const expressRequest: RequestObjectModel = {
  framework: 'Express',
  types: [
    { from: 'package', package: 'express-serve-static-core', name: 'Request' },
    { from: 'package', package: 'express', name: 'Request' },
    { from: 'package', package: 'next', name: 'NextApiRequest' },
  ],
  parameters: [
    { kind: 'callback', registrars: EXPRESS_REGISTRARS, index: 0 },
    { kind: 'named', names: ['req'], index: 0 },
    // NestJS hands controllers the Express request with `@Req()`.
    { kind: 'decorated', decorators: ['Req', 'Request'] },
  ],
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
  parameters: [
    { kind: 'callback', registrars: EXPRESS_REGISTRARS, index: 1 },
    { kind: 'named', names: ['res'], index: 1 },
  ],
  principals: [
    ['locals', 'user'],
    ['locals', 'auth'],
    ['locals', 'principal'],
    ['locals', 'claims'],
    ['locals', 'session'],
  ],
};

/** What Express sends: `res.json(x)`, `res.status(200).send(x)`; Next.js pages API responses share the shape. */
export const expressResponses: ResponseModel = {
  framework: 'Express',
  objects: [
    {
      types: [...expressResponse.types, { from: 'package', package: 'next', name: 'NextApiResponse' }],
      parameters: expressResponse.parameters,
      methods: ['json', 'send', 'jsonp', 'end', 'write'],
      chain: [
        'status',
        'set',
        'header',
        'setHeader',
        'type',
        'cookie',
        'clearCookie',
        'append',
        'location',
        'vary',
        'attachment',
        'links',
      ],
    },
  ],
};
