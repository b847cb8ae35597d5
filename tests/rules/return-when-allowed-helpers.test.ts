import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A helper that returns where the caller is allowed and throws everywhere else proves, at a call,
 * what every way out of it proves (fresh-v B): `if (coachId && rec.managedBy === coachId) return;
 * throw …`. Where it has a way for each kind of caller (`if (assistantId) { … return; throw … }`),
 * the ways a call's arguments rule out (an object literal without `assistantId`) prove nothing
 * against it, and a way out that checks nothing (`if (!me) return;`) leaves the call unproven.
 */
const ruleTester = createRuleTesterWithTypes();

const program = (helper: string, check: string) => `${expressHeader}
${helper}
app.post('/letters', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Letters', Item: { id: crypto.randomUUID(), managedByCoachId: req.user!.sub, text: String(req.body.text) } }));
  res.sendStatus(201);
});
app.delete('/letters/:id', async (req, res) => {
  const id = String(req.params.id || '').trim();
  const record = (await ddb.send(new GetCommand({ TableName: 'Letters', Key: { id } }))).Item; // ✗
  ${check}
  await ddb.send(new DeleteCommand({ TableName: 'Letters', Key: { id } })); // ✗
  res.sendStatus(204);
});`;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

const scoped = `function assertCanManage(
  record: Record<string, unknown> | undefined,
  { coachId, assistantId }: { coachId?: string; assistantId?: string } = {},
) {
  const managedBy = String(record?.managedByCoachId || '').trim();
  const assignedTo = String(record?.assignedCoachId || '').trim();
  if (assistantId) {
    if (assignedTo === String(assistantId)) return;
    throw new Error('Not assigned to you');
  }
  if (coachId && managedBy === String(coachId)) return;
  throw new Error('Not under your coaching');
}`;

const allowOwner = (early = '') => `function allowOwner(record: Record<string, unknown> | undefined, me: string) {
  ${early}
  if (String(record?.managedByCoachId || '') === String(me)) return;
  throw new Error('Forbidden');
}`;

ruleTester.run('no-unscoped-key (helpers that return where the caller is allowed)', noUnscopedKey, {
  valid: [
    quiet(program(allowOwner(), `allowOwner(record, req.user!.sub);`)),
    quiet(program(scoped, `assertCanManage(record, { coachId: req.user!.sub });`)),
    quiet(program(scoped, `assertCanManage(record, { assistantId: req.user!.sub });`)),
  ],
  invalid: [
    // The owner compared with what the client sends.
    invalidAt(program(allowOwner(), `allowOwner(record, String(req.query.as));`), 'unscopedKey'),
    // Both ways are open to this call, and the assistant way compares with the client's value.
    invalidAt(
      program(scoped, `assertCanManage(record, { coachId: req.user!.sub, assistantId: String(req.query.as) });`),
      'unscopedKey',
    ),
    // A way out that checks nothing: a caller without an id passes.
    invalidAt(program(allowOwner(`if (!me) return;`), `allowOwner(record, req.user!.sub);`), 'unscopedKey'),
  ],
});
