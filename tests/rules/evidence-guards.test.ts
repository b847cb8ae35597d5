import noUnscopedKey from '../../rules/no-unscoped-key.js';
import noUnvalidatedInput from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §4 and §5, the guards behind evidence: read-check-act scopes the later write, the caller's
 * own record identifies the caller, async guards, privileged access (role checks and role-gate
 * middleware), and validation through a wrapper object. Each behaviour has a vulnerable case and
 * a safe look-alike; the audit mode (`evidence: 'none'`) is used so that only the guard decides.
 */
const ruleTester = createRuleTesterWithTypes();
const code = (body: string) => expressHeader + body;
const audit = [{ evidence: 'none' }] as const;

// 1. Read-check-act: the delete after the ownership check on the fetched post.
const readCheckDelete = code(`
app.delete('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } }));
  const post = out.Item;
  if (!post || post.author !== req.user!.sub) return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Posts', Key: { id: req.params.id } }));
  res.sendStatus(204);
});`);
const readCheckDestructured = code(`
async function loadPost(id: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id } }));
  return Item;
}
app.put('/posts/:id', async (req, res) => {
  const { id } = req.params;
  const post = await loadPost(id);
  if (post?.author !== req.user!.sub) { res.sendStatus(403); return; }
  await ddb.send(new UpdateCommand({ TableName: 'Posts', Key: { id }, UpdateExpression: 'SET title = :t', ExpressionAttributeValues: { ':t': String(req.body.title) } }));
  res.sendStatus(204);
});`);
// Look-alikes: the check does not exit; the delete uses another key than the one that was checked.
const readNoExit = code(`
app.delete('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  const post = out.Item;
  if (post?.author !== req.user!.sub) console.warn('not the author');
  await ddb.send(new DeleteCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  res.sendStatus(204);
});`);
const readCheckOtherKey = code(`
app.delete('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } }));
  const post = out.Item;
  if (post?.author !== req.user!.sub) return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Posts', Key: { id: req.query.other as string } })); // ✗
  res.sendStatus(204);
});`);

// 2. The caller's own record: attributes of the user item read by the caller's key are the caller's.
const ownRecord = code(`
async function getUserByName(username: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { username } }));
  return out.Item;
}
app.delete('/articles/:slug', async (req, res) => {
  const me = await getUserByName(req.user!.sub);
  const out = await ddb.send(new GetCommand({ TableName: 'Articles', Key: { slug: req.params.slug } }));
  const article = out.Item;
  if (!me || !article || article.author !== me.username) return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Articles', Key: { slug: req.params.slug } }));
  res.sendStatus(204);
});`);
// Look-alike: the "me" record is read by a client-chosen name, so it identifies nobody.
const clientRecord = code(`
async function getUserByName(username: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { username } }));
  return out.Item;
}
app.delete('/articles/:slug', async (req, res) => {
  const me = await getUserByName(String(req.query.as)); // ✗
  const out = await ddb.send(new GetCommand({ TableName: 'Articles', Key: { slug: req.params.slug } })); // ✗
  const article = out.Item;
  if (!me || !article || article.author !== me.username) return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Articles', Key: { slug: req.params.slug } })); // ✗
  res.sendStatus(204);
});`);
// Look-alike: a record of a non-principal entity read by the caller's key is the caller's data, not the caller.
const ownSettingsRecord = code(`
app.delete('/articles/:slug', async (req, res) => {
  const out0 = await ddb.send(new GetCommand({ TableName: 'Drafts', Key: { draftId: req.user!.sub } }));
  const draft = out0.Item;
  const out = await ddb.send(new GetCommand({ TableName: 'Articles', Key: { slug: req.params.slug } })); // ✗
  const article = out.Item;
  if (!draft || !article || article.author !== draft.coauthor) return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Articles', Key: { slug: req.params.slug } })); // ✗
  res.sendStatus(204);
});`);

// 3. Async guards.
const asyncGuard = code(`
async function isOwner(user: { sub: string }, noteId: string): Promise<boolean> {
  if (noteId !== user.sub) return false;
  return true;
}
app.get('/notes/:id', async (req, res) => {
  if (!(await isOwner(req.user!, req.params.id))) return res.sendStatus(403);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } }));
  res.json({ text: out.Item?.text });
});`);
const asyncGuardConst = code(`
async function isOwner(user: { sub: string }, noteId: string): Promise<boolean> {
  if (noteId !== user.sub) return false;
  return true;
}
app.get('/notes/:id', async (req, res) => {
  const ok = await isOwner(req.user!, req.params.id);
  if (!ok) return res.sendStatus(403);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } }));
  res.json({ text: out.Item?.text });
});`);
// Look-alike: the awaited predicate's result is not acted on.
const asyncGuardIgnored = code(`
async function isOwner(user: { sub: string }, noteId: string): Promise<boolean> {
  if (noteId !== user.sub) return false;
  return true;
}
app.get('/notes/:id', async (req, res) => {
  if (await isOwner(req.user!, req.params.id)) console.log('owner');
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } })); // ✗
  res.json({ text: out.Item?.text });
});`);

