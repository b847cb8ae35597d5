import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { auditMode } from './audit-mode.js';

/** Mutation, classes, closures and multi-statement builders inside one file. */
const ruleTester = createRuleTesterWithTypes();
const code = (body: string) => expressHeader + body;
const invalid = (body: string) => invalidAt(code(body), 'unscopedKey' as const);

ruleTester.run('no-unscoped-key (flow)', rule, {
  valid: [
    // Properties set after creation, from the principal.
    code(`
app.get('/me', async (req, res) => {
  const params: Partial<GetCommandInput> = { TableName: 'Users' };
  params.Key = { userId: req.user!.sub };
  res.json((await ddb.send(new GetCommand(params as GetCommandInput))).Item);
});`),
    // A filter added conditionally to a query keyed by the caller.
    code(`
app.get('/notes', async (req, res) => {
  const params: QueryCommandInput = {
    TableName: 'Notes',
    KeyConditionExpression: 'ownerId = :me',
    ExpressionAttributeValues: { ':me': req.user!.sub },
  };
  if (req.query.tag) {
    params.FilterExpression = 'contains(tags, :tag)';
    params.ExpressionAttributeValues![':tag'] = String(req.query.tag);
  }
  res.json((await ddb.send(new QueryCommand(params))).Items);
});`),
    // A key condition assembled over statements, bound to the caller.
    code(`
app.get('/events', async (req, res) => {
  let condition = 'userId = :uid';
  const values: Record<string, unknown> = { ':uid': req.user!.sub };
  if (req.query.since) {
    condition += ' AND createdAt > :since';
    values[':since'] = String(req.query.since);
  }
  res.json((await ddb.send(new QueryCommand({ TableName: 'Events', KeyConditionExpression: condition, ExpressionAttributeValues: values }))).Items);
});`),
    // A class whose field holds the caller.
    code(`
class MeController {
  private readonly me: string;
  constructor(req: Request) {
    this.me = req.user!.sub;
  }
  async load() {
    return ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: this.me } }));
  }
}
app.get('/me2', async (req, res) => {
  res.json((await new MeController(req).load()).Item);
});`),
    // Middleware that puts the verified caller on the request.
    code(`
app.use((req, _res, next) => {
  (req as any).ownerId = req.user!.sub;
  next();
});
app.get('/mine', async (req, res) => {
  const ownerId: string = (req as any).ownerId;
  res.json((await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ownerId } }))).Items);
});`),
    // Object.assign from the principal.
    code(`
app.get('/me3', async (req, res) => {
  const params = { TableName: 'Users' } as GetCommandInput;
  Object.assign(params, { Key: { userId: req.user!.sub } });
  res.json((await ddb.send(new GetCommand(params))).Item);
});`),
    // A helper typed \`never\` ends the handler like a throw.
    code(`
function forbidden(res: Response): never {
  res.status(403).end();
  throw new Error('forbidden');
}
app.delete('/users/:userId', async (req, res) => {
  if (req.params.userId !== req.user!.sub) forbidden(res);
  await ddb.send(new DeleteCommand({ TableName: 'Users', Key: { userId: req.params.userId } }));
  res.sendStatus(204);
});`),
    // An assertion function checks the condition.
    code(`
import assert from 'node:assert';
app.delete('/notes/:ownerId/:noteId', async (req, res) => {
  assert(req.params.ownerId === req.user?.sub, 'forbidden');
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { ownerId: req.params.ownerId, noteId: req.params.noteId } }));
  res.sendStatus(204);
});`),
    // Load, check the owner, then write with the same key.
    code(`
app.delete('/notes/:noteId', async (req, res) => {
  const { noteId } = req.params;
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId } }));
  if (!Item || Item.ownerId !== req.user!.sub) return res.sendStatus(404);
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId } }));
  res.sendStatus(204);
});`),
  ],
  invalid: [
    invalid(`
app.get('/users/:id', async (req, res) => {
  const params: Partial<GetCommandInput> = { TableName: 'Users' };
  params.Key = { userId: req.params.id }; // ✗
  res.json((await ddb.send(new GetCommand(params as GetCommandInput))).Item);
});`),
    invalid(`
app.get('/notes', async (req, res) => {
  const params: QueryCommandInput = { TableName: 'Notes', KeyConditionExpression: 'ownerId = :owner', ExpressionAttributeValues: {} };
  params.ExpressionAttributeValues![':owner'] = req.query.owner; // ✗
  res.json((await ddb.send(new QueryCommand(params))).Items);
});`),
    invalid(`
app.get('/notes2', async (req, res) => {
  const params = { TableName: 'Notes', KeyConditionExpression: 'ownerId = :owner' } as QueryCommandInput;
  Object.assign(params, { ExpressionAttributeValues: { ':owner': req.query.owner } }); // ✗
  res.json((await ddb.send(new QueryCommand(params))).Items);
});`),
    // A key condition assembled over statements: both pieces are read.
    invalid(`
app.get('/events', async (req, res) => {
  let condition = 'userId = :uid';
  const values: Record<string, unknown> = { ':uid': String(req.query.user) }; // ✗
  if (req.query.since) {
    condition += ' AND createdAt > :since';
    values[':since'] = String(req.query.since); // ✗
  }
  res.json((await ddb.send(new QueryCommand({ TableName: 'Events', KeyConditionExpression: condition, ExpressionAttributeValues: values }))).Items);
});`),
    // A class field holding a route value.
    invalid(`
class NoteLoader {
  private noteId = '';
  constructor(req: Request) {
    this.noteId = req.params.noteId;
  }
  async load() {
    return ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: this.noteId } })); // ✗
  }
}
app.get('/notes/:noteId', async (req, res) => {
  res.json((await new NoteLoader(req).load()).Item);
});`),
    // Middleware that copies a route value onto the request.
    invalid(`
app.param('noteId', (req, _res, next, value) => {
  (req as any).noteId = req.params.noteId;
  next();
});
app.get('/notes/:noteId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: (req as any).noteId } })); // ✗
  res.json(out.Item);
});`),
    invalid(`
app.get('/docs/:docId', (req, res, next) => {
  res.locals.docId = req.params.docId;
  next();
}, async (_req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Docs', Key: { docId: res.locals.docId } })); // ✗
  res.json(out.Item);
});`),
    // forEach callbacks over request arrays.
    invalid(`
app.post('/purge', async (req, res) => {
  const ids: string[] = req.body.ids;
  ids.forEach((id) => {
    void ddb.send(new DeleteCommand({ TableName: 'Items', Key: { itemId: id } })); // ✗
  });
  res.sendStatus(202);
});`),
    // A conditional reassignment from the request in a loop body is still a flow.
    invalid(`
app.get('/pick', async (req, res) => {
  let target: string = req.user!.sub;
  for (const candidate of String(req.query.ids).split(',')) {
    if (candidate) target = candidate;
  }
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: target } })); // ✗
  res.json(out.Item);
});`),
    // Load and check one item (a scoped read), then write another.
    invalid(`
app.post('/notes/:noteId/move', async (req, res) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: req.params.noteId } }));
  if (!Item || Item.ownerId !== req.user!.sub) return res.sendStatus(404);
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId: String(req.body.target) } })); // ✗
  res.sendStatus(204);
});`),
  ],
});

