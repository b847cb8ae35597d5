import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A read whose item's password hash is compared with the request's password before anything is
 * returned is a login, wherever the compare is written in the handler: in a closure the handler
 * declares (`const authenticate = async () => { … return bcrypt.compare(…) }`), and a second read of
 * the same account after the check is part of it. `recommended` (evidence required) drops logins;
 * the look-alikes read before the check, or read another account after it.
 */
const ruleTester = createRuleTesterWithTypes();

const login = (body: string, qMark = '') =>
  expressHeader +
  `import bcrypt from 'bcrypt';
declare function sign(claims: object): string;
app.post('/login', async (req, res) => {
  const { email, password, target } = req.body as { email: string; password: string; target: string };
  const q = { TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } };${qMark}
${body}
});
app.put('/users/me', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Users', Item: { userId: req.user!.sub, email: String(req.body.email) } }));
  res.sendStatus(204);
});`;

// The compare in a closure the handler declares, and the same params read again to build the token.
const closureThenReread = login(`  const authenticate = async () => {
    const r = await ddb.send(new QueryCommand(q));
    if (!r.Items?.length) return false;
    return bcrypt.compare(password, String(r.Items[0]!.passwordHash));
  };
  if (!(await authenticate())) return res.sendStatus(401);
  const again = await ddb.send(new QueryCommand(q));
  res.json({ token: sign({ id: again.Items![0]!.userId }) });`);

// The compare inline, then the same params read again.
const checkThenReread = login(`  const r = await ddb.send(new QueryCommand(q));
  if (!r.Items?.length || !(await bcrypt.compare(password, String(r.Items[0]!.passwordHash)))) return res.sendStatus(401);
  const again = await ddb.send(new QueryCommand(q));
  res.json({ token: sign({ id: again.Items![0]!.userId }) });`);

// Only the closure.
const closureOnly = login(`  const authenticate = async () => {
    const r = await ddb.send(new QueryCommand(q));
    return !!r.Items?.length && bcrypt.compare(password, String(r.Items[0]!.passwordHash));
  };
  if (await authenticate()) res.json({ ok: true });
  else res.sendStatus(401);`);

// Look-alike: the second read runs before the check, and its items are sent whatever the password
// (reported where the params are built, in the handler).
const rereadBeforeCheck = login(
  `  const early = await ddb.send(new QueryCommand(q));
  const r = await ddb.send(new QueryCommand(q));
  if (!r.Items?.length || !(await bcrypt.compare(password, String(r.Items[0]!.passwordHash)))) return res.json(early.Items);
  res.json({ token: sign({ id: r.Items[0]!.userId }) });`,
  ' // ✗',
);

// Look-alike: after the caller's own check, another account named by the body is read.
const otherAccountAfterCheck = login(`  const authenticate = async () => {
    const r = await ddb.send(new QueryCommand(q));
    return !!r.Items?.length && bcrypt.compare(password, String(r.Items[0]!.passwordHash));
  };
  if (!(await authenticate())) return res.sendStatus(401);
  const other = await ddb.send(new QueryCommand({ ...q, ExpressionAttributeValues: { ':e': target } })); // ✗
  res.json(other.Items);`);

// Look-alike: a closure that checks a hash the client sent, not the item's.
const closureClientHash = login(
  `  const authenticate = async () => {
    const r = await ddb.send(new QueryCommand(q));
    return !!r.Items?.length && bcrypt.compare(password, String(req.body.hash));
  };
  if (await authenticate()) res.json({ ok: true });
  else res.sendStatus(401);`,
  ' // ✗',
);

ruleTester.run('no-unscoped-key (login lookups in closures and re-reads)', noUnscopedKey, {
  valid: [closureThenReread, checkThenReread, closureOnly],
  invalid: [
    invalidAt(rereadBeforeCheck, 'unscopedKey'),
    invalidAt(otherAccountAfterCheck, 'unscopedKey'),
    invalidAt(closureClientHash, 'unscopedKey'),
  ],
});
