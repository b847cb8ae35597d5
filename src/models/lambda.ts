import type { RequestObjectModel } from '../engine/model.js';

/**
 * AWS Lambda behind API Gateway (REST and HTTP APIs), ALB and function URLs. Typed through
 * `@types/aws-lambda`; in plain JavaScript, the handler's `event` parameter is recognised by name
 * and the shape of what it reads.
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
  parameters: [{ kind: 'named', names: ['event', 'evt'], index: 0 }],
  handlerValidation: {
    wrappers: [{ from: 'package', package: '@middy/core', name: 'middy' }],
    middleware: [
      { from: 'package', package: '@middy/validator', name: 'validator' },
      { from: 'package', package: '@aws-lambda-powertools/parser', name: 'parser' },
    ],
    decorators: [{ from: 'package', package: '@aws-lambda-powertools/parser', name: 'parser' }],
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
  ],
};
