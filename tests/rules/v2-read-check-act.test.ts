import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Read-check-act (SPEC §5) with the SDK v2 DocumentClient: `await doc.get(…).promise()` is the same
 * read as a v3 `GetCommand`, so an owner check on what it returned scopes the later delete or put
 * with the same key, as it does for v3. The audit mode is used so that only the guard decides.
 */
const ruleTester = createRuleTesterWithTypes();
const options = [{ evidence: 'none' }] as const;

const code = (
  check: string,
  deleteKey = 'fid',
) => `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DynamoDB } from 'aws-sdk';
const db = new DynamoDB.DocumentClient();
export const remove = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const sub = String(event.requestContext.authorizer?.claims.sub);
  const fid = String(event.pathParameters?.id);
  const { Item: file } = await db.get({ TableName: 'Files', Key: { file_id: fid } }).promise();
  ${check}
  await db.delete({ TableName: 'Files', Key: { file_id: ${deleteKey} } }).promise();
  return { statusCode: 204, body: '' };
};`;

ruleTester.run('no-unscoped-key (read-check-act with SDK v2 requests)', noUnscopedKey, {
  valid: [
    { code: code("if (!file || file.user_sub !== sub) return { statusCode: 403, body: '' };"), options },
    { code: code("if (file?.user_sub !== sub) throw new Error('forbidden');"), options },
  ],
  invalid: [
    // The check does not exit: both the read and the delete reach anyone's file.
    {
      code: code("if (file?.user_sub !== sub) console.warn('not the owner');"),
      options,
      errors: [
        { messageId: 'unscopedKey', line: 7 },
        { messageId: 'unscopedKey', line: 9 },
      ],
    },
    // The delete uses another key than the one whose item was checked.
    {
      ...invalidAt(
        code(
          "if (file?.user_sub !== sub) return { statusCode: 403, body: '' };",
          'String(event.queryStringParameters?.other)',
        ).replace(
          'String(event.queryStringParameters?.other) } }).promise();',
          'String(event.queryStringParameters?.other) } }).promise(); // ✗',
        ),
        'unscopedKey',
      ),
      options,
    },
  ],
});
