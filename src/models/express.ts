import type { RequestObjectModel, ResponseModel } from '../engine/model.js';
import { lambdaEventAt } from './lambda.js';

/**
 * Where Express-on-Lambda middleware (`aws-serverless-express/middleware`'s and
 * `@vendia/serverless-express`'s `eventContext()`, the AWS Amplify CLI REST template) leaves the
 * API Gateway event it serves: `req.apiGateway.event`. Its authorizer and Cognito identity are the
 * caller API Gateway verified, exactly as on the Lambda event itself.
 */
const LAMBDA_EVENT_ON_REQUEST = ['apiGateway', 'event'];
const lambdaEventOnRequest = lambdaEventAt(LAMBDA_EVENT_ON_REQUEST);

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
  // and guards, interceptors and parameter decorators through their `ExecutionContext`.
  returnedBy: [{ from: 'package', package: '@nestjs/common', name: 'getRequest' }],
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
    ...lambdaEventOnRequest.sources,
  },
  sourceMethods: { get: 'request header', header: 'request header', param: 'request parameter' },
  principals: [['user'], ['auth'], ['session'], ...lambdaEventOnRequest.principals], // The middleware sets `req.apiGateway` on every request it serves: code that tests it (the Amplify
  // template's `if (userIdPresent && req.apiGateway) … else …`) takes the other branch only when run
  // locally without the middleware, never in production.
  present: [LAMBDA_EVENT_ON_REQUEST.slice(0, 1)],
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
