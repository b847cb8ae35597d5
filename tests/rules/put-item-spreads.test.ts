import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A put Item's key attributes are what is spread or merged into it AFTER its own key members: a
 * request object spread there replaces them (the client writes any user's item); one spread before
 * them is overridden by them.
 */
const ruleTester = createRuleTesterWithTypes();
const code = (body: string) =>
  `${expressHeader}import { z } from 'zod';
const NoteInput = z.object({ title: z.string(), text: z.string() });
app.get('/notes/:noteId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: req.user!.sub, noteId: req.params.noteId } }));
  res.json({ title: out.Item?.title });
});
${body}`;
const invalid = (body: string) => invalidAt(code(body), 'unscopedKey' as const);

ruleTester.run('no-unscoped-key: spreads into a put Item', rule, {
  valid: [
    // The spread comes first: the caller's key members override whatever the body holds.
    code(`
app.post('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ...req.body, ownerId: req.user!.sub, noteId: crypto.randomUUID() } }));
  res.sendStatus(201);
});`),
    // A parsed body whose declared type has no key attribute replaces none.
    code(`
app.post('/notes/parsed', async (req, res) => {
  const input = NoteInput.parse(req.body);
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ownerId: req.user!.sub, noteId: crypto.randomUUID(), ...input } }));
  res.sendStatus(201);
});`),
    // The rest of a body whose pattern takes out the key attributes holds none of them.
    code(`
app.post('/notes/rest', async (req, res) => {
  const { ownerId, noteId, ...fields } = req.body;
  console.log(ownerId, noteId);
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ownerId: req.user!.sub, noteId: crypto.randomUUID(), ...fields } }));
  res.sendStatus(201);
});`),
    // A conditional literal spread after the key holds only the names it writes (none of the key's).
    code(`
app.post('/notes/tagged/:noteId', async (req, res) => {
  const tag: any = req.body.tag;
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ownerId: req.user!.sub, noteId: String(req.params.noteId), ...(tag && { tag }), ...(req.body.pinned ? { pinned: true } : {}) } }));
  res.sendStatus(201);
});`),
    // A key member written after the merge sets the key last.
    code(`
app.post('/notes/assigned', async (req, res) => {
  const item = { ownerId: '', noteId: crypto.randomUUID() };
  Object.assign(item, req.body);
  item.ownerId = req.user!.sub;
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: item }));
  res.sendStatus(201);
});`),
  ],
  invalid: [
    // A conditional literal that writes a key attribute from the body replaces it.
    invalid(`
app.post('/notes/moved', async (req, res) => {
  const target: any = req.body.ownerId;
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ownerId: req.user!.sub, noteId: crypto.randomUUID(), ...(target && { ownerId: target }) } })); // ✗
  res.sendStatus(201);
});`),
    // The body spread after the key members replaces them: any user's note is overwritten.
    invalid(`
app.post('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ownerId: req.user!.sub, noteId: crypto.randomUUID(), ...req.body } })); // ✗
  res.sendStatus(201);
});`),
    // Through a variable, the body parsed by hand.
    invalid(`
app.post('/notes/json', async (req, res) => {
  const body = JSON.parse(String(req.body));
  const item = { ownerId: req.user!.sub, noteId: 'n-' + Date.now(), ...body }; // ✗
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: item }));
  res.sendStatus(201);
});`),
    // The rest keeps the key attributes its pattern does not take out.
    invalid(`
app.post('/notes/partial', async (req, res) => {
  const { ownerId, ...fields } = req.body;
  console.log(ownerId);
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ownerId: req.user!.sub, noteId: crypto.randomUUID(), ...fields } })); // ✗
  res.sendStatus(201);
});`),
    // Merged in after the literal.
    invalid(`
app.post('/notes/merged', async (req, res) => {
  const item = { ownerId: req.user!.sub, noteId: crypto.randomUUID() };
  Object.assign(item, req.body); // ✗
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: item }));
  res.sendStatus(201);
});`),
  ],
});
