import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Ownership, role and membership checks made inside helpers (fresh-g C7, family-car):
 * - a boolean helper whose every truthy return is a role test or an owner equality with the
 *   principal guards the caller's `if (!canAccess(req, task)) return 403`, and so does one that
 *   returns an `||` of relations to the caller (owner, assignee, a member list) (fresh-v B);
 * - a helper that reads the item, denies and returns null unless its own owner check passes guards
 *   its caller past `if (!task) return`;
 * - a value found in a list held by the caller's own record (`me.cars.includes(carId)`) is one the
 *   caller was granted; a caller found in an item's member list may use the item.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

const predicate = (body: string) =>
  expressHeader +
  `function canAccess(req: Request, task: Record<string, unknown>) {
  ${body}
}
app.delete('/tasks/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Tasks', Key: { taskId: req.params.id } })); // ✗
  const task = out.Item;
  if (!task) return res.status(404).end();
  if (!canAccess(req, task)) return res.status(403).end();
  await ddb.send(new DeleteCommand({ TableName: 'Tasks', Key: { taskId: req.params.id } })); // ✗
  res.status(204).end();
});`;

const resolver = (check: string, after: string, readMark = ' // ✗') =>
  expressHeader +
  `async function resolveTask(taskId: string, user: { sub: string; role?: string }, res: Response) {
  const out = await ddb.send(new GetCommand({ TableName: 'Tasks', Key: { taskId } }));
  const task = out.Item;
  if (!task) { res.status(404).end(); return null; }
  ${check}
  return task;
}
app.delete('/tasks/:id', async (req, res) => {
  const task = await resolveTask(req.params.id, req.user!, res);${readMark}
  ${after}
  await ddb.send(new DeleteCommand({ TableName: 'Tasks', Key: { taskId: req.params.id } })); // ✗
  res.status(204).end();
});`;
const ownerCheck = `if (task.ownerId !== user.sub) { res.status(403).end(); return null; }`;

/** The caller's own record is read by the caller's key; another's, picked by the client, is reported itself. */
const mark = (me: string) => (me.includes('req.query') ? ' // ✗' : '');

const membership = (me: string, check: string) =>
  expressHeader +
  `app.get('/cars/:carId/bookings', async (req, res) => {
  const me = (await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: ${me} } }))).Item;${mark(me)}
  if (!me) return res.status(404).end();
  if (!${check}) return res.status(403).end();
  const out = await ddb.send(new QueryCommand({ TableName: 'Bookings', KeyConditionExpression: 'carId = :c', ExpressionAttributeValues: { ':c': req.params.carId } })); // ✗
  res.json({ count: out.Count });
});`;

const membershipHelper = (me: string) =>
  expressHeader +
  `async function isCarAvailable(carId: string, userId: string): Promise<boolean> {
  const user = (await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId } }))).Item;
  return (user?.cars as string[]).includes(carId);
}
app.get('/cars/:carId/bookings', async (req, res) => {
  const available = await isCarAvailable(req.params.carId, ${me});${mark(me)}
  if (!available) return res.status(403).end();
  const out = await ddb.send(new QueryCommand({ TableName: 'Bookings', KeyConditionExpression: 'carId = :c', ExpressionAttributeValues: { ':c': req.params.carId } })); // ✗
  res.json({ count: out.Count });
});`;

const memberList = (who: string, list = '(out.Item.members as string[])') =>
  expressHeader +
  `app.delete('/tasks/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Tasks', Key: { taskId: req.params.id } })); // ✗
  if (!out.Item) return res.status(404).end();
  if (!${list}.includes(${who})) return res.status(403).end();
  await ddb.send(new DeleteCommand({ TableName: 'Tasks', Key: { taskId: req.params.id } })); // ✗
  res.status(204).end();
});`;

