import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * A token an authorizer of the program verified (an API Gateway Lambda authorizer that checks the
 * bearer token and answers with a policy) is the caller when a handler of the same package decodes
 * it again without checking the signature (`jwt.decode`), the shape of many serverless apps.
 * Without such an authorizer, or decoding anything but that header, a decoded token is request data.
 */
const ruleTester = createRuleTesterWithTypes();

const authorizer = (
  check: string,
) => `export const authorize = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const token = event.authorizationToken.split(' ')[1];
  const payload = ${check};
  return { principalId: payload.sub, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] } };
};`;
const verifying = authorizer(`verify(token, String(process.env.CERT)) as { sub: string }`);
const decodingOnly = authorizer(`decode(token) as { sub: string }`);

const app = (gate: string, tokenOf = `event.headers.Authorization!.split(' ')[1]`) => `import AWS from 'aws-sdk';
import { decode, verify } from 'jsonwebtoken';
import type { APIGatewayAuthorizerResult, APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
const docClient = new AWS.DynamoDB.DocumentClient();
${gate}
function userIdOf(event: APIGatewayProxyEvent): string {
  return (decode(${tokenOf}) as { sub: string }).sub;
}
export const deleteTodo = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  await docClient.delete({ TableName: 'Todos', Key: { userId: userIdOf(event), todoId: String(event.pathParameters?.todoId) } }).promise(); // ✗✗
  return { statusCode: 204, body: '' };
};`;

const quiet = (text: string) => text.replace(' // ✗✗', '');

ruleTester.run('no-unscoped-key (tokens a gateway authorizer verified)', noUnscopedKey, {
  valid: [
    { code: quiet(app(verifying)), options: [{ evidence: 'none' }] },
    { code: quiet(app(verifying)), options: [{ evidence: 'required' }] },
  ],
  invalid: [
    // No authorizer in the program: the decoded header is the client's claim.
    { ...invalidAt(app(''), 'unscopedKey'), options: [{ evidence: 'none' }] },
    // An authorizer that only decodes lets any token through.
    { ...invalidAt(app(decodingOnly), 'unscopedKey'), options: [{ evidence: 'none' }] },
    // A token from the body is not the one the authorizer checked.
    {
      ...invalidAt(app(verifying, `JSON.parse(event.body ?? '{}').token`), 'unscopedKey'),
      options: [{ evidence: 'none' }],
    },
  ],
});