// 4. Privileged access.
const privileged = (check: string) =>
  code(`
declare global { namespace Express { interface User { isAdmin?: boolean; is_manager?: boolean; groups?: string[] } } }
app.delete('/users/:userId', async (req, res) => {
  const user = req.user as { sub: string; role?: string; isAdmin?: boolean; is_manager?: boolean; groups?: string[] };
  ${check}
  await ddb.send(new DeleteCommand({ TableName: 'Users', Key: { userId: req.params.userId } }));
  res.sendStatus(204);
});`);
const notPrivileged = code(`
app.delete('/users/:userId', async (req, res) => {
  const user = req.user as { sub: string; role?: string };
  if (!user.role) return res.sendStatus(401);
  await ddb.send(new DeleteCommand({ TableName: 'Users', Key: { userId: req.params.userId } })); // ✗
  res.sendStatus(204);
});`);
const clientRole = code(`
app.delete('/users/:userId', async (req, res) => {
  if (req.body.role !== 'admin') return res.sendStatus(403);
  await ddb.send(new DeleteCommand({ TableName: 'Users', Key: { userId: req.params.userId } })); // ✗
  res.sendStatus(204);
});`);
const roleGate = code(`
function requireAdmin(req: Request, res: Response, next: () => void) {
  if (req.user?.role !== 'admin') { res.sendStatus(403); return; }
  next();
}
function requireLogin(req: Request, res: Response, next: () => void) {
  if (!req.user) { res.sendStatus(401); return; }
  next();
}
app.delete('/users/:userId', requireAdmin, async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'Users', Key: { userId: req.params.userId } }));
  res.sendStatus(204);
});
app.get('/users/:userId', requireLogin, async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.params.userId } })); // ✗
  res.json({ name: out.Item?.name });
});`);

// The owner, or an admin of the same company (policy rules 3 and 5); a company check alone is no role.
const ownerOrTenantAdmin = (other: string) =>
  code(`
app.delete('/posts/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Posts', Key: { id: req.params.id } })); // ✗
  const post = out.Item;
  if (!post) return res.sendStatus(404);
  if (post.author !== req.user!.sub && (${other} || post.companyId !== req.user!.companyId)) return res.sendStatus(403);
  res.json({ title: post.title });
});`);

ruleTester.run('no-unscoped-key (guards)', noUnscopedKey, {
  valid: [
    { code: readCheckDelete, options: audit },
    { code: readCheckDestructured, options: audit },
    { code: ownRecord, options: audit },
    { code: asyncGuard, options: audit },
    { code: asyncGuardConst, options: audit },
    { code: privileged(`if (!user.isAdmin) return res.sendStatus(403);`), options: audit },
    { code: privileged(`if (user.role !== 'admin') return res.sendStatus(403);`), options: audit },
    { code: privileged(`if (!user.groups?.includes('admin')) return res.sendStatus(403);`), options: audit },
    { code: privileged(`if (!user.is_manager) { res.status(403).send('managers only'); return; }`), options: audit },
    { code: ownerOrTenantAdmin(`req.user!.role !== 'admin'`).replace(' // ✗', ''), options: audit },
    {
      code: roleGate.replace(' // ✗', ''),
      options: audit,
      settings: { 'dynamodb-security': { roleGates: ['requireAdmin', 'requireLogin'] } },
    },
  ],
  invalid: [
    { ...invalidAt(readNoExit, 'unscopedKey'), options: audit },
    { ...invalidAt(readCheckOtherKey, 'unscopedKey'), options: audit },
    { ...invalidAt(clientRecord, 'unscopedKey'), options: audit },
    { ...invalidAt(ownSettingsRecord, 'unscopedKey'), options: audit },
    { ...invalidAt(asyncGuardIgnored, 'unscopedKey'), options: audit },
    { ...invalidAt(notPrivileged, 'unscopedKey'), options: audit },
    { ...invalidAt(clientRole, 'unscopedKey'), options: audit },
    { ...invalidAt(ownerOrTenantAdmin(`req.body.role !== 'admin'`), 'unscopedKey'), options: audit },
    {
      ...invalidAt(roleGate, 'unscopedKey'),
      options: audit,
      settings: { 'dynamodb-security': { roleGates: ['requireAdmin'] } },
    },
  ],
});

// 5. Validation through a wrapper object.
const zodHeader = `import { z } from 'zod';\nconst HostSchema = z.object({ host: z.string().uuid() });\n`;
const wrapped = code(`${zodHeader}
app.get('/hosts/:hostId/events', async (req, res) => {
  const hostId = req.params.hostId;
  const parsed = HostSchema.safeParse({ host: hostId });
  if (!parsed.success) return res.sendStatus(400);
  const out = await ddb.send(new QueryCommand({ TableName: 'Events', KeyConditionExpression: 'pk = :u AND sk = :h', ExpressionAttributeValues: { ':u': req.user!.sub, ':h': hostId } }));
  res.json({ count: out.Count });
});`);
const wrappedNoExit = code(`${zodHeader}
app.get('/hosts/:hostId/events', async (req, res) => {
  const hostId = req.params.hostId;
  const parsed = HostSchema.safeParse({ host: hostId });
  console.log(parsed.success);
  const out = await ddb.send(new QueryCommand({ TableName: 'Events', KeyConditionExpression: 'pk = :u AND sk = :h', ExpressionAttributeValues: { ':u': req.user!.sub, ':h': hostId } })); // ✗
  res.json({ count: out.Count });
});`);
const wrappedOtherField = code(`${zodHeader}
app.get('/hosts/:hostId/events', async (req, res) => {
  const hostId = req.params.hostId;
  const parsed = HostSchema.safeParse({ host: 'fixed', note: hostId });
  if (!parsed.success) return res.sendStatus(400);
  const out = await ddb.send(new QueryCommand({ TableName: 'Events', KeyConditionExpression: 'pk = :u AND sk = :h', ExpressionAttributeValues: { ':u': req.user!.sub, ':h': hostId } })); // ✗
  res.json({ count: out.Count });
});`);

ruleTester.run('no-unvalidated-input (wrapper object)', noUnvalidatedInput, {
  valid: [wrapped],
  invalid: [invalidAt(wrappedNoExit, 'unvalidatedInput'), invalidAt(wrappedOtherField, 'unvalidatedInput')],
});
