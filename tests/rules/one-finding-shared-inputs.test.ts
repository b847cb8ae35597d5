import noUnscopedKey from '../../rules/no-unscoped-key.js';
import noUnvalidatedInput from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * One finding per flaw (SPEC §2), where one input literal serves two accesses: a read that only
 * tests whether the note exists (no IDOR in `recommended`) and a delete with the same key (an
 * IDOR). `no-unscoped-key` reports the key once; `no-unvalidated-input` does not report the same
 * value at the same place for the other access. Alone, the existence read's unchecked key is still
 * this rule's.
 */
const ruleTester = createRuleTesterWithTypes();

const route = (afterCheck: string) => `${expressHeader}
app.post('/notes/:id/archive', async (req, res) => {
  const params = { TableName: 'Notes', Key: { id: req.params.id } }; // ✗
  const found = await ddb.send(new GetCommand(params));
  if (!found.Item) return res.sendStatus(404);
${afterCheck}
  res.sendStatus(204);
});
app.post('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { id: crypto.randomUUID(), ownerId: req.user!.sub } }));
  res.sendStatus(201);
});`;

const shared = route('  await ddb.send(new DeleteCommand(params));');
const existenceOnly = route('');

ruleTester.run('no-unvalidated-input (one input literal, two accesses)', noUnvalidatedInput, {
  valid: [shared.replace(' // ✗', '')],
  invalid: [invalidAt(existenceOnly, 'unvalidatedInput')],
});

ruleTester.run('no-unscoped-key (one input literal, two accesses)', noUnscopedKey, {
  valid: [existenceOnly.replace(' // ✗', '')],
  invalid: [invalidAt(shared, 'unscopedKey')],
});
