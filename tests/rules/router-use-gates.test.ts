import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §4, privileged access: `router.use(requireAdmin)` runs the role gate before every route the
 * router registers after it, so those routes are privileged. A route registered before the `use`,
 * on another router, or a gate mounted under a path prefix (not followed) stays reported.
 */
const ruleTester = createRuleTesterWithTypes();

const program = (beforeRoutes: string, afterRoutes = '') => `${expressHeader}
import type { NextFunction } from 'express';
app.post('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { id: crypto.randomUUID(), ownerId: req.user!.sub } }));
  res.sendStatus(201);
});
const requireAdmin = (req: Request, res: Response, next: NextFunction) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  next();
};
const admin = express.Router();
${beforeRoutes}
admin.get('/notes/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } })); // ✗
  res.json({ title: out.Item?.title });
});
${afterRoutes}
app.use('/admin', admin);
`;
const good = (code: string) => code.replace(' // ✗', '');

ruleTester.run('no-unscoped-key (role gates a router uses)', noUnscopedKey, {
  valid: [good(program('admin.use(requireAdmin);')), good(program('admin.use(express.json(), requireAdmin);'))],
  invalid: [
    // The gate is used after the route is registered.
    invalidAt(program('', 'admin.use(requireAdmin);'), 'unscopedKey'),
    // Another router's gate.
    invalidAt(program('const other = express.Router();\nother.use(requireAdmin);'), 'unscopedKey'),
    // Mounted under a path prefix.
    invalidAt(program("admin.use('/reports', requireAdmin);"), 'unscopedKey'),
  ],
});
