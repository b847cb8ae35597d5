import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

const ruleTester = createRuleTesterWithTypes();
const code = (body: string) => expressHeader + body;
/** Each line marked `// ✗` must get exactly one report. */
const invalid = (body: string) => invalidAt(code(body), 'unscopedKey' as const);

ruleTester.run('no-unscoped-key', rule, {
  valid: [
    // The /users/me lookup: the key is the authenticated subject.
    code(`
app.get('/users/me', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.user!.sub } }));
  res.json(out.Item);
});`),
    // Principal left by authentication middleware on res.locals.
    code(`
app.get('/profile', async (req, res) => {
  const { sub } = res.locals.user;
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: sub } }));
  res.json(out.Item);
});`),
    // GSI query scoped to the caller; the status filter is a validation matter, not scoping.
    code(`
app.get('/orders', async (req, res) => {
  const status = String(req.query.status ?? 'open');
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    IndexName: 'user-status-index',
    KeyConditionExpression: 'userId = :uid AND #status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':status': status },
  }));
  res.json(out.Items);
});`),
    // Composite key: the partition key is the caller's, the sort key comes from the route.
    code(`
app.get('/notes/:noteId', async (req, res) => {
  const out = await ddb.send(new GetCommand({
    TableName: 'App',
    Key: { pk: \`USER#\${req.user!.sub}\`, sk: \`NOTE#\${req.params.noteId}\` },
  }));
  res.json(out.Item);
});`),
    // A value mixing principal and request text is scoped (its request part is a validation matter).
    code(`
app.get('/items', async (req, res) => {
  const pk = 'USER#' + req.user!.sub + '#' + String(req.query.kind);
  const out = await ddb.send(new QueryCommand({ TableName: 'App', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }));
  res.json(out.Items);
});`),
    // Ownership checked before the delete, with an early return.
    code(`
app.delete('/users/:userId/notes/:noteId', async (req, res) => {
  if (req.params.userId !== req.user!.sub) return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { userId: req.params.userId, noteId: req.params.noteId } }));
  res.sendStatus(204);
});`),
    // The check uses a destructured alias of the same value and throws.
    code(`
app.put('/users/:userId/settings', async (req, res) => {
  const { userId } = req.params;
  if (userId !== req.user?.sub) {
    throw new Error('forbidden');
  }
  await ddb.send(new UpdateCommand({
    TableName: 'Users',
    Key: { userId },
    UpdateExpression: 'SET theme = :t',
    ExpressionAttributeValues: { ':t': String(req.body.theme) },
  }));
  res.sendStatus(204);
});`),
    // The access sits in the branch where the value equals the principal.
    code(`
app.get('/users/:userId', async (req, res) => {
  if (req.params.userId === req.user!.sub) {
    const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.params.userId } }));
    return res.json(out.Item);
  }
  res.sendStatus(403);
});`),
    // A compound negated condition: execution continues only when the ids are equal.
    code(`
app.delete('/accounts/:accountId', async (req, res) => {
  const accountId = req.params.accountId;
  if (!req.user || accountId !== req.user.sub) {
    res.status(403).json({ error: 'forbidden' });
    return;
  }
  await ddb.send(new DeleteCommand({ TableName: 'Accounts', Key: { accountId } }));
  res.sendStatus(204);
});`),
    // Get, then check the owner of what came back before it leaves the server.
    code(`
app.get('/notes/:noteId', async (req, res) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: req.params.noteId } }));
  if (!Item || Item.ownerId !== req.user!.sub) return res.sendStatus(404);
  res.json({ id: Item.noteId, text: Item.text });
});`),
    // A write conditioned on the caller owning the item.
    code(`
app.delete('/notes/:noteId', async (req, res) => {
  await ddb.send(new DeleteCommand({
    TableName: 'Notes',
    Key: { noteId: req.params.noteId },
    ConditionExpression: 'ownerId = :me',
    ExpressionAttributeValues: { ':me': req.user!.sub },
  }));
  res.sendStatus(204);
});`),
    // A put that can only create: it cannot take over an existing item.
    code(`
app.post('/handles/:handle', async (req, res) => {
  await ddb.send(new PutCommand({
    TableName: 'Handles',
    Item: { handle: req.params.handle, ownerId: req.user!.sub },
    ConditionExpression: 'attribute_not_exists(handle)',
  }));
  res.sendStatus(201);
});`),
    // A key part generated fresh for the put: it creates an item, so the client's room id takes none over
    // (audit mode, so that the evidence around the table cannot be what silences it).
    {
      code: code(`
import { randomUUID as newId } from 'node:crypto';
app.post('/rooms/:roomId/comments', async (req, res) => {
  const commentId = newId();
  await ddb.send(new PutCommand({ TableName: 'Comments', Item: { roomId: req.params.roomId, commentId: \`C#\${commentId}\`, text: String(req.body.text) } }));
  res.sendStatus(201);
});`),
      options: [{ evidence: 'none' }],
    },
    // The same id made by a function of the program whose every return is a fresh id.
    {
      code: code(`
import { randomUUID } from 'node:crypto';
const newId = async (prefix: string) => \`\${prefix}#\${randomUUID()}\`;
app.post('/rooms/:roomId/replies', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Replies', Item: { roomId: req.params.roomId, replyId: await newId('R') } }));
  res.sendStatus(201);
});`),
      options: [{ evidence: 'none' }],
    },
    // A table declared public by design.
    {
      code: code(`
app.get('/products/:sku', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Products', Key: { sku: req.params.sku } }));
  res.json(out.Item);
});`),
      options: [{ publicTables: ['Products'] }],
    },
    {
      code: code(`
const CATALOG_TABLE = 'public-catalog-v2';
app.get('/catalog/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: CATALOG_TABLE, Key: { id: req.params.id } }));
  res.json(out.Item);
});`),
      options: [{ publicTables: ['/^public-/'] }],
    },
    // A configured guard asserting ownership before the access.
    {
      code: code(`
declare function assertOwner(user: unknown, noteId: string): Promise<void>;
app.get('/notes/:noteId', async (req, res) => {
  const noteId = req.params.noteId;
  await assertOwner(req.user, noteId);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId } }));
  res.json(out.Item);
});`),
      options: [{ guards: ['assertOwner'] }],
    },
    {
      code: code(`
declare function canAccess(user: unknown, id: string): boolean;
app.delete('/files/:fileId', async (req, res) => {
  if (!canAccess(req.user, req.params.fileId)) return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Files', Key: { fileId: req.params.fileId } }));
  res.sendStatus(204);
});`),
      options: [{ guards: ['canAccess'] }],
    },
    // Constant and generated keys carry no request data.
    code(`
import { randomUUID } from 'node:crypto';
app.post('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { noteId: randomUUID(), ownerId: req.user!.sub, text: String(req.body.text) } }));
  const config = await ddb.send(new GetCommand({ TableName: 'Config', Key: { pk: 'CONFIG', sk: 'GLOBAL' } }));
  res.json(config.Item);
});`),
    // A scan whose filter binds the caller.
    code(`
app.get('/search', async (req, res) => {
  const out = await ddb.send(new ScanCommand({
    TableName: 'Docs',
    FilterExpression: 'ownerId = :me AND contains(title, :q)',
    ExpressionAttributeValues: { ':me': req.user!.sub, ':q': String(req.query.q) },
  }));
  res.json(out.Items);
});`),
    // Params built by a helper from the principal.
    code(`
function userKey(userId: string) {
  return { TableName: 'Users', Key: { userId } };
}
app.get('/me', async (req, res) => {
  const out = await ddb.send(new GetCommand(userKey(req.user!.sub)));
  res.json(out.Item);
});`),
    // Non-request data: the HTTP method, the configured table, a constant.
    code(`
app.get('/stats', async (req, res) => {
  const kind = req.method === 'GET' ? 'read' : 'write';
  const out = await ddb.send(new GetCommand({ TableName: process.env.STATS_TABLE!, Key: { pk: kind } }));
  res.json(out.Item);
});`),
    // Aliases of the principal.
    code(`
app.get('/me/notes', async (req, res) => {
  const me = req.user!;
  const owner = me.sub;
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': owner } }));
  res.json(out.Items);
});`),
    // The aggregated client's methods, scoped.
    code(`
const doc = DynamoDBDocument.from(new DynamoDBClient({}));
app.get('/me/settings', async (req, res) => {
  const out = await doc.get({ TableName: 'Settings', Key: { userId: req.user!.sub } });
  res.json(out.Item);
});`),
    // Straight-line reassignment: only the last value reaches the key.
    code(`
app.get('/whoami', async (req, res) => {
  let id = String(req.query.id);
  id = req.user!.sub;
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: id } }));
  res.json(out.Item);
});`),
    // Update keyed by owner and note: the owner part scopes it.
    code(`
app.patch('/notes/:noteId', async (req, res) => {
  await ddb.send(new UpdateCommand({
    TableName: 'Notes',
    Key: { ownerId: req.user!.sub, noteId: req.params.noteId },
    UpdateExpression: 'SET body = :b',
    ExpressionAttributeValues: { ':b': String(req.body.text) },
  }));
  res.sendStatus(204);
});`),
    // Ownership check in a layered helper: the route compares before calling the repository.
    code(`
async function deleteNote(ownerId: string, noteId: string) {
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { ownerId, noteId } }));
}
app.delete('/notes/:noteId', async (req, res) => {
  await deleteNote(req.user!.sub, req.params.noteId);
  res.sendStatus(204);
});`),
    // A function that is never called with request data.
    code(`
export async function loadForJob(jobUserId: string) {
  return ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: jobUserId } }));
}`),
    // A typed params object whose key is the caller's.
    code(`
app.get('/me/prefs', async (req, res) => {
  const params: GetCommandInput = { TableName: 'Prefs', Key: { userId: req.user!.sub } };
  const out = await ddb.send(new GetCommand(params));
  res.json(out.Item);
});`),
    // A put keyed by the caller; body fields are data, not keys.
    code(`
app.put('/me/profile', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Profiles', Item: { userId: req.user!.sub, bio: String(req.body.bio), avatarId: 'default' } }));
  res.sendStatus(204);
});`),
    // Post-read check through the loop variable of a query's items.
    code(`
app.get('/projects/:projectId/members', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Projects', Key: { projectId: req.params.projectId } }));
  const project = out.Item;
  if (project?.ownerId !== req.user!.sub) {
    return res.status(404).end();
  }
  res.json({ members: project.members });
});`),
    // An ownership check with a privilege override on the principal alone.
    code(`
app.delete('/users/:userId', async (req, res) => {
  if (req.params.userId !== req.user!.sub && req.user!.role !== 'admin') return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Users', Key: { userId: req.params.userId } }));
  res.sendStatus(204);
});`),
  ],
  invalid: [
    // The look-alike of the fresh-id create: the client names the comment too, so the put can overwrite one.
    {
      ...invalid(`
app.put('/rooms/:roomId/comments/:commentId', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Comments', Item: { roomId: req.params.roomId, commentId: req.params.commentId, text: String(req.body.text) } })); // ✗✗
  res.sendStatus(204);
});`),
      options: [{ evidence: 'none' }],
    },
    // A helper that hands back the client's id when there is one is no fresh id.
    {
      ...invalid(`
import { randomUUID } from 'node:crypto';
function idFor(given?: string) {
  if (given) return given;
  return randomUUID();
}
app.put('/rooms/:roomId/replies', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Replies', Item: { roomId: req.params.roomId, replyId: idFor(req.query.id as string | undefined) } })); // ✗✗
  res.sendStatus(204);
});`),
      options: [{ evidence: 'none' }],
    },
    // The canonical IDOR: the route parameter is the key.
    invalid(`
app.get('/users/:userId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.params.userId } })); // ✗
  res.json(out.Item);
});`),
    // Destructuring, with a rename and a default.
    invalid(`
app.get('/users/:user_id', async (req, res) => {
  const { user_id: userId } = req.params;
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId } })); // ✗
  res.json(out.Item);
});`),
    invalid(`
app.get('/invoices', async (req, res) => {
  const { invoiceId = 'latest' } = req.query as { invoiceId?: string };
  const out = await ddb.send(new GetCommand({ TableName: 'Invoices', Key: { invoiceId } })); // ✗
  res.json(out.Item);
});`),
    // Destructured in the handler's parameter list.
    invalid(`
app.get('/orders/:orderId', async ({ params: { orderId } }, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Orders', Key: { orderId } })); // ✗
  res.json(out.Item);
});`),
    // Aliases and a key object built beforehand.
    invalid(`
app.get('/docs/:docId', async (req, res) => {
  const p = req.params;
  const id = p.docId;
  const key = { docId: id }; // ✗
  const out = await ddb.send(new GetCommand({ TableName: 'Docs', Key: key }));
  res.json(out.Item);
});`),
    // Template literal and concatenation keys.
    invalid(`
app.get('/tenants/:tenantId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'App', Key: { pk: \`TENANT#\${req.params.tenantId}\`, sk: 'META' } })); // ✗
  res.json(out.Item);
});`),
    invalid(`
app.get('/accounts/:id', async (req, res) => {
  const pk = 'ACCOUNT#' + req.params.id;
  const out = await ddb.send(new GetCommand({ TableName: 'App', Key: { pk, sk: 'PROFILE' } })); // ✗
  res.json(out.Item);
});`),
    // Normalisation and numeric conversion keep the client's choice of item.
    invalid(`
app.get('/users/:email', async (req, res) => {
  const email = req.params.email.trim().toLowerCase();
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { email } })); // ✗
  res.json(out.Item);
});`),
    invalid(`
app.get('/orders/:orderNo', async (req, res) => {
  const orderNo = Number(req.params.orderNo);
  const out = await ddb.send(new GetCommand({ TableName: 'Orders', Key: { orderNo } })); // ✗
  res.json(out.Item);
});`),
    // Params built in a helper: the report goes on the argument that carries the value.
    invalid(`
function getUserParams(id: string) {
  return { TableName: 'Users', Key: { userId: id } };
}
app.get('/users/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand(getUserParams(req.params.id))); // ✗
  res.json(out.Item);
});`),
    // A repository function in the same file, two calls deep.
    invalid(`
async function findOrder(orderId: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Orders', Key: { orderId } }));
  return out.Item;
}
async function getOrder(id: string) {
  return findOrder(id);
}
app.get('/orders/:orderId', async (req, res) => {
  const order = await getOrder(req.params.orderId); // ✗
  res.json(order);
});`),
    // The params object is written in the handler and sent elsewhere.
    invalid(`
app.delete('/sessions/:sessionId', async (req, res) => {
  const params: DeleteCommandInput = {
    TableName: 'Sessions',
    Key: { sessionId: req.params.sessionId }, // ✗
  };
  await ddb.send(new DeleteCommand(params));
  res.sendStatus(204);
});`),
    // Queries keyed by a client-chosen owner, with the condition in a constant.
    invalid(`
const BY_OWNER = 'ownerId = :owner';
app.get('/notes', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Notes',
    KeyConditionExpression: BY_OWNER,
    ExpressionAttributeValues: { ':owner': String(req.query.ownerId) }, // ✗
  }));
  res.json(out.Items);
});`),
    invalid(`
app.get('/orders', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    IndexName: 'user-status-index',
    KeyConditionExpression: 'userId = :uid',
    FilterExpression: 'total > :min',
    ExpressionAttributeValues: {
      ':uid': req.query.userId, // ✗
      ':min': 10,
    },
  }));
  res.json(out.Items);
});`),
    // A scan filtered by a request value reads the whole table.
    invalid(`
app.get('/search', async (req, res) => {
  const out = await ddb.send(new ScanCommand({
    TableName: 'Users',
    FilterExpression: 'email = :email',
    ExpressionAttributeValues: { ':email': req.query.email }, // ✗
  }));
  res.json(out.Items);
});`),
    // Writes keyed by the client.
    invalid(`
app.delete('/notes/:noteId', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId: req.params.noteId } })); // ✗
  res.sendStatus(204);
});`),
    invalid(`
app.post('/profile', async (req, res) => {
  await ddb.send(new UpdateCommand({
    TableName: 'Users',
    Key: { userId: req.body.userId }, // ✗
    UpdateExpression: 'SET displayName = :n',
    ExpressionAttributeValues: { ':n': req.body.displayName },
  }));
  res.sendStatus(204);
});`),
    // A put whose item is the body: the client picks the key and overwrites any item. Audit mode:
    // this put is the only write to Notes and stores no owner, so `recommended` sees a shared table.
    {
      ...invalid(`
app.post('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: req.body })); // ✗
  res.sendStatus(201);
});`),
      options: [{ evidence: 'none' }],
    },
    // An owner column does not scope a client-chosen key: an existing item is taken over.
    invalid(`
app.put('/notes/:id', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { id: req.params.id, ownerId: req.user!.sub, text: String(req.body.text) } })); // ✗
  res.sendStatus(204);
});`),
    // Key attributes of a put are those other accesses to the table use.
    invalid(`
app.get('/boards/:boardId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Boards', Key: { boardId: req.user!.sub } }));
  res.json(out.Item);
});
app.put('/boards/:boardId', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Boards', Item: { boardId: req.params.boardId, title: 'x' } })); // ✗
  res.sendStatus(204);
});`),
    // A check that does not exit protects nothing.
    invalid(`
app.delete('/users/:userId', async (req, res) => {
  if (req.params.userId !== req.user!.sub) {
    console.warn('deleting another user');
  }
  await ddb.send(new DeleteCommand({ TableName: 'Users', Key: { userId: req.params.userId } })); // ✗
  res.sendStatus(204);
});`),
    // A check after the write comes too late.
    invalid(`
app.delete('/users/:userId', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'Users', Key: { userId: req.params.userId } })); // ✗
  if (req.params.userId !== req.user!.sub) return res.sendStatus(403);
  res.sendStatus(204);
});`),
    // Alternatives are scoped only when every alternative is.
    invalid(`
app.get('/inbox', async (req, res) => {
  const owner = req.user?.sub ?? String(req.query.owner);
  const out = await ddb.send(new QueryCommand({ TableName: 'Inbox', KeyConditionExpression: 'owner = :o', ExpressionAttributeValues: { ':o': owner } })); // ✗
  res.json(out.Items);
});`),
    invalid(`
app.get('/files/:fileId', async (req, res) => {
  const fileId = req.query.admin ? req.params.fileId : req.user!.sub;
  const out = await ddb.send(new GetCommand({ TableName: 'Files', Key: { fileId } })); // ✗
  res.json(out.Item);
});`),
    // Headers and cookies are client-controlled too.
    invalid(`
app.get('/tenant', async (req, res) => {
  const tenantId = req.get('x-tenant-id');
  const out = await ddb.send(new GetCommand({ TableName: 'Tenants', Key: { tenantId } })); // ✗
  res.json(out.Item);
});`),
    invalid(`
app.get('/cart', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Carts', Key: { cartId: req.cookies.cartId } })); // ✗
  res.json(out.Item);
});`),
    invalid(`
app.get('/org', async (req, res) => {
  const orgId = req.headers['x-org-id'] as string;
  const out = await ddb.send(new GetCommand({ TableName: 'Orgs', Key: { orgId } })); // ✗
  res.json(out.Item);
});`),
    // The aggregated client.
    invalid(`
const doc = DynamoDBDocument.from(new DynamoDBClient({}));
app.get('/users/:id', async (req, res) => {
  const out = await doc.get({ TableName: 'Users', Key: { userId: req.params.id } }); // ✗
  res.json(out.Item);
});`),
    // Untyped route callbacks (plain-JavaScript style) are recognised by shape.
    invalid(`
const router: any = express.Router();
router.get('/users/:id', async (req: any, res: any) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.params.id } })); // ✗
  res.json(out.Item);
});`),
    // A later reassignment from the request wins over the principal.
    invalid(`
app.get('/as', async (req, res) => {
  let id = req.user!.sub;
  id = String(req.query.as);
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: id } })); // ✗
  res.json(out.Item);
});`),
    // A conditional reassignment makes the key an alternative.
    invalid(`
app.get('/impersonate', async (req, res) => {
  let id = req.user!.sub;
  if (req.query.as) id = String(req.query.as);
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: id } })); // ✗
  res.json(out.Item);
});`),
    // Two request values in one key: one report each.
    invalid(`
app.get('/boards/:boardId/cards/:cardId', async (req, res) => {
  const out = await ddb.send(new GetCommand({
    TableName: 'Cards',
    Key: {
      boardId: req.params.boardId, // ✗
      cardId: req.params.cardId, // ✗
    },
  }));
  res.json(out.Item);
});`),
    // A check on another value does not scope this one.
    invalid(`
app.get('/users/:userId/notes/:noteId', async (req, res) => {
  if (req.params.userId !== req.user!.sub) return res.sendStatus(403);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: req.params.noteId } })); // ✗
  res.json(out.Item);
});`),
    // A post-read check that does not compare with the caller.
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: req.params.noteId } })); // ✗
  if (!Item) return res.sendStatus(404);
  res.json(Item);
});`),
    // Element taint through split and array destructuring.
    invalid(`
