import baseRule from '../../rules/no-raw-item-response.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * An array holds the elements pushed into it: whole items pushed into a local array (in a loop or
 * not, as they are or wrapped) and the array sent are raw items, like `.map` and array literals.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const ok = (body: string) => expressHeader + body;
const bad = (body: string) => invalidAt(expressHeader + body, 'rawItem' as const);

ruleTester.run('no-raw-item-response (pushed into arrays)', rule, {
  valid: [
    // Only projected fields are pushed.
    ok(`app.post('/chats', async (req, res) => {
  const out: { id: unknown; title: unknown }[] = [];
  for (const id of req.body.ids as string[]) {
    const r = await ddb.send(new GetCommand({ TableName: 'Chats', Key: { chatId: id } }));
    if (r.Item) out.push({ id: r.Item.chatId, title: r.Item.title });
  }
  res.json(out);
});`),
    // The array sent is another one; the items are pushed after the response is sent.
    ok(`app.get('/a/:id', async (req, res) => {
  const out: unknown[] = [];
  const sent: unknown[] = ['ok'];
  const r = await ddb.send(new GetCommand({ TableName: 'Chats', Key: { chatId: req.params.id } }));
  res.json(sent);
  out.push(r.Item);
});`),
  ],
  invalid: [
    bad(`app.post('/chats', async (req, res) => {
  const out: unknown[] = [];
  for (const id of req.body.ids as string[]) {
    const r = await ddb.send(new GetCommand({ TableName: 'Chats', Key: { chatId: id } }));
    if (r.Item) out.push(r.Item);
  }
  res.json(out); // ✗
});`),
    bad(`app.get('/a/:id', async (req, res) => {
  const out: unknown[] = [];
  const r = await ddb.send(new GetCommand({ TableName: 'Chats', Key: { chatId: req.params.id } }));
  out.push(r.Item);
  res.json(out); // ✗
});`),
    bad(`app.get('/cards', async (_req, res) => {
  const out: unknown[] = [];
  const result = await ddb.send(new ScanCommand({ TableName: 'Users' }));
  for (let i = 0; i < (result.Items ?? []).length; i++) out.push({ user: result.Items![i], n: i });
  res.json({ cards: out }); // ✗
});`),
    bad(`app.get('/b/:id', async (req, res) => {
  const r = await ddb.send(new QueryCommand({ TableName: 'Chats', KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': req.params.id } }));
  const out = [];
  for (const it of r.Items ?? []) out.push(it);
  res.json(out); // ✗
});`),
  ],
});
