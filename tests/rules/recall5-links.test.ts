import injectionRule from '../../rules/no-expression-injection.js';
import rawItemRule from '../../rules/no-raw-item-response.js';
import unscopedRule from '../../rules/no-unscoped-key.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { injectionsAt } from './injection-cases.js';

/**
 * General recall links (issue 15): objects written under computed keys, table names passed to
 * helpers, key-name loops. Each with a safe look-alike.
 */
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}const FIELDS: string[] = ['pk', 'sk'];
declare const keyName: string;
`;
const code = (body: string) => header + body;
/** Audit mode: these cases are about the flow, not about the evidence that an entity is owned. */
const audit = [{ evidence: 'none' as const }] as [{ evidence: 'none' }];
const unscoped = (body: string) => ({ ...invalidAt(code(body), 'unscopedKey' as const), options: audit });
const rawItem = (body: string) => ({ ...invalidAt(code(body), 'rawItem' as const), options: audit });
const injection = (body: string) => injectionsAt(code(body));

ruleTester.run('no-unscoped-key (computed writes)', unscopedRule, {
  valid: [
    // The key object is written under a computed name, with the caller.
    {
      code: code(`
app.get('/me', async (req, res) => {
  const key: Record<string, string> = {};
  key[keyName] = req.user!.sub;
  const out = await ddb.send(new GetCommand({ TableName: 'users', Key: key }));
  res.json(out.Item?.name);
});`),
      options: audit,
    },
    // The put's key is the caller; the other fields come from the body by name.
    {
      code: code(`
app.get('/notes/mine', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: { id: req.user!.sub } }));
  res.json(out.Item?.title);
});
app.put('/notes', async (req, res) => {
  const item: Record<string, unknown> = { id: req.user!.sub };
  for (const k of ['title', 'body']) item[k] = (req.body as Record<string, unknown>)[k];
  await ddb.send(new PutCommand({ TableName: 'notes', Item: item }));
  res.end();
});`),
      options: audit,
    },
    // The input's own Key written under a computed name, with the caller.
    {
      code: code(`
app.delete('/me', async (req, res) => {
  const params = { TableName: 'users', Key: {} as Record<string, unknown> };
  params.Key[keyName] = req.user!.sub;
  await ddb.send(new DeleteCommand(params));
  res.end();
});`),
      options: audit,
    },
    // A constant object merged into the key, and the caller.
    {
      code: code(`
const DEFAULT_KEY = { sk: 'PROFILE' };
app.get('/me', async (req, res) => {
  const key: Record<string, string> = { pk: req.user!.sub };
  Object.assign(key, DEFAULT_KEY);
  const out = await ddb.send(new GetCommand({ TableName: 'users', Key: key }));
  res.json(out.Item?.name);
});`),
      options: audit,
    },
    // A destructuring assignment from the caller.
    {
      code: code(`
app.get('/me', async (req, res) => {
  let owner: string;
  ({ sub: owner } = req.user!);
  const out = await ddb.send(new GetCommand({ TableName: 'users', Key: { owner } }));
  res.json(out.Item?.name);
});`),
      options: audit,
    },
    // A Map given the caller.
    {
      code: code(`
app.get('/me', async (req, res) => {
  const parts = new Map<string, string>();
  parts.set('owner', req.user!.sub);
  const out = await ddb.send(new GetCommand({ TableName: 'users', Key: { owner: parts.get('owner') } }));
  res.json(out.Item?.name);
});`),
      options: audit,
    },
    // A loop over fixed names writing constants.
    {
      code: code(`
const DEFAULTS: Record<string, string> = { pk: 'CONFIG', sk: 'GLOBAL' };
app.get('/config', async (req, res) => {
  const params: Record<string, unknown> = {};
  for (const k of FIELDS) params[k] = DEFAULTS[k];
  const out = await ddb.send(new GetCommand({ TableName: 'config', Key: params }));
  res.json(out.Item?.value);
});`),
      options: audit,
    },
  ],
  invalid: [
    // A put whose item takes its fields, the table's key among them, from the body by name.
    unscoped(`
app.get('/notes/mine', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: { id: req.user!.sub } }));
  res.json(out.Item?.title);
});
app.put('/notes', async (req, res) => {
  const item: Record<string, unknown> = {};
  for (const k of ['id', 'title']) item[k] = (req.body as Record<string, unknown>)[k]; // ✗
  await ddb.send(new PutCommand({ TableName: 'notes', Item: item }));
  res.end();
});`),
    // The client's id written under a computed key name.
    unscoped(`
app.get('/notes/:id', async (req, res) => {
  const key: Record<string, string> = {};
  key[keyName] = req.params.id; // ✗
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: key }));
  res.json(out.Item?.title);
});`),
    // Key attributes copied from the body by a loop over fixed names.
    unscoped(`
app.delete('/notes', async (req, res) => {
  const params: Record<string, unknown> = {};
  for (const k of FIELDS) params[k] = (req.body as Record<string, unknown>)[k]; // ✗
  await ddb.send(new DeleteCommand({ TableName: 'notes', Key: params }));
  res.end();
});`),
    // Written under a computed name into the input's own Key.
    unscoped(`
app.delete('/notes', async (req, res) => {
  const params = { TableName: 'notes', Key: {} as Record<string, unknown> };
  for (const k of FIELDS) params.Key[k] = (req.body as Record<string, unknown>)[k]; // ✗
  await ddb.send(new DeleteCommand(params));
  res.end();
});`),
    // Every property of the path parameters merged into the key.
    unscoped(`