app.get('/pair', async (req, res) => {
  const [first] = String(req.query.ids).split(',');
  const out = await ddb.send(new GetCommand({ TableName: 'Items', Key: { itemId: first } })); // ✗
  res.json(out.Item);
});`),
    // Callbacks over request arrays.
    invalid(`
app.post('/bulk-get', async (req, res) => {
  const ids: string[] = req.body.ids;
  const results = await Promise.all(
    ids.map((id) => ddb.send(new GetCommand({ TableName: 'Items', Key: { itemId: id } }))), // ✗
  );
  res.json(results.map((r) => r.Item));
});`),
    // JSON payloads carried in a body field.
    invalid(`
app.post('/lookup', async (req, res) => {
  const payload = JSON.parse(req.body.payload);
  const out = await ddb.send(new GetCommand({ TableName: 'Items', Key: { itemId: payload.itemId } })); // ✗
  res.json(out.Item);
});`),
    // A closure capturing the request value: the literal is in the reading function.
    invalid(`
app.get('/reports/:reportId', async (req, res) => {
  const reportId = req.params.reportId;
  const load = () => ddb.send(new GetCommand({ TableName: 'Reports', Key: { reportId } })); // ✗
  const out = await load();
  res.json(out.Item);
});`),
    // The whole key object chosen by the client.
    invalid(`
