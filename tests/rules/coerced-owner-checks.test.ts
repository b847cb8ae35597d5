import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * An ownership check compares the same values when either side is coerced to text first:
 * `String(record.userId || '') !== String(userId)`, `` `${record.userId}` ``, `.toString()`,
 * `.trim()`, `.toLowerCase()`. Past such a check that exits, the item is the caller's, for the read
 * and for the delete that follows (read-check-act), inline or in a helper that throws. Coercing a value the client sends still
 * compares it with the client's value, and a fallback other than empty text proves nothing.
 */
const ruleTester = createRuleTesterWithTypes();

const program = (check: string) => `${expressHeader}
async function getReminder(id: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Reminders', Key: { id } }));
  return out.Item;
}
async function deleteReminder(id: string) {
  await ddb.send(new DeleteCommand({ TableName: 'Reminders', Key: { id } }));
}
function assertOwner(record: Record<string, unknown> | undefined, userId: string): void {
  if (!record || String(record.userId || '') !== String(userId)) throw new Error('Not found');
}
app.post('/reminders', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Reminders', Item: { id: crypto.randomUUID(), userId: req.user!.sub, text: String(req.body.text) } }));
  res.sendStatus(201);
});
app.delete('/reminders/:id', async (req, res) => {
  const userId = req.user!.sub;
  const reminderId = String(req.params.id || '').trim();
  const record = await getReminder(reminderId);
${check}
  await deleteReminder(reminderId); // ✗
  res.sendStatus(204);
});`;
const exit = (condition: string) => `  if (${condition}) return res.sendStatus(404);`;

ruleTester.run('no-unscoped-key (ownership checks that coerce to text)', noUnscopedKey, {
  valid: [
    program(exit(`!record || String(record.userId || '') !== String(userId)`)).replace(' // ✗', ''),
    program(exit(`!record || \`\${record.userId}\` !== userId.toString()`)).replace(' // ✗', ''),
    program(exit(`!record || String(record.userId ?? '') !== userId`)).replace(' // ✗', ''),
    program(`  assertOwner(record, userId);`).replace(' // ✗', ''),
    // Case and surrounding space normalised on both sides: the same identity.
    program(exit(`!record || String(record.userId || '').trim() !== String(userId).trim()`)).replace(' // ✗', ''),
    program(exit(`!record || String(record.userId).toLowerCase() !== userId.toLowerCase()`)).replace(' // ✗', ''),
    // A constant that holds the coerced owner names the owner, inline and in a throwing helper.
    program(
      `  const ownerId = String(record?.userId || '').trim();\n${exit(`!record || ownerId !== String(userId).trim()`)}`,
    ).replace(' // ✗', ''),
    program(`  function assertOwns(me: string, rec: Record<string, unknown> | undefined) {
    const ownerId = String(rec?.userId || '').trim();
    const caller = String(me || '').trim();
    if (!caller || ownerId !== caller) throw new Error('Forbidden');
  }
  assertOwns(userId, record);`).replace(' // ✗', ''),
  ],
  invalid: [
    // The item's owner is compared with a value the client sends: the read is reported too.
    invalidAt(
      program(exit(`!record || String(record.userId || '') !== String(req.query.owner)`)).replace(
        'await getReminder(reminderId);',
        'await getReminder(reminderId); // ✗',
      ),
      'unscopedKey',
    ),
    // A fallback to the caller's own id makes an item with no owner pass.
    invalidAt(program(exit(`!record || String(record.userId || userId) !== String(userId)`)), 'unscopedKey'),
    // Held in a constant, the fallback proves no more.
    invalidAt(
      program(
        `  const ownerId = String(record?.userId || userId).trim();\n${exit(`!record || ownerId !== String(userId)`)}`,
      ),
      'unscopedKey',
    ),
  ],
});
