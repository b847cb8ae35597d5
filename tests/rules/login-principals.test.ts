import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A login-check helper that returns a result object (`{ ok: true, userId }` once the token is
 * verified, `{ ok: false, error }` otherwise) yields the caller as `check.userId`: reading a property
 * from an object literal that does not have it yields nothing (`undefined`), not another value, so
 * the failure alternatives add no origin. A key part that is the principal or nothing is scoped; one
 * that is the principal or a client value stays reported.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (helper: string, use = 'const uid = check.userId;') =>
  expressHeader +
  `import jwt from 'jsonwebtoken';
${helper}
app.get('/notes/:ts', async (req, res) => {
  const check = userCheck(req);
  if (!check.ok) return res.status(401).json(check);
  ${use}
  const { Item } = await ddb.send(new GetCommand({ TableName: 'notes', Key: { userId: uid, ts: Number(req.params.ts) } })); // ✗
  res.json({ title: Item?.title });
});
app.put('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'notes', Item: { userId: req.user!.sub, ts: Date.now(), title: String(req.body.title) } }));
  res.sendStatus(204);
});`;

// The failure returned from the catch (the original shape).
const failureInCatch = app(`function userCheck(req: Request) {
  try {
    const decoded = jwt.verify(String(req.headers.token), 'k') as { userId: string };
    return { ok: true, userId: decoded.userId };
  } catch (err) {
    return { ok: false, json: { success: false } };
  }
}`);

// An early failure return, then the success object.
const earlyFailure = app(`function userCheck(req: Request) {
  let decoded: { userId: string };
  try { decoded = jwt.verify(String(req.headers.token), 'k') as { userId: string }; } catch { return { ok: false }; }
  return { ok: true, userId: decoded.userId };
}`);

// Destructured from the result, the failure built in a variable and by a conditional.
const destructured = app(
  `function userCheck(req: Request) {
  const failed = { ok: false, error: 'invalid token' };
  const token = req.headers.token;
  if (!token) return failed;
  const decoded = jwt.verify(String(token), 'k') as { userId: string };
  return decoded.userId ? { ok: true, userId: decoded.userId } : { ok: false };
}`,
  'const { userId: uid } = check;',
);

// Look-alike: the failure alternative falls back to a client value.
const clientFallback = app(`function userCheck(req: Request) {
  try {
    const decoded = jwt.verify(String(req.headers.token), 'k') as { userId: string };
    return { ok: true, userId: decoded.userId };
  } catch (err) {
    return { ok: true, userId: String(req.query.userId) };
  }
}`);

// Look-alike: the failure object spreads the request's query, which may hold a userId.
const spreadFallback = app(`function userCheck(req: Request) {
  try {
    const decoded = jwt.verify(String(req.headers.token), 'k') as { userId: string };
    return { ok: true, userId: decoded.userId };
  } catch (err) {
    return { ok: false, ...req.query };
  }
}`);

/** Both key parts reported: the client's userId and its sort key. */
const twice = (code: string) => code.replace(' // ✗', ' // ✗✗');

/** Removes the `// ✗` mark: a valid case. */
const unmarked = (code: string) => code.replace(' // ✗', '');

ruleTester.run('no-unscoped-key (principal from a result object of a login-check helper)', noUnscopedKey, {
  valid: [unmarked(failureInCatch), unmarked(earlyFailure), unmarked(destructured)],
  invalid: [invalidAt(twice(clientFallback), 'unscopedKey'), invalidAt(twice(spreadFallback), 'unscopedKey')],
});
