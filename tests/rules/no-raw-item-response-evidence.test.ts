import noRawItemResponse from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §5 for raw items read inside a data-access wrapper (`db.get(params)` with the table named
 * by its caller): the item is of the entity the caller names, so the evidence about that entity
 * decides, as it does for a read written in the handler. Each case uses table names of its own.
 */
const ruleTester = createRuleTesterWithTypes();
const code = (body: string) => `${expressHeader}
class Store {
  get(params: GetCommandInput) {
    return ddb.send(new GetCommand(params));
  }
}
const store = new Store();
${body}`;

ruleTester.run('no-raw-item-response (evidence through a wrapper)', noRawItemResponse, {
  valid: [
    // A shared shelf of records with nothing sensitive, read through the wrapper.
    code(`app.post('/shelf', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Shelf', Item: { shelfId: crypto.randomUUID(), title: String(req.body.title), year: Number(req.body.year) } }));
  res.sendStatus(201);
});
app.get('/shelf/:id', async (req, res) => {
  const out = await store.get({ TableName: 'Shelf', Key: { shelfId: req.params.id } });
  res.json(out.Item);
});`),
    // The same through a helper that takes the table's name.
    code(`const list = (table: string) =>
  ddb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'all' } }));
app.post('/boards', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Boards', Item: { pk: 'all', boardId: crypto.randomUUID(), title: String(req.body.title) } }));
  res.sendStatus(201);
});
app.get('/boards', async (req, res) => {
  res.json((await list('Boards')).Items);
});`),
    // (c) a principal's record read by another caller's key, known to hold only a display name: the
    // IDOR is the finding (no-unscoped-key); the whole item shows no more than a projection would.
    code(`app.put('/members/me', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Members', Item: { memberId: req.user!.sub, displayName: String(req.body.displayName) } }));
  res.sendStatus(204);
});
app.get('/members/:id', async (req, res) => {
  const out = await store.get({ TableName: 'Members', Key: { memberId: req.params.id } });
  res.json(out.Item);
});`),
  ],
  invalid: [
    // The same record when it also holds personal data.
    invalidAt(
      code(`app.put('/members/me', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Members', Item: { memberId: req.user!.sub, displayName: String(req.body.displayName), email: String(req.body.email) } }));
  res.sendStatus(204);
});
app.get('/members/:id', async (req, res) => {
  const out = await store.get({ TableName: 'Members', Key: { memberId: req.params.id } });
  res.json(out.Item); // ✗
});`),
      'rawItem',
    ),
    // The same when the personal data is only declared by the type of a helper's item parameter.
    invalidAt(
      code(`interface Member { memberId: string; displayName: string; email: string }
async function saveMember(item: Member) {
  await ddb.send(new PutCommand({ TableName: 'Members', Item: item }));
}
app.put('/members/me', async (req, res) => {
  await saveMember({ memberId: req.user!.sub, displayName: String(req.body.displayName), email: String(req.body.email) });
  res.sendStatus(204);
});
app.patch('/members/me', async (req, res) => {
  await ddb.send(new UpdateCommand({ TableName: 'Members', Key: { memberId: req.user!.sub }, UpdateExpression: 'SET displayName = :d', ExpressionAttributeValues: { ':d': String(req.body.displayName) } }));
  res.sendStatus(204);
});
app.get('/members/:id', async (req, res) => {
  const out = await store.get({ TableName: 'Members', Key: { memberId: req.params.id } });
  res.json(out.Item); // ✗
});`),
      'rawItem',
    ),
    // (b) the entity the caller names holds a sensitive attribute.
    invalidAt(
      code(`app.post('/agents', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Agents', Item: { agentId: crypto.randomUUID(), title: String(req.body.title), apiKey: crypto.randomUUID() } }));
  res.sendStatus(201);
});
app.get('/agents/:id', async (req, res) => {
  const out = await store.get({ TableName: 'Agents', Key: { agentId: req.params.id } });
  res.json(out.Item); // ✗
});`),
      'rawItem',
    ),
    invalidAt(
      code(`const list = (table: string) =>
  ddb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'all' } }));
app.post('/keys', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Keyring', Item: { pk: 'all', keyId: crypto.randomUUID(), secret: crypto.randomUUID() } }));
  res.sendStatus(201);
});
app.get('/keys', async (req, res) => {
  res.json((await list('Keyring')).Items); // ✗
});`),
      'rawItem',
    ),
  ],
});

/** What an item holds includes the attributes written inside its maps and lists (`cards: [{ token }]`). */
const nested = (attribute: string) => `${expressHeader}
app.post('/wallets', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  await ddb.send(new PutCommand({ TableName: 'Wallets', Item: { walletId: crypto.randomUUID(), cards: [{ ${attribute}: String(req.body.card) }] } }));
  res.sendStatus(201);
});
app.get('/wallets', async (req, res) => {
  const out = await ddb.send(new ScanCommand({ TableName: 'Wallets' }));
  res.json(out.Items); // ✗
});`;

ruleTester.run('no-raw-item-response (nested attributes)', noRawItemResponse, {
  // A content digest (\`fileHash\`) is no credential; a bare \`hash\` or a key's hash is one.
  valid: [nested('label').replace(' // ✗', ''), nested('fileHash').replace(' // ✗', '')],
  invalid: [
    invalidAt(nested('token'), 'rawItem'),
    invalidAt(nested('hash'), 'rawItem'),
    invalidAt(nested('keyHash'), 'rawItem'),
  ],
});