app.get('/notes/:id', async (req, res) => {
  const key: Record<string, string> = {};
  Object.assign(key, req.params); // ✗
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: key }));
  res.json(out.Item?.title);
});`),
    // Destructuring assignments to declared variables.
    unscoped(`
app.get('/notes/:id', async (req, res) => {
  let id: string;
  ({ id } = req.params);
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: { id } })); // ✗
  res.json(out.Item?.title);
});`),
    unscoped(`
app.get('/notes/:owner/:id', async (req, res) => {
  let owner = '';
  let id = '';
  [owner, id = 'first'] = [req.params.owner, req.params.id];
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: { owner, id } })); // ✗✗
  res.json(out.Item?.title);
});`),
    // A Map holds what was set into it.
    unscoped(`
app.get('/notes/:id', async (req, res) => {
  const parts = new Map<string, string>();
  parts.set('id', req.params.id);
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: { id: parts.get('id') } })); // ✗
  res.json(out.Item?.title);
});`),
    // The same through a property read of the written object.
    unscoped(`
app.get('/notes/:id', async (req, res) => {
  const key: Record<string, string> = {};
  key[keyName] = req.params.id;
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: { id: key.id } })); // ✗
  res.json(out.Item?.title);
});`),
  ],
});

ruleTester.run('no-expression-injection (table helpers, key-name loops)', injectionRule, {
  valid: [
    // A helper given a constant table name.
    code(`
function list(table: string) {
  return ddb.send(new ScanCommand({ TableName: table }));
}
app.get('/notes', async (req, res) => {
  res.json((await list('notes')).Items?.length);
});`),
    // The same helpers given constants.
    code(`
function queryIndex(table: string, index: string, owner: string) {
  return ddb.send(new QueryCommand({ TableName: table, IndexName: index, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': owner } }));
}
function mine(table: string, index: string, owner: string) {
  return queryIndex(table, index, owner);
}
app.get('/notes', async (req, res) => {
  res.json((await mine('notes', 'byOwner', req.user!.sub)).Items?.length);
});`),
    // Attribute names from a fixed list, values from the body.
    code(`
app.patch('/notes', async (req, res) => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const k of ['title', 'body']) {
    names['#' + k] = k;
    values[':' + k] = (req.body as Record<string, unknown>)[k];
  }
  await ddb.send(new UpdateCommand({ TableName: 'notes', Key: { ownerId: req.user!.sub }, UpdateExpression: 'SET #title = :title, #body = :body', ExpressionAttributeNames: names, ExpressionAttributeValues: values }));
  res.end();
});`),
  ],
  invalid: [
    // The client names the table through a helper parameter.
    injection(`
function list(table: string) {
  return ddb.send(new ScanCommand({ TableName: table }));
}
app.get('/tables', async (req, res) => {
  res.json((await list(String(req.query.table))).Items?.length); // ✗ selector
});`),
    // Through two helpers, and an index name.
    injection(`
function queryIndex(table: string, index: string, owner: string) {
  return ddb.send(new QueryCommand({ TableName: table, IndexName: index, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': owner } }));
}
function mine(table: string, index: string, owner: string) {
  return queryIndex(table, index, owner);
}
app.get('/tables', async (req, res) => {
  res.json((await mine(String(req.query.table), String(req.query.index), req.user!.sub)).Items?.length); // ✗ selector ✗ selector
});`),
    // The client picks the attributes: the body's own property names become attribute names.
    injection(`
app.patch('/notes', async (req, res) => {
  const body = req.body as Record<string, unknown>;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const k in body) {
    names['#' + k] = k; // ✗ attributeName
    values[':' + k] = body[k]; // ✗ placeholder
    sets.push(\`#\${k} = :\${k}\`);
  }
  await ddb.send(new UpdateCommand({ TableName: 'notes', Key: { ownerId: req.user!.sub }, UpdateExpression: 'SET ' + sets.join(', '), ExpressionAttributeNames: names, ExpressionAttributeValues: values })); // ✗ expression
  res.end();
});`),
  ],
});

ruleTester.run('no-raw-item-response (key-name loops, computed writes)', auditMode(rawItemRule), {
  valid: [
    // The item's attribute names, one by one, are none of its values.
    code(`
app.get('/notes/:id', async (req, res) => {
  const { Item = {} } = await ddb.send(new GetCommand({ TableName: 'notes', Key: { ownerId: req.user!.sub, id: req.params.id } }));
  for (const k in Item) {
    res.write(k);
  }
  res.end();
});`),
    code(`
app.get('/notes/:id', async (req, res) => {
  const { Item = {} } = await ddb.send(new GetCommand({ TableName: 'notes', Key: { ownerId: req.user!.sub, id: req.params.id } }));
  const names: Record<string, string> = {};
  for (const k in Item) names[k] = k.toUpperCase();
  res.json(names);
});`),
  ],
  invalid: [
    // Every attribute of the item merged into the response object.
    rawItem(`
app.get('/notes/:id', async (req, res) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'notes', Key: { ownerId: req.user!.sub, id: req.params.id } }));
  const out = { ok: true };
  Object.assign(out, Item);
  res.json(out); // ✗
});`),
    // An object written under a computed key holds the item written into it.
    rawItem(`
app.get('/notes/:id', async (req, res) => {
  const { Item } = await ddb.send(new GetCommand({ TableName: 'notes', Key: { ownerId: req.user!.sub, id: req.params.id } }));
  const out: Record<string, unknown> = {};
  out[keyName] = Item;
  res.json(out); // ✗
});`),
  ],
});
