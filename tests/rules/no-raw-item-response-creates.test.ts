import baseRule from '../../rules/no-raw-item-response.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * `ReturnValues: 'ALL_OLD'` returns the item a put replaced: a put that creates its item (a key
 * part generated fresh, or `attribute_not_exists`) replaces none, so its output holds no item.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const ok = (body: string) => expressHeader + body;
const bad = (body: string) => invalidAt(expressHeader + body, 'rawItem' as const);

ruleTester.run('no-raw-item-response (puts that create)', rule, {
  valid: [
    ok(`app.post('/apps/:appId/keys', async (req, res) => {
  const item = { pk: \`APP#\${req.params.appId}\`, sk: \`KEY#\${crypto.randomUUID()}\`, apiKey: crypto.randomUUID() };
  const out = await ddb.send(new PutCommand({ TableName: 'Apps', Item: item, ReturnValues: 'ALL_OLD' }));
  res.json(out);
});`),
    ok(`app.post('/notes', async (req, res) => {
  const out = await ddb.send(new PutCommand({
    TableName: 'Notes',
    Item: { ownerId: req.user!.sub, noteId: String(req.body.noteId), text: String(req.body.text) },
    ConditionExpression: 'attribute_not_exists(noteId)',
    ReturnValues: 'ALL_OLD',
  }));
  res.json(out.Attributes);
});`),
  ],
  invalid: [
    // The key is the client's: the put may replace an existing item and send it back.
    bad(`app.put('/apps/:appId/keys/:keyId', async (req, res) => {
  const item = { pk: \`APP#\${req.params.appId}\`, sk: \`KEY#\${req.params.keyId}\`, apiKey: crypto.randomUUID() };
  const out = await ddb.send(new PutCommand({ TableName: 'Apps', Item: item, ReturnValues: 'ALL_OLD' }));
  res.json(out); // ✗
});`),
    // A fresh id the body may replace (spread after it) creates nothing.
    bad(`app.post('/notes/spread', async (req, res) => {
  const out = await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ownerId: req.user!.sub, noteId: crypto.randomUUID(), ...req.body }, ReturnValues: 'ALL_OLD' }));
  res.json(out.Attributes); // ✗
});`),
  ],
});
