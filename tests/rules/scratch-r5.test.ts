import unscopedRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader } from './express-cases.js';
const ruleTester = createRuleTesterWithTypes();
const code = (b: string) => expressHeader + b;
const audit = [{ evidence: 'none' as const }] as [{ evidence: 'none' }];
ruleTester.run('scratch', unscopedRule, { valid: [{ code: code(`
app.get('/notes/:id', async (req, res) => {
  const key: Record<string, string> = {};
  Object.assign(key, req.params);
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: key }));
  res.json(out.Item?.title);
});`), options: audit }, { code: code(`
app.get('/notes/:id', async (req, res) => {
  const params: GetCommandInput = { TableName: 'notes', Key: {} };
  Object.assign(params.Key!, { id: req.params.id });
  const out = await ddb.send(new GetCommand(params));
  res.json(out.Item?.title);
});`), options: audit }, { code: code(`
app.get('/notes/:id', async (req, res) => {
  const key = Object.assign({}, req.params);
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: key }));
  res.json(out.Item?.title);
});`), options: audit }], invalid: [] });