app.post('/get', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Items', Key: req.body.key })); // ✗
  res.json(out.Item);
});`),
    invalid(`
app.get('/things/:thingId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Things', Key: { ...req.params } })); // ✗
  res.json(out.Item);
});`),
    // A handler declared separately and typed with Express's Request.
    invalid(`
async function getInvoice(req: Request, res: Response) {
  const out = await ddb.send(new GetCommand({ TableName: 'Invoices', Key: { invoiceId: req.params.invoiceId } })); // ✗
  res.json(out.Item);
}
app.get('/invoices/:invoiceId', getInvoice);`),
    // A custom request type extending Express's.
    invalid(`
interface AuthedRequest extends Request<{ teamId: string }> { tenant?: string }
app.get('/teams/:teamId', async (req: AuthedRequest, res: Response) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Teams', Key: { teamId: req.params.teamId } })); // ✗
  res.json(out.Item);
});`),
    // Helper returning only the key.
    invalid(`
const keyOf = (noteId: string) => ({ noteId });
app.get('/n/:noteId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: keyOf(req.params.noteId) })); // ✗
  res.json(out.Item);
});`),
    // The guard option names another function: this call is not a guard.
    {
      ...invalid(`
declare function logAccess(user: unknown, id: string): void;
app.get('/notes/:noteId', async (req, res) => {
  logAccess(req.user, req.params.noteId);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: req.params.noteId } })); // ✗
  res.json(out.Item);
});`),
      options: [{ guards: ['assertOwner'] }],
    },
    // A public-tables entry for another table does not silence this one.
    {
      ...invalid(`
app.get('/users/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.params.id } })); // ✗
  res.json(out.Item);
});`),
      options: [{ publicTables: ['Products', '/^public-/'] }],
    },
    // An override the client controls is no check at all.
    invalid(`
app.delete('/users/:userId', async (req, res) => {
  if (req.params.userId !== req.user!.sub && req.query.force !== 'yes') return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Users', Key: { userId: req.params.userId } })); // ✗
  res.sendStatus(204);
});`),
  ],
});