ruleTester.run('no-unscoped-key (helper guards)', noUnscopedKey, {
  valid: [
    // Manager-or-owner helper: the manager's return is a role test, the other an owner equality.
    {
      code: quiet(
        predicate(`if (req.user?.role === 'manager') return true;
  return task.ownerId === req.user?.sub;`),
      ),
      options: audit,
    },
    {
      code: quiet(predicate(`return req.user?.role === 'admin' || task.ownerId === req.user?.sub;`)),
      options: audit,
    },
    // Owner or assignee, or in the item's watcher list: each way ties the task to the caller.
    {
      code: quiet(
        predicate(`const me = String(req.user?.sub || '').trim();
  if (!me) return false;
  return String(task.ownerId || '') === me || String(task.assigneeId || '') === me || (task.watchers as string[]).includes(me);`),
      ),
      options: audit,
    },
    // Load-and-authorize helper that answers null past a denial.
    { code: quiet(resolver(ownerCheck, `if (!task) return;`)), options: audit },
    {
      code: quiet(
        resolver(
          `if (user.role !== 'admin' && task.ownerId !== user.sub) { res.status(403).end(); return null; }`,
          `if (!task) return;`,
        ),
      ),
      options: audit,
    },
    // Membership in the caller's own record.
    {
      code: quiet(membership(`req.user!.sub`, `(me.cars as string[]).includes(req.params.carId)`)),
      options: audit,
    },
    { code: quiet(membershipHelper(`req.user!.sub`)), options: audit },
    // The caller is in the item's member list.
    { code: quiet(memberList(`req.user!.sub`)), options: audit },
    // ... a list that may be missing, with an empty fallback, which holds no one.
    { code: quiet(memberList(`req.user!.sub`, `((out.Item.members as string[] | undefined) ?? [])`)), options: audit },
    { code: quiet(memberList(`req.user!.sub`, `((out.Item.members as string[]) || [])`)), options: audit },
  ],
  invalid: [
    // The short-circuit lets a role that is no administrative one through.
    {
      ...invalidAt(
        predicate(`if (req.user?.role === 'employee') return true;
  return task.ownerId === req.user?.sub;`),
        'unscopedKey',
      ),
      options: audit,
    },
    // One way of the `||` ties the task to nothing, or to a value the client sends.
    {
      ...invalidAt(predicate(`return task.ownerId === req.user?.sub || task.shared === true;`), 'unscopedKey'),
      options: audit,
    },
    {
      ...invalidAt(
        predicate(`return task.ownerId === req.user?.sub || task.assigneeId === String(req.query.as);`),
        'unscopedKey',
      ),
      options: audit,
    },
    // Two unprivileged ways to true: neither alone proves ownership.
    {
      ...invalidAt(
        predicate(`if (task.shared) return true;
  return task.ownerId === req.user?.sub;`),
        'unscopedKey',
      ),
      options: audit,
    },
    // The helper checks presence only; or its caller never tests what it returned.
    { ...invalidAt(resolver('', `if (!task) return;`), 'unscopedKey'), options: audit },
    // (The read itself is guarded: the helper hands back nothing but the caller's task.)
    { ...invalidAt(resolver(ownerCheck, `void task;`, ''), 'unscopedKey'), options: audit },
    // The helper compares with a value the client sent.
    {
      ...invalidAt(
        resolver(
          `if (task.ownerId !== res.locals.owner) { res.status(403).end(); return null; }`,
          `if (!task) return;`,
        ),
        'unscopedKey',
      ),
      options: audit,
    },
    // The list is held by a record the client picked, or sent by the client.
    {
      ...invalidAt(
        membership(`String(req.query.uid)`, `(me.cars as string[]).includes(req.params.carId)`),
        'unscopedKey',
      ),
      options: audit,
    },
    {
      ...invalidAt(
        membership(`req.user!.sub`, `(req.body.cars as string[]).includes(req.params.carId)`),
        'unscopedKey',
      ),
      options: audit,
    },
    { ...invalidAt(membershipHelper(`String(req.query.uid)`), 'unscopedKey'), options: audit },
    // A name the client sent is in the member list.
    { ...invalidAt(memberList(`String(req.body.who)`), 'unscopedKey'), options: audit },
    {
      ...invalidAt(
        memberList(`String(req.body.who)`, `((out.Item.members as string[] | undefined) ?? [])`),
        'unscopedKey',
      ),
      options: audit,
    },
    // The fallback is a list the client sent: the caller may be found there, so the delete is
    // reported (only the delete is asserted: the read before the check is judged by its own rule).
    {
      ...invalidAt(
        memberList(
          `req.user!.sub`,
          `((out.Item.members as string[] | undefined) ?? (req.body.members as string[]))`,
        ).replace('req.params.id } })); // ✗', 'req.params.id } }));'),
        'unscopedKey',
      ),
      options: audit,
    },
    // A substring of the caller's id is no member of a list.
    {
      ...invalidAt(membership(`req.user!.sub`, `req.user!.sub.includes(req.params.carId)`), 'unscopedKey'),
      options: audit,
    },
  ],
});
