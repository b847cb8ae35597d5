import rule from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

// A shorthand property (`Item: { pk, sk }`) is typed by its variable: a string declared so stays
// open text unless a check the guards read closes it; any other declared type is asked at the use,
// so a `typeof` test or a declared number still closes it (checks.ts `typeOfUse`).
const ruleTester = createRuleTesterWithTypes();
const code = (body: string) => `${expressHeader}type NoteId = string & { readonly __brand: 'NoteId' };
function isNoteId(value: string): value is NoteId { return /^[0-9a-f-]{36}$/.test(value); }
${body}`;
const put = (setup: string) =>
  code(`
app.post('/notes', async (req, res) => {
${setup}
  res.sendStatus(201);
});`);

ruleTester.run('no-unvalidated-input (shorthand properties)', rule, {
  valid: [
    // Declared a number: closed whatever the client sent.
    put(`  const sk: number = req.body.slug;
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { pk: req.user!.sub, sk } }));`),
    // \`any\` narrowed by a \`typeof\` test: only the type at the use says so.
    put(`  const { sk } = req.body;
  if (typeof sk !== 'number') return res.sendStatus(400);
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { pk: req.user!.sub, sk } }));`),
    // A string narrowed by a switch over constants.
    put(`  const sk = String(req.body.slug);
  switch (sk) {
    case 'draft':
    case 'final':
      await ddb.send(new PutCommand({ TableName: 'Notes', Item: { pk: req.user!.sub, sk } }));
  }`),
    // A string narrowed to a branded id by a type predicate.
    put(`  const sk = String(req.body.slug);
  if (!isNoteId(sk)) return res.sendStatus(400);
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { pk: req.user!.sub, sk } }));`),
  ],
  invalid: [
    // A string: open text.
    invalidAt(
      put(`  const sk = String(req.body.slug);
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { pk: req.user!.sub, sk } })); // ✗`),
      'unvalidatedInput',
    ),
    // An optional string parameter of a helper, typed by its declaration.
    invalidAt(
      code(`
async function save(owner: string, sk?: string) {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { pk: owner, sk } }));
}
app.post('/notes', async (req, res) => {
  await save(req.user!.sub, req.query.slug as string); // ✗
  res.sendStatus(201);
});`),
      'unvalidatedInput',
    ),
  ],
});
