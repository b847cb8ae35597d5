import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { lambda } from './framework-headers.js';

/**
 * SPEC §5: a single table's entities are refined by the constant prefix of the partition key
 * value; a whole constant partition value (`id: 'accounts'` vs `id: 'account_types'`) is the
 * limiting case of a prefix. One kind's personal data (the accounts' `phone`) says nothing about
 * another kind's rows (a catalog of account types), in an app where no one logs in.
 */
const ruleTester = createRuleTesterWithTypes();
const app = (
  catalogItem: string,
  read: string,
  mark = '',
) => `${lambda}import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
const TABLE = process.env.GLOBAL_SETTINGS as string;
const ACCOUNTS = 'accounts';
const ACCOUNT_TYPES = 'account_types';
export const signup = async (event: APIGatewayProxyEvent) => {
  const { phone } = JSON.parse(event.body ?? '{}') as { phone: string };
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { id: ACCOUNTS, slug: randomUUID(), phone: String(phone) } }));
  return { statusCode: 201, body: '' };
};
export const addType = async (event: APIGatewayProxyEvent) => {
  const { name } = JSON.parse(event.body ?? '{}') as { name: string };
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { id: ACCOUNT_TYPES, slug: randomUUID(), ${catalogItem} } }));
  return { statusCode: 201, body: '' };
};
export const getOne = async (event: APIGatewayProxyEvent) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: TABLE, Key: { ${read} } }));${mark}
  return { statusCode: 200, body: JSON.stringify({ name: Item?.name }) };
};`;
const slug = 'slug: event.pathParameters!.slug!';

ruleTester.run('no-unscoped-key (constant partition values)', rule, {
  valid: [
    // The account-types catalog: its rows hold a name, nobody's personal data.
    app('name: String(name)', `id: ACCOUNT_TYPES, ${slug}`),
    app('name: String(name)', `id: 'account_types', ${slug}`),
  ],
  invalid: [
    // The accounts' rows hold a phone number: a lookup by a client-chosen slug reads someone's.
    invalidAt(app('name: String(name)', `id: ACCOUNTS, ${slug}`, ' // ✗'), 'unscopedKey'),
    // The catalog's own rows hold personal data.
    invalidAt(app('name: String(name), email: String(name)', `id: ACCOUNT_TYPES, ${slug}`, ' // ✗'), 'unscopedKey'),
  ],
});
