import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Role tests written as lists of role names (SPEC §4, privileged access; policy rule 5):
 * `['manager', 'admin'].includes(req.user.role)` and a middleware factory `requireRole('manager',
 * 'admin')` whose middleware ends the request unless `roles.includes(req.user.role)` gate admins
 * exactly like `req.user.role === 'admin'`. Every listed name must name an administrative role,
 * and the tested value must be the principal's.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;

const inline = (check: string) =>
  expressHeader +
  `const MANAGERS = ['manager', 'admin'];
const MEMBERS = ['manager', 'employee'];
app.post('/teams/:teamId/members', async (req, res) => {
  if (${check}) return res.status(403).end();
  await ddb.send(new UpdateCommand({ TableName: 'Users', Key: { userId: String(req.body.userId) }, UpdateExpression: 'SET teamId = :t', ExpressionAttributeValues: { ':t': req.params.teamId } })); // ✗
  res.status(204).end();
});`;

const branch = (list: string) =>
  expressHeader +
  `app.get('/tasks', async (req, res) => {
  if (${list}.includes(req.user!.role ?? '')) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Tasks', KeyConditionExpression: 'teamId = :t', ExpressionAttributeValues: { ':t': String(req.query.teamId) } })); // ✗
    return res.json({ count: out.Count });
  }
  res.json({ count: 0 });
});`;

const factory = (gate: string, route: string) =>
  expressHeader +
  `function requireRole(...roles: string[]) {
  return (req: Request, res: Response, next: () => void) => {
    ${gate}
    next();
  };
}
app.post('/teams/:teamId/members', ${route}, async (req, res) => {
  await ddb.send(new UpdateCommand({ TableName: 'Users', Key: { userId: String(req.body.userId) }, UpdateExpression: 'SET teamId = :t', ExpressionAttributeValues: { ':t': req.params.teamId } })); // ✗
  res.status(204).end();
});`;
const exitGate = `if (!roles.includes(req.user?.role ?? '')) { res.status(403).end(); return; }`;

const quiet = (text: string) => text.replaceAll(' // ✗', '');

ruleTester.run('no-unscoped-key (role lists)', noUnscopedKey, {
  valid: [
    { code: quiet(inline(`!['manager', 'admin'].includes(req.user!.role ?? '')`)), options: audit },
    { code: quiet(inline(`!MANAGERS.includes(req.user!.role ?? '')`)), options: audit },
    { code: quiet(branch(`['manager', 'admin']`)), options: audit },
    { code: quiet(factory(exitGate, `requireRole('manager', 'admin')`)), options: audit },
    { code: quiet(factory(exitGate, `requireRole('admin')`)), options: audit },
  ],
  invalid: [
    // A name that is no administrative role: employees pass too.
    { ...invalidAt(inline(`!['manager', 'employee'].includes(req.user!.role ?? '')`), 'unscopedKey'), options: audit },
    { ...invalidAt(inline(`!MEMBERS.includes(req.user!.role ?? '')`), 'unscopedKey'), options: audit },
    { ...invalidAt(branch(`['employee', 'admin']`), 'unscopedKey'), options: audit },
    // The tested role is the client's.
    { ...invalidAt(inline(`!['manager', 'admin'].includes(String(req.body.role))`), 'unscopedKey'), options: audit },
    // The factory bound to a role that is no administrative one, or whose middleware does not exit.
    { ...invalidAt(factory(exitGate, `requireRole('employee')`), 'unscopedKey'), options: audit },
    { ...invalidAt(factory(exitGate, `requireRole('manager', 'employee')`), 'unscopedKey'), options: audit },
    {
      ...invalidAt(
        factory(`if (!roles.includes(req.user?.role ?? '')) console.warn('not a manager');`, `requireRole('admin')`),
        'unscopedKey',
      ),
      options: audit,
    },
  ],
});
