import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * `Object.fromEntries` of a literal list of `[constant key, value]` pairs is an object with exactly
 * those members: reading one member reads only its value. A generic request parser that builds
 * `{ query, headers, body }` that way does not make a query-string id a tenant header the client
 * claims (which would make a shared table someone's), while a header read through it still is one.
 * Spaces are created by anyone and addressed by their id (a link): shared data.
 */
const ruleTester = createRuleTesterWithTypes();

const parser = `${expressHeader}const parseQuery = (req: Request) => req.query as Record<string, string>;
const parseHeaders = (req: Request) => req.headers as Record<string, string>;
const parseRequest = (req: Request) =>
  Object.fromEntries([
    ['query', parseQuery(req)],
    ['headers', parseHeaders(req)],
    ['body', req.body],
  ]) as { query: Record<string, string>; headers: Record<string, string>; body: unknown };
app.post('/space', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Spaces', Item: { pk: crypto.randomUUID(), name: String(req.body.name) } }));
  res.sendStatus(204);
});
async function spaceItems(spaceId: string) {
  const { Items } = await ddb.send(new QueryCommand({ TableName: 'Spaces', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': spaceId } }));
  return (Items ?? []).map((item) => ({ name: item.name }));
}
`;

const spaceByQuery = `app.get('/space', async (req, res) => {
  const { query } = parseRequest(req);
  res.json(await spaceItems(query.spaceId));
});
app.get('/space/direct', async (req, res) => {
  res.json(await spaceItems(parseQuery(req).spaceId));
});
`;

ruleTester.run('no-unscoped-key (Object.fromEntries of literal pairs)', unscoped, {
  valid: [
    // A space addressed by its link in an app with no login is shared data: the query string is no claimed tenant.
    parser + spaceByQuery,
  ],
  invalid: [
    // A tenant header read through the same parser is still the client's claim: the table becomes the
    // tenant's, so the read by the query-string id is reported too.
    invalidAt(
      `${parser}app.get('/space', async (req, res) => {
  res.json(await spaceItems(parseRequest(req).headers['x-tenant-id'])); // ✗
});
app.get('/space/direct', async (req, res) => {
  res.json(await spaceItems(parseQuery(req).spaceId)); // ✗
});`,
      'unscopedKey',
    ),
    // A per-user profile holding personal data, picked by a query-string id through the parser.
    invalidAt(
      `${parser}app.get('/profile', async (req, res) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Profiles', Key: { userId: parseRequest(req).query.userId } })); // ✗
  res.json({ email: Item?.email, phone: Item?.phone });
});`,
      'unscopedKey',
    ),
  ],
});
