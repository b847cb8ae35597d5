import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Membership checks through helpers (fresh-r M, teamstatus): `if (!(await canUpdate(db)(id, me)))
 * return 403`, where the helper (curried or not) answers true only when a read keyed by both its
 * arguments (the membership row `user = :u AND project = :p`) found an item, directly or through
 * another helper returning the row's role or null. Passed the caller, the other argument is the
 * caller's: an access keyed by it is scoped, and so is a read whose item's parent is checked so
 * before anything is done with it. A check of another client value, or of a read keyed by the id
 * alone, proves nothing.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

const roleHelper = `
const getRole = (db: typeof ddb) => async (projectId: string, userId: string): Promise<string | null> => {
  const out = await db.send(new QueryCommand({
    TableName: 'Teams', IndexName: 'member',
    KeyConditionExpression: '#user = :user AND #project = :project',
    ExpressionAttributeNames: { '#user': 'member__user', '#project': 'member__project' },
    ExpressionAttributeValues: { ':user': userId, ':project': projectId },
  }));
  const row = out.Items?.[0];
  return row === undefined ? null : (row.role as string);
};
const canUpdate = (db: typeof ddb) => async (projectId: string, userId: string): Promise<boolean> =>
  (await getRole(db)(projectId, userId)) === 'owner';
const canRead = (db: typeof ddb) => async (projectId: string, userId: string): Promise<boolean> =>
  (await getRole(db)(projectId, userId)) !== null;
`;

/**
 * A handler guarded by `guard` (the id is `req.params.id`), then deleting the project. `guardMark`:
 * the reports of the guard's own read, where the client picks the row it reads.
 */
const guarded = (helpers: string, guard: string, guardMark = '') =>
  expressHeader +
  helpers +
  `app.delete('/projects/:id', async (req, res) => {
  if (!(await ${guard})) return res.status(403).end();${guardMark}
  await ddb.send(new DeleteCommand({ TableName: 'Teams', Key: { id: req.params.id, type: 'project' } })); // ✗
  res.status(204).end();
});`;

const rowHelper = (key: string) => `
async function isMember(projectId: string, userId: string): Promise<boolean> {
  const out = await ddb.send(new GetCommand({ TableName: 'Members', Key: ${key} }));
  if (!out.Item) return false;
  return true;
}
`;

/** The handler asks for the role itself and exits when there is none. */
const roleInHandler = (member: string) =>
  expressHeader +
  roleHelper +
  `app.delete('/projects/:id', async (req, res) => {
  const role = await getRole(ddb)(req.params.id, ${member});${member.includes('req.query') ? ' // ✗✗' : ''}
  if (role === null) return res.status(403).end();
  await ddb.send(new DeleteCommand({ TableName: 'Teams', Key: { id: req.params.id, type: 'project' } })); // ✗
  res.status(204).end();
});`;

/** A status read by its id, its project checked, then a reaction written under it. */
const postFetch = (project: string) =>
  expressHeader +
  roleHelper +
  `app.post('/status/:statusId/reactions', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Teams', Key: { id: req.params.statusId, type: 'status' } })); // ✗
  if (out.Item === undefined) return res.status(404).end();
  if (!(await canRead(ddb)(${project}, req.user!.sub))) return res.status(403).end();
  await ddb.send(new PutCommand({ TableName: 'Teams', Item: { id: crypto.randomUUID(), type: 'reaction', author: req.user!.sub } }));
  res.status(201).end();
});`;

/** The guard checks `projectId`; the item is fetched by another client id. */
const otherId = (check: string) =>
  expressHeader +
  roleHelper +
  `app.get('/projects/:projectId/status/:statusId', async (req, res) => {
  if (!(await ${check})) return res.status(403).end();
  const out = await ddb.send(new GetCommand({ TableName: 'Teams', Key: { id: req.params.statusId, type: 'status' } })); // ✗
  res.json({ message: out.Item?.message });
});`;

/** A write keyed by the caller succeeded: its status code says nothing of the other user's record. */
const statusChecked =
  expressHeader +
  `app.post('/friends/accept', async (req, res) => {
  const target = String(req.body.target);
  const out = await ddb.send(new UpdateCommand({ TableName: 'Users', Key: { userId: req.user!.sub }, UpdateExpression: 'SET friends = list_append(friends, :f)', ExpressionAttributeValues: { ':f': [target] } }));
  if (out.$metadata.httpStatusCode !== 200) return res.status(500).end();
  await ddb.send(new UpdateCommand({ TableName: 'Users', Key: { userId: target }, UpdateExpression: 'SET friends = list_append(friends, :f)', ExpressionAttributeValues: { ':f': [req.user!.sub] } })); // ✗
  res.status(204).end();
});`;

ruleTester.run('no-unscoped-key (membership helpers)', noUnscopedKey, {
  valid: [
    // Curried, through a helper returning the row's role or null: equal to a role, or present.
    { code: quiet(guarded(roleHelper, `canUpdate(ddb)(req.params.id, req.user!.sub)`)), options: audit },
    { code: quiet(guarded(roleHelper, `canRead(ddb)(req.params.id, req.user!.sub)`)), options: audit },
    // Not curried: the helper reads the row itself and answers true past a presence check.
    {
      code: quiet(guarded(rowHelper(`{ projectId, userId }`), `isMember(req.params.id, req.user!.sub)`)),
      options: audit,
    },
    // The role read in the handler: present only where the caller's row was found.
    { code: quiet(roleInHandler(`req.user!.sub`)), options: audit },
    // Post-fetch: the status's own project is the caller's before anything is done with it.
    { code: quiet(postFetch(`out.Item.project as string`)), options: audit },
  ],
  invalid: [
    // The guard checks a client value as the member (its own read, picked by the client, too).
    {
      ...invalidAt(
        guarded(roleHelper, `canUpdate(ddb)(req.params.id, String(req.query.user))`, ' // ✗✗'),
        'unscopedKey',
      ),
      options: audit,
    },
    { ...invalidAt(roleInHandler(`String(req.query.user)`), 'unscopedKey'), options: audit },
    // The helper's read is keyed by the id alone: found, it says the project exists, not whose it is.
    {
      ...invalidAt(
        guarded(rowHelper(`{ projectId }`), `isMember(req.params.id, req.user!.sub)`, ' // ✗'),
        'unscopedKey',
      ),
      options: audit,
    },
    // The guard is on `projectId`; the status is fetched by another client id never tied to it.
    {
      ...invalidAt(otherId(`canRead(ddb)(req.params.projectId, req.user!.sub)`), 'unscopedKey'),
      options: audit,
    },
    // Post-fetch against a client value, not the fetched item's project.
    { ...invalidAt(postFetch(`String(req.query.projectId)`), 'unscopedKey'), options: audit },
    // A status code equal to 200 is no item found (fresh-j bits friends/accept).
    { ...invalidAt(statusChecked, 'unscopedKey'), options: audit },
  ],
});
