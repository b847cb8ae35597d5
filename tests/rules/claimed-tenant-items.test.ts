import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Items the program reaches by an identity the client claims (a tenant header such as
 * `x-workspace-id`) are that tenant's: an access to them by a bare id, with no tenant in its key,
 * is reported like the claimed accesses, not judged shared because no code authenticates anyone.
 */
const ruleTester = createRuleTesterWithTypes();

const views = (keyedBy: string) => {
  const claim = keyedBy === 'x-workspace-id' ? ' // ✗' : '';
  return `${expressHeader}import { randomUUID } from 'node:crypto';
app.post('/views', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Views', Item: { viewId: randomUUID(), name: String(req.body.name) } }));
  res.sendStatus(204);
});
app.get('/views', async (req, res) => {
  const workspaceId = String(req.headers['${keyedBy}']);
  const { Items } = await ddb.send(new QueryCommand({ TableName: 'Views', KeyConditionExpression: 'workspaceId = :w', ExpressionAttributeValues: { ':w': workspaceId } }));${claim}
  res.json((Items ?? []).map((view) => ({ name: view.name })));
});
app.get('/views/:id', async (req, res) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Views', Key: { viewId: req.params.id } }));${claim}
  res.json({ name: Item?.name });
});`;
};

ruleTester.run('no-unscoped-key (items of a claimed tenant)', unscoped, {
  valid: [
    // A standard header (the client's language) says nothing of whose the items are: still shared.
    views('accept-language'),
    // Neither does a bearer secret: a session id proves the caller knows it, it is no claim.
    views('x-session-id'),
  ],
  invalid: [invalidAt(views('x-workspace-id'), 'unscopedKey')],
});
