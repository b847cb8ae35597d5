import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Read-check-act where the later write takes its key from the same object inside a spread
 * (`Item: { ...file, ...body }` after a read keyed by `body.id`): the key the put writes is
 * `body.id`, the value whose item was checked, so the owner check scopes it. A check of the item
 * another member of the object (`body.otherId`) read says nothing of `body.id`. The audit mode is
 * used so that only the guard decides.
 */
const ruleTester = createRuleTesterWithTypes();
const options = [{ evidence: 'none' }] as const;

const code = (check: string, readKey = 'body.id') => `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
interface Body { id: string; otherId: string; title: string }
export const edit = async (event: APIGatewayProxyEvent) => {
  const sub = String(event.requestContext.authorizer?.claims.sub);
  const body = JSON.parse(event.body ?? '{}') as Body;
  const { Item: file } = await ddb.send(new GetCommand({ TableName: 'Files', Key: { id: ${readKey} } }));
  ${check}
  await ddb.send(new PutCommand({ TableName: 'Files', Item: { ...file, ...body } }));
  return { statusCode: 204, body: '' };
};`;
const put = 'Item: { ...file, ...body } }));';
const markPut = (source: string) => source.replace(put, `${put} // ✗`);
const markRead = (source: string) => source.replace(/(Key: \{ id: [^}]*\} \}\)\);)/, '$1 // ✗');

ruleTester.run('no-unscoped-key (read-check-act through an object read further on)', noUnscopedKey, {
  valid: [{ code: code("if (file?.ownerId !== sub) return { statusCode: 403, body: '' };"), options }],
  invalid: [
    // No check: both the read and the put reach anyone's file.
    { ...invalidAt(markPut(markRead(code(''))), 'unscopedKey'), options },
    // The checked item was read by `body.otherId` (that read is scoped by its check): the put's
    // `body.id` is not.
    {
      ...invalidAt(
        markPut(code("if (file?.ownerId !== sub) return { statusCode: 403, body: '' };", 'body.otherId')),
        'unscopedKey',
      ),
      options,
    },
  ],
});
