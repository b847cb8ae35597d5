import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { bundler, docClient } from './framework-headers.js';

/**
 * Issue 14, precision: what real code does to prove ownership. Each behaviour has a vulnerable
 * case and a safe look-alike, in the audit mode (`evidence: 'none'`) so that only the guard decides.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;

// 1. A verified token's subject reached through a wrapper that returns null on failure, stored
// with `c.set` by middleware and read with `c.get`: the caller.
const honoApp = (verify: string) => `import { Hono } from 'hono';
import { jwtVerify, decodeJwt } from 'jose';
${docClient}
const secret = new TextEncoder().encode(process.env.SECRET);
export const verifyToken = async (token: string): Promise<string | null> => {
  try {
    ${verify}
  } catch (error) {
    console.error(error);
    return null;
  }
};
const app = new Hono<{ Variables: { userId: string } }>();
app.use('*', async (c, next) => {
  const sub = await verifyToken(c.req.header('Authorization') ?? '');
  if (sub === null) return c.json({ message: 'Unauthorized' }, 401);
  c.set('userId', sub);
  await next();
});
app.delete('/notes/:id', async (c) => {
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { ownerId: c.get('userId'), noteId: c.req.param('id') } })); // ✗
  return c.json({ ok: true });
});`;
const verifiedWrapper = honoApp(`const { payload } = await jwtVerify(token, secret);
    return payload.sub as string;`);
// Look-alike: the wrapper decodes the token without checking its signature, so the client chose it.
const decodedWrapper = honoApp(`const payload = decodeJwt(token);
    return payload.sub as string;`).replace('// ✗', '// ✗✗');

// 2. A Query whose FilterExpression binds the owner attribute to the caller returns only the
// caller's items; a read so filtered that exits when it finds nothing scopes the write after it.
const filteredRead = (filter: string, exit: string) =>
  expressHeader +
  `
app.put('/rooms/:roomId/comments/:commentId', async (req, res) => {
  const { roomId, commentId } = req.params;
  const query = new QueryCommand({
    TableName: 'Comments',
    KeyConditionExpression: 'room_id = :room AND comment_id = :comment',
    FilterExpression: '${filter}',
    ExpressionAttributeValues: { ':room': roomId, ':comment': commentId, ':uid': req.user!.sub, ':pub': true }, // ✗✗
  });
  const found = await ddb.send(query);
  ${exit}
  await ddb.send(new UpdateCommand({
    TableName: 'Comments',
    Key: { room_id: roomId, comment_id: commentId }, // ✗✗
    UpdateExpression: 'SET body = :b',
    ExpressionAttributeValues: { ':b': String(req.body.text) },
  }));
  res.sendStatus(204);
});`;
const scopedFilter = filteredRead('user_id = :uid', 'if (found.Count === 0) return res.sendStatus(404);');
const scopedFilterLength = filteredRead('user_id = :uid', 'if (!found.Items?.length) return res.sendStatus(404);');
const scopedFilterItem = filteredRead(
  'user_id = :uid',
  'const mine = found.Items?.[0];\n  if (!mine) return res.sendStatus(404);',
);
// Look-alikes: the filter also lets public comments through; the read's result is not acted on;
// `Items` is an array, there even when the read found nothing.
const orFilter = filteredRead(
  'user_id = :uid OR is_public = :pub',
  'if (found.Count === 0) return res.sendStatus(404);',
);
const noExit = filteredRead('user_id = :uid', "if (found.Count === 0) console.warn('not found');");
const itemsPresent = filteredRead('user_id = :uid', 'if (!found.Items) return res.sendStatus(404);');
const markRead = (code: string) => code.replace('// ✗✗\n  });', '\n  });');
const markWrite = (code: string) => code.replace('// ✗✗\n    UpdateExpression', '\n    UpdateExpression');

// 3. A helper whose check only returns proves nothing to a caller that goes on regardless; one
// that throws does, and so does a caller that exits on the helper's result.
const helper = (body: string, call: string) =>
  expressHeader +
  `
function check(user: { sub: string }, item: Record<string, unknown> | undefined) {
  ${body}
}
app.delete('/notes/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } })); // ✗
  ${call}
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { id: req.params.id } })); // ✗
  res.sendStatus(204);
});`;
const bareReturn = helper(
  `if (item?.ownerId !== user.sub) return;\n  console.log('owner verified');`,
  'check(req.user!, out.Item);',
);
const throwing = helper(
  `if (item?.ownerId !== user.sub) throw new Error('forbidden');`,
  'check(req.user!, out.Item);',
).replaceAll(' // ✗', '');
const resultChecked = helper(
  `if (item?.ownerId !== user.sub) return false;\n  return true;`,
  'if (!check(req.user!, out.Item)) return res.sendStatus(403);',
).replaceAll(' // ✗', '');

ruleTester.run('no-unscoped-key (precision)', noUnscopedKey, {
  valid: [
    { code: verifiedWrapper.replace(' // ✗', ''), filename: bundler, options: audit },
    { code: markWrite(markRead(scopedFilter)), options: audit },
    { code: markWrite(markRead(scopedFilterLength)), options: audit },
    { code: markWrite(markRead(scopedFilterItem)), options: audit },
    // The read is scoped by the check after it (SPEC §3), and the delete by read-check-act.
    { code: throwing, options: audit },
    { code: resultChecked, options: audit },
  ],
  invalid: [
    { ...invalidAt(decodedWrapper, 'unscopedKey'), filename: bundler, options: audit },
    { ...invalidAt(orFilter, 'unscopedKey'), options: audit },
    { ...invalidAt(markRead(noExit), 'unscopedKey'), options: audit },
    { ...invalidAt(markRead(itemsPresent), 'unscopedKey'), options: audit },
    { ...invalidAt(bareReturn, 'unscopedKey'), options: audit },
  ],
});

// 4. A read whose output is only tested for presence discloses that an item exists, nothing of it
// (recommended); the audit mode still shows the pattern.
const existence = (after: string) =>
  expressHeader +
  `
app.post('/invites/:userId', async (req, res) => {
  const found = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.params.userId } })); // ✗
  if (!found.Item) return res.status(404).json({ message: 'no such user' });
  ${after}
});`;
const existenceCheck = existence('res.sendStatus(202);');
// Look-alike: an attribute of the item is read, so the item is accessed, not only tested.
const existenceThenRead = existence('res.json({ email: found.Item.email });');

ruleTester.run('no-unscoped-key (existence checks)', noUnscopedKey, {
  valid: [existenceCheck.replace(' // ✗', '')],
  invalid: [
    invalidAt(existenceThenRead, 'unscopedKey'),
    { ...invalidAt(existenceCheck, 'unscopedKey'), options: audit },
  ],
});

// 5. A login looks up the account the client names and checks its password hash: authentication,
// not access to another user's data (recommended); the audit mode still shows the pattern.
const login = (check: string) =>
  expressHeader +
  `import bcrypt from 'bcrypt';
import bcryptjs from 'bcryptjs';
declare function sign(subject: string): string;
async function findUser(username: string) {
  const out = await ddb.send(new ScanCommand({ TableName: 'Users', FilterExpression: 'username = :u', ExpressionAttributeValues: { ':u': username } }));
  return out.Items?.[0] as { userId: string; passwordHash: string } | undefined;
}
app.post('/login', async (req, res) => {
  const { username, password } = req.body as { username: string; password: string };
  const user = await findUser(username); // ✗
  ${check}
  res.json({ token: sign(user.userId) });
});`;
const passwordChecked = login(
  'if (!user || !(await bcrypt.compare(password, user.passwordHash))) return res.sendStatus(401);',
);
const passwordCheckedSync = login(
  'if (!user || !bcryptjs.compareSync(password, user.passwordHash)) return res.sendStatus(401);',
);
// Look-alikes: no password check, or one against a hash the client sent.
const noPasswordCheck = login('if (!user) return res.sendStatus(404);');
const clientHash = login(
  'if (!user || !(await bcrypt.compare(password, String(req.body.hash)))) return res.sendStatus(401);',
);

// Look-alike: the login's lookup helper also serves a profile route, which checks no password.
const sharedHelper = `${passwordChecked.replace(' // ✗', '')}
app.get('/users', async (req, res) => {
  const user = await findUser(String(req.query.username)); // ✗
  res.json(user);
});`;

ruleTester.run('no-unscoped-key (login lookups)', noUnscopedKey, {
  valid: [passwordChecked.replace(' // ✗', ''), passwordCheckedSync.replace(' // ✗', '')],
  invalid: [
    invalidAt(noPasswordCheck, 'unscopedKey'),
    invalidAt(clientHash, 'unscopedKey'),
    invalidAt(sharedHelper, 'unscopedKey'),
    { ...invalidAt(passwordChecked, 'unscopedKey'), options: audit },
  ],
});

// 6. A nullish branch (`sub ?? null`, `c ? sub : undefined`, `sub ?? ''`: DynamoDB refuses an empty key value)
// selects no item: the key is still the caller's. Another constant (`'guest'`) selects that account's items.
const nullishBranch = (owner: string) =>
  expressHeader +
  `
app.delete('/notes/:id', async (req, res) => {
  const owner = ${owner};
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { ownerId: owner, noteId: req.params.id } })); // ✗
  res.sendStatus(204);
});`;

ruleTester.run('no-unscoped-key (nullish branches)', noUnscopedKey, {
  valid: [
    { code: nullishBranch('req.user?.sub ?? null').replace(' // ✗', ''), options: audit },
    { code: nullishBranch('req.user ? req.user.sub : undefined').replace(' // ✗', ''), options: audit },
    { code: nullishBranch("req.user?.sub ?? ''").replace(' // ✗', ''), options: audit },
  ],
  invalid: [
    // The owner and the note id are both the client's: two reports.
    {
      ...invalidAt(nullishBranch('req.user?.sub ?? String(req.query.owner)').replace('// ✗', '// ✗✗'), 'unscopedKey'),
      options: audit,
    },
    { ...invalidAt(nullishBranch("req.user ? req.user.sub : 'guest'"), 'unscopedKey'), options: audit },
  ],
});

// 7. Two data modules that each name their table `const TableName = process.env.X` are two tables:
// the users module's `email` key does not make the shared catalog a principal record.
const twoModules = (productsTable: string) =>
  expressHeader +
  `
const users = (() => {
  const TableName = process.env.USERS_TABLE!;
  return { get: (email: string) => ddb.send(new GetCommand({ TableName, Key: { email } })) };
})();
const products = (() => {
  const TableName = ${productsTable};
  return {
    get: (productId: string) => ddb.send(new GetCommand({ TableName, Key: { productId } })),
    add: (product: { productId: string; name: string }) => ddb.send(new PutCommand({ TableName, Item: product })),
  };
})();
app.get('/me', async (req, res) => {
  res.json({ found: !!(await users.get(req.user!.sub)).Item });
});
app.post('/products', async (req, res) => {
  await products.add({ productId: crypto.randomUUID(), name: String(req.body.name) });
  res.sendStatus(201);
});
app.get('/products/:id', async (req, res) => {
  const out = await products.get(req.params.id); // ✗
  res.json({ name: out.Item?.name, price: out.Item?.price });
});`;

ruleTester.run('no-unscoped-key (tables of the same constant name)', noUnscopedKey, {
  valid: [twoModules('process.env.PRODUCTS_TABLE!').replace(' // ✗', '')],
  // The same table in both modules: its items are users' records.
  invalid: [invalidAt(twoModules('process.env.USERS_TABLE!'), 'unscopedKey')],
});