/** `o[k]` with a variable `k` reads some property, not the one named `k`. */
ruleTester.run('no-unscoped-key (element access names)', auditMode(rule), {
  valid: [
    // A constant element name is the property.
    code(`
app.get('/users/:id', async (req, res) => {
  if (req.params['id'] !== req.user!.sub) return res.sendStatus(403);
  res.json((await ddb.send(new GetCommand({ TableName: 'Profiles', Key: { userId: req.params.id } }))).Item);
});`),
    code(`
function mustOwn(params: Record<string, string>, user: { sub: string }) {
  if (params['id'] !== user.sub) throw new Error('forbidden');
}
app.get('/users/:id', async (req, res) => {
  mustOwn(req.params, req.user!);
  res.json((await ddb.send(new GetCommand({ TableName: 'Profiles', Key: { userId: req.params.id } }))).Item);
});`),
  ],
  invalid: [
    // The check compares whichever parameter the client names, not \`id\`.
    invalid(`
app.get('/users/:id', async (req, res) => {
  const id = String(req.query.field);
  if (req.params[id] !== req.user!.sub) return res.sendStatus(403);
  res.json((await ddb.send(new GetCommand({ TableName: 'Profiles', Key: { userId: req.params.id } }))).Item); // ✗
});`),
    invalid(`
function mustOwn(params: Record<string, string>, user: { sub: string }, id: string) {
  if (params[id] !== user.sub) throw new Error('forbidden');
}
app.get('/users/:id', async (req, res) => {
  mustOwn(req.params, req.user!, String(req.query.field));
  res.json((await ddb.send(new GetCommand({ TableName: 'Profiles', Key: { userId: req.params.id } }))).Item); // ✗
});`),
  ],
});

