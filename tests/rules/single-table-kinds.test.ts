import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { lintRule } from '../lint-text.js';

/**
 * SPEC §5, kinds of item in a single-table design, in an app that logs anyone in: the kind of an
 * item is named by the most specific constant prefix of its key (`DASHBOARD#` under `USER#<id>`),
 * and the partition's principal prefix makes it owned by that principal, not the principal's own
 * record. The evidence about kinds then applies to it: a kind every write puts in a constant
 * category of an index (`GSI1PK: 'DASHBOARD'`) that a handler lists whole to anyone, the client
 * picking the category (`GSI1PK = :kind`), is listed, so `recommended` leaves out its reads by id.
 */
const ruleTester = createRuleTesterWithTypes();

const publish = `
app.post('/dashboards', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'App', Item: { pk: \`USER#\${req.user!.sub}\`, sk: \`DASHBOARD#\${String(req.body.slug)}\`, name: String(req.body.name), GSI1PK: 'DASHBOARD', GSI1SK: 0 } }));
  res.sendStatus(201);
});`;
const popular = `
app.get('/popular/:kind', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'App', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :kind', ExpressionAttributeValues: { ':kind': String(req.params.kind).toUpperCase() } }));
  res.json(out.Items);
});`;
const readDashboard = (mark: string) => `
app.get('/users/:id/dashboards/:slug', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'App', Key: { pk: \`USER#\${req.params.id}\`, sk: \`DASHBOARD#\${req.params.slug}\` } }));${mark}
  res.json(out.Item);
});`;

// Through a wrapper object whose methods take the input (`dynamoDb.query(params)`).
const wrapped = `${expressHeader}
const db = {
  put: (params: any) => ddb.put(params),
  get: (params: any) => ddb.get(params),
  query: (params: any) => ddb.query(params),
};
app.post('/dashboards', async (req, res) => {
  await db.put({ TableName: 'App', Item: { pk: \`USER#\${req.user!.sub}\`, sk: \`DASHBOARD#\${String(req.body.slug)}\`, name: String(req.body.name), GSI1PK: 'DASHBOARD' } });
  res.sendStatus(201);
});
app.get('/popular/:kind', async (req, res) => {
  const out = await db.query({ TableName: 'App', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :kind', ExpressionAttributeValues: { ':kind': String(req.params.kind) } });
  res.json(out);
});
app.get('/users/:id/dashboards/:slug', async (req, res) => {
  res.json(await db.get({ TableName: 'App', Key: { pk: \`USER#\${req.params.id}\`, sk: \`DASHBOARD#\${req.params.slug}\` } }));
});`;
const ddbAsDocument = (code: string) =>
  code.replace('const ddb = DynamoDBDocumentClient.from(', 'const ddb = DynamoDBDocument.from(');

// Look-alike: a private kind under the same partitions, never in a category (no GSI1PK), read by another user's id.
const privateKind = `${expressHeader}${publish}${popular}
app.post('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'App', Item: { pk: \`USER#\${req.user!.sub}\`, sk: \`NOTE#\${crypto.randomUUID()}\`, body: String(req.body.text) } }));
  res.sendStatus(201);
});
app.get('/users/:id/notes/:note', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'App', Key: { pk: \`USER#\${req.params.id}\`, sk: \`NOTE#\${req.params.note}\` } })); // ✗ ✗
  res.json(out.Item);
});`;
// Look-alike: the principal's own record (\`sk: USER#<id>\`) beside the listed kinds, read whole by a client id.
const principalRecord = `${expressHeader}${publish}${popular}
app.post('/profile', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'App', Item: { pk: \`USER#\${req.user!.sub}\`, sk: \`USER#\${req.user!.sub}\`, name: String(req.body.name) } }));
  res.sendStatus(201);
});
app.get('/users/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'App', Key: { pk: \`USER#\${req.params.id}\`, sk: \`USER#\${req.params.id}\` } })); // ✗ ✗
  res.json(out.Item);
});`;

// No listing: a dashboard read by another user's id is its owner's.
const unlisted = `${expressHeader}${publish}${readDashboard(' // ✗ ✗')}`;
// A kind the program only reads under a principal's partition is still that principal's.
const readOnlyKind = `${expressHeader}
app.get('/users/:id/orders/:order', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  const out = await ddb.send(new GetCommand({ TableName: 'App', Key: { pk: \`USER#\${req.params.id}\`, sk: \`ORDER#\${req.params.order}\` } })); // ✗ ✗
  res.json(out.Item);
});`;

ruleTester.run('no-unscoped-key: kinds of item under a principal partition', noUnscopedKey, {
  valid: [
    // Every dashboard is listed whole to anyone by the category index: one read by id shows nothing more.
    { code: `${expressHeader}${publish}${popular}${readDashboard('')}` },
    { code: ddbAsDocument(wrapped) },
  ],
  invalid: [
    invalidAt(unlisted, 'unscopedKey'),
    invalidAt(readOnlyKind, 'unscopedKey'),
    invalidAt(privateKind, 'unscopedKey'),
    invalidAt(principalRecord, 'unscopedKey'),
  ],
});

describe('no-unscoped-key names the kind under a principal partition, not the principal', () => {
  it('a kind the program writes: its owner is who the write stores', async () => {
    const messages = await lintRule('no-unscoped-key', unlisted);
    expect(messages).toHaveLength(2);
    for (const { message } of messages)
      expect(message).toMatch(/; DASHBOARD# items belong to users: line \d+ stores pk/);
  });

  it('a kind the program only reads: the principal whose partition holds it', async () => {
    const messages = await lintRule('no-unscoped-key', readOnlyKind);
    expect(messages).toHaveLength(2);
    for (const { message } of messages)
      expect(message).toMatch(/; ORDER# items belong to users: they are keyed by USER#<id>\.$/);
  });
});
