import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Role gates in two more shapes (mini-jira): a `requireRole(...roles)` factory whose middleware
 * tests a case-normalised copy of the names (`roles.map((r) => String(r).toLowerCase())`) gates
 * like one testing `roles`, and a role-gate middleware registered through the object a module
 * exports (`auth.isManager` with `module.exports = { isManager }`) is that middleware.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

const route = (gate: string) => `app.post('/teams/:teamId/members', ${gate}, async (req, res) => {
  await ddb.send(new UpdateCommand({ TableName: 'Users', Key: { userId: String(req.body.userId) }, UpdateExpression: 'SET teamId = :t', ExpressionAttributeValues: { ':t': req.params.teamId } })); // ✗
  res.status(204).end();
});`;

const factory = (mapper: string, names: string) =>
  expressHeader +
  `function requireRole(...roles: string[]) {
  return (req: Request, res: Response, next: () => void) => {
    const role = String(req.user?.role || '').toLowerCase();
    const allowedRoles = roles.map(${mapper});
    if (!allowedRoles.includes(role)) { res.status(403).end(); return; }
    next();
  };
}
` +
  route(`requireRole(${names})`);

const exported = (check: string, gate: string) =>
  expressHeader +
  `function isManager(req: Request, res: Response, next: () => void) {
  ${check}
  next();
}
const auth = { isManager, onlyManagers: isManager };
` +
  route(gate);
const exits = `if (!['manager', 'admin'].includes(String(req.user?.role ?? '').trim())) { res.status(403).end(); return; }`;

ruleTester.run('no-unscoped-key (role gate shapes)', noUnscopedKey, {
  valid: [
    { code: quiet(factory(`(item) => String(item).toLowerCase()`, `'manager', 'admin'`)), options: audit },
    { code: quiet(factory(`(item) => item.trim()`, `'admin'`)), options: audit },
    { code: quiet(exported(exits, 'auth.isManager')), options: audit },
    { code: quiet(exported(exits, 'auth.onlyManagers')), options: audit },
  ],
  invalid: [
    // A name that is no administrative role.
    { ...invalidAt(factory(`(item) => String(item).toLowerCase()`, `'employee'`), 'unscopedKey'), options: audit },
    // The mapped list is not the route's names.
    { ...invalidAt(factory(`() => String(process.env.ROLE)`, `'admin'`), 'unscopedKey'), options: audit },
    // The exported middleware does not end the request.
    {
      ...invalidAt(
        exported(
          `if (!['manager', 'admin'].includes(req.user?.role ?? '')) console.warn('not a manager');`,
          'auth.isManager',
        ),
        'unscopedKey',
      ),
      options: audit,
    },
  ],
});