/** A method without arguments reaches DynamoDB with what its receiver holds. */
ruleTester.run('no-unscoped-key (receiver-only calls)', auditMode(rule), {
  valid: [
    code(`
class NoteRepo {
  constructor(private readonly id: string) {}
  async get() {
    return (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: this.id } }))).Item;
  }
}
app.get('/notes/mine', async (req, res) => {
  res.json(await new NoteRepo(req.user!.sub).get());
});`),
  ],
  invalid: [
    invalid(`
class NoteRepo {
  constructor(private readonly id: string) {}
  async get() {
    return (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: this.id } }))).Item;
  }
}
app.get('/notes/:id', async (req, res) => {
  res.json(await new NoteRepo(req.params.id).get()); // ✗
});`),
    invalid(`
class NoteRepo {
  constructor(private readonly id: string) {}
  async get() {
    return (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: this.id } }))).Item;
  }
}
app.get('/notes/:id', async (req, res) => {
  const repo = new NoteRepo(req.params.id);
  res.json(await repo.get()); // ✗
});`),
  ],
});

/** An item the engine cannot see into, on a table whose keys it does not know: the usual key names decide. */
ruleTester.run('no-unscoped-key (opaque items)', auditMode(rule), {
  valid: [
    code(`
app.post('/things', async (req, res) => {
  const thing = req.body as Record<string, unknown>;
  thing.id = crypto.randomUUID();
  await ddb.send(new PutCommand({ TableName: 'Things', Item: thing }));
  res.sendStatus(201);
});`),
  ],
  invalid: [
    invalid(`
app.post('/things', async (req, res) => {
  const thing = req.body as Record<string, unknown>;
  thing.label = crypto.randomUUID();
  await ddb.send(new PutCommand({ TableName: 'Things', Item: thing })); // ✗
  res.sendStatus(201);
});`),
  ],
});

/** A put's key attributes learned from the table's key conditions, when no `Key` object names them. */
ruleTester.run('no-unscoped-key (keys from key conditions)', auditMode(rule), {
  valid: [
    // Written into the caller's own partition.
    code(`
app.put('/apikeys', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'ApiKeys', Item: { email: req.user!.email, label: String(req.body.label) } }));
  const own = await ddb.send(new QueryCommand({ TableName: 'ApiKeys', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': req.user!.email } }));
  res.json({ count: own.Count });
});`),
    // A fresh sort key in the caller's own partition.
    code(`
app.put('/entries', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Entries', Item: { email: req.user!.email, id: crypto.randomUUID(), data: String(req.body.data) } }));
  const own = await ddb.send(new GetCommand({ TableName: 'Entries', Key: { email: req.user!.email, id: String(req.query.id) } }));
  res.json({ data: own.Item?.data });
});`),
    // An index's key condition names the index's keys, not the table's.
    code(`
app.put('/apikeys', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'ApiKeys', Item: { email: req.user!.email, label: String(req.body.label) } }));
  const byLabel = await ddb.send(new QueryCommand({ TableName: 'ApiKeys', IndexName: 'byLabel', KeyConditionExpression: 'label = :l', ExpressionAttributeValues: { ':l': req.user!.email } }));
  res.json({ count: byLabel.Count });
});`),
  ],
  invalid: [
    // The client's \`user\` picks whose partition the new key lands in.
    invalid(`
app.put('/apikeys', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'ApiKeys', Item: { email: String(req.query.user), label: String(req.body.label) } })); // ✗
  const own = await ddb.send(new QueryCommand({ TableName: 'ApiKeys', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': req.user!.email } }));
  res.json({ count: own.Count });
});`),
    // A fresh sort key makes the item new, not its partition the caller's.
    invalid(`
app.put('/entries', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Entries', Item: { email: String(req.query.user), id: crypto.randomUUID(), data: String(req.body.data) } })); // ✗
  const own = await ddb.send(new GetCommand({ TableName: 'Entries', Key: { email: req.user!.email, id: String(req.query.id) } }));
  res.json({ data: own.Item?.data });
});`),
    // Through aliased names, with a sort-key condition: the body picks the partition.
    invalid(`
app.put('/apikeys', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'ApiKeys', Item: { owner: String(req.body.owner), slot: 'a', label: 'x' } })); // ✗
  const own = await ddb.send(new QueryCommand({ TableName: 'ApiKeys', KeyConditionExpression: '#o = :o AND begins_with(#s, :p)', ExpressionAttributeNames: { '#o': 'owner', '#s': 'slot' }, ExpressionAttributeValues: { ':o': req.user!.sub, ':p': 'a' } }));
  res.json({ count: own.Count });
});`),
  ],
});
