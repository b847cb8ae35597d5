import type { RequestObjectModel, ResponseModel } from '../engine/model.js';

/**
 * AWS Lambda behind API Gateway (REST and HTTP APIs), ALB and function URLs. Typed through
 * `@types/aws-lambda`; in plain JavaScript, the handler's `event` parameter is recognised by name,
 * and an exported handler's first parameter of any name (or destructured) by the event members it reads.
 */
export const lambdaEvent: RequestObjectModel = {
  framework: 'AWS Lambda',
  types: [
    {
      from: 'package',
      package: 'aws-lambda',
      name: [
        'APIGatewayProxyEvent',
        'APIGatewayProxyEventBase',
        'APIGatewayEvent',
        'APIGatewayProxyEventV2',
        'APIGatewayProxyEventV2WithRequestContext',
        'APIGatewayProxyEventV2WithJWTAuthorizer',
        'APIGatewayProxyEventV2WithLambdaAuthorizer',
        'APIGatewayProxyWithCognitoAuthorizerEvent',
        'APIGatewayProxyWithLambdaAuthorizerEvent',
        'ALBEvent',
        'LambdaFunctionURLEvent',
      ],
    },
  ],
  parameters: [
    { kind: 'named', names: ['event', 'evt'], index: 0 },
    // Any name or a destructuring pattern: an exported handler whose first parameter reads the
    // members only an API Gateway, ALB or function-URL event has (a type written by hand with all
    // of them says the same).
    {
      kind: 'shape',
      index: 0,
      properties: ['pathParameters', 'queryStringParameters', 'requestContext', 'headers', 'body'],
      reads: [
        ['pathParameters'],
        ['queryStringParameters'],
        ['multiValueQueryStringParameters'],
        ['requestContext'],
        ['rawPath'],
        ['rawQueryString'],
        ['httpMethod'],
        ['body', 'headers'],
      ],
    },
  ],
  handlerValidation: {
    wrappers: [{ from: 'package', package: '@middy/core', name: 'middy' }],
    middleware: [
      // The package's default export: `import validator from '@middy/validator'`, also where its types are not installed.
      { from: 'package', package: '@middy/validator', name: ['validator', 'default'] },
      { from: 'package', package: '@aws-lambda-powertools/parser', name: 'parser' },
    ],
    decorators: [{ from: 'package', package: '@aws-lambda-powertools/parser', name: 'parser' }],
    // `validator({ eventSchema: transpileSchema(schema) })` (middy 4+), `validator({ inputSchema })` (older).
    schemaOptions: ['eventSchema', 'inputSchema'],
    // `transpileSchema` of `@middy/validator/transpile`.
    schemaCompilers: [{ from: 'package', package: '@middy/validator', name: 'transpileSchema' }],
  },
  sources: {
    pathParameters: 'path parameter',
    queryStringParameters: 'query string',
    multiValueQueryStringParameters: 'query string',
    body: 'request body',
    headers: 'request header',
    multiValueHeaders: 'request header',
    rawPath: 'request path',
    path: 'request path',
    rawQueryString: 'query string',
    cookies: 'cookie',
  },
  principals: [
    ['requestContext', 'authorizer'],
    ['requestContext', 'identity', 'cognitoIdentityId'],
    // IAM authorization with a Cognito identity pool: `cognito-idp.<region>.amazonaws.com/<pool>,…:CognitoSignIn:<sub>`.
    ['requestContext', 'identity', 'cognitoAuthenticationProvider'],
  ],
};

/**
 * What a Lambda behind API Gateway, ALB or a function URL sends: the `body` of a result object
 * `{ statusCode, body }`, wherever it is built (returned, passed to `callback`, or made by a
 * response helper such as `json(200, item)`).
 */
export const lambdaResults: ResponseModel = {
  framework: 'Lambda',
  results: [{ required: ['statusCode'], body: 'body' }],
};

/**
 * The Lambda event's sources and callers where a framework keeps the event under a path of its
 * own object (`req.apiGateway.event`, Hono's `c.env.event`): API Gateway verified the same caller.
 */
export function lambdaEventAt(at: readonly string[]): {
  readonly sources: Readonly<Record<string, string>>;
  readonly principals: readonly (readonly string[])[];
} {
  return {
    sources: Object.fromEntries(
      Object.entries(lambdaEvent.sources ?? {}).map(([path, type]) => [[...at, path].join('.'), type]),
    ),
    principals: (lambdaEvent.principals ?? []).map((path) => [...at, ...path]),
  };
}
