import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Pre-authentication lookups whose item only feeds the app's own secret check (fresh-q L,
 * `recommended`): the client names an account and proves it knows the account's secret, so the
 * read is a login step, not someone else's item. The secret may be read through the low-level
 * client's attribute values (`user.Item.password.S`) and may be an API key (`x-api-key` against
 * the stored `apiKey`). The look-alikes compare attributes or client values that are no secret,
 * or send the item back.
 */
const ruleTester = createRuleTesterWithTypes();

const lambda = (body: string) => `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import jwt from 'jsonwebtoken';
const client = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(client);
const deny = (statusCode: number) => ({ statusCode, body: '' });
export const me = async (event: APIGatewayProxyEvent) => {
  const claims = jwt.verify(event.headers.authorization ?? '', 'secret') as { email: string };
  await doc.send(new PutCommand({ TableName: 'Accounts', Item: { email: claims.email, plan: 'free' } }));
  return { statusCode: 204, body: '' };
};
export const handler = async (event: APIGatewayProxyEvent) => {
${body}
};`;

const options = [{ evidence: 'required' }] as const;

const lowLevel = (compare: string) =>
  lambda(`  const { email, password, name } = JSON.parse(event.body ?? '{}') as { email: string; password: string; name: string };
  const user = await client.send(new GetItemCommand({ TableName: 'Accounts', Key: { email: { S: email } } })); // MARK
  if (!user.Item) return deny(401);
  if (${compare}) return deny(401);
  return { statusCode: 200, body: JSON.stringify({ email }) };`);

const apiKey = (compare: string) =>
  lambda(`  const key = event.headers['x-api-key'];
  const label = event.headers['x-label'];
  const email = event.headers['x-user-email'];
  const user = await doc.send(new GetCommand({ TableName: 'Accounts', Key: { email } })); // MARK
  if (!user.Item) return deny(404);
  if (${compare}) return deny(401);
  return { statusCode: 200, body: JSON.stringify({ email, projects: user.Item.projects }) };`);

const marked = (code: string) => code.replace('// MARK', '// ✗');

ruleTester.run('no-unscoped-key (logins checking a secret)', noUnscopedKey, {
  valid: [
    { code: lowLevel('user.Item.password.S !== password'), options, filename: 'file.ts' },
    { code: apiKey('key !== user.Item.apiKey'), options, filename: 'file.ts' },
  ],
  invalid: [
    // A name is no secret: comparing it proves nothing.
    { ...invalidAt(marked(lowLevel('user.Item.name.S !== name')), 'unscopedKey'), options, filename: 'file.ts' },
    // A client value that is no secret compared with the stored key.
    { ...invalidAt(marked(apiKey('label !== user.Item.apiKey')), 'unscopedKey'), options, filename: 'file.ts' },
  ],
});
