import baseRule from '../../rules/no-raw-item-response.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Hand-written unmarshalling (issue 15): an object built by copying every key of an item, whatever
 * it does to each value, holds the whole item, like `unmarshall(item)`. A loop over a fixed list of
 * names is a projection.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import { GetItemCommand, QueryCommand as RawQueryCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
const raw = new DynamoDBClient({});
const getUser = (sub: string) => raw.send(new GetItemCommand({ TableName: 'Users', Key: { userId: { S: sub } } }));
const PUBLIC = ['userId', 'displayName'];
const HIDDEN = ['passwordHash'];
`;
const ok = (body: string) => header + body;
const bad = (body: string) => invalidAt(header + body, 'rawItem' as const);
const denied = (body: string) => invalidAt(header + body, 'denyList' as const);

ruleTester.run('no-raw-item-response (copy loops)', rule, {
  valid: [
    // A loop over a fixed list of names is an allow-list.
    ok(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  const out: Record<string, unknown> = {};
  for (const k of PUBLIC) out[k] = Object.values(Item[k] ?? {})[0];
  res.json(out);
});`),
    ok(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  const out: Record<string, unknown> = {};
  ['userId', 'displayName'].forEach((k) => { out[k] = Object.values(Item[k] ?? {})[0]; });
  res.json(out);
});`),
    ok(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  res.json(Object.fromEntries(PUBLIC.map((k) => [k, Object.values(Item[k] ?? {})[0]])));
});`),
    // Only the key names are copied, not the values.
    ok(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  const out: Record<string, boolean> = {};
  for (const k in Item) out[k] = true;
  res.json(out);
});`),
    ok(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  res.json(Object.keys(Item));
});`),
    // A loop that copies another object over the item's keys.
    ok(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  const labels: Record<string, string> = { userId: 'User' };
  const out: Record<string, string> = {};
  Object.keys(Item).forEach((k) => { out[k] = labels[k] ?? k; });
  res.json(out);
});`),
    // Keys filtered through an allow-list.
    ok(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  res.json(Object.fromEntries(Object.entries(Item).filter(([k]) => PUBLIC.includes(k)).map(([k, v]) => [k, Object.values(v)[0]])));
});`),
    // A deny-list copy, where the option accepts deny-lists.
    {
      code: ok(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  res.json(Object.fromEntries(Object.entries(Item).filter(([k]) => k !== 'passwordHash').map(([k, v]) => [k, Object.values(v)[0]])));
});`),
      options: [{ allowDenyList: true, evidence: 'none' }],
    },
  ],
  invalid: [
    bad(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  const out: Record<string, unknown> = {};
  Object.keys(Item).forEach((k) => { out[k] = Object.values(Item[k]!)[0]; });
  res.json(out); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  const out = {} as Record<string, unknown>;
  for (const k in Item) out[k] = Object.values(Item[k]!)[0];
  res.json(out); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(Item)) out[k] = v.S ?? v.N;
  res.json(out); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  res.json(Object.entries(Item).reduce((acc, [k, v]) => ({ ...acc, [k]: Object.values(v)[0] }), {})); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  const out = Object.keys(Item).reduce<Record<string, unknown>>((acc, k) => {
    acc[k] = Object.values(Item[k]!)[0];
    return acc;
  }, {});
  res.json(out); // ✗
});`),
    bad(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  res.json(Object.fromEntries(Object.entries(Item).map(([k, v]) => [k, Object.values(v)[0]]))); // ✗
});`),
    // A helper that unmarshalls, on every item of a query.
    bad(`function fromDynamo(item: Record<string, AttributeValue>) {
  const out: Record<string, unknown> = {};
  for (const key in item) {
    const value = item[key]!;
    out[key] = value.S ?? (value.N ? Number(value.N) : value.BOOL);
  }
  return out;
}
app.get('/notes', async (req, res) => {
  const { Items = [] } = await raw.send(new RawQueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': { S: req.user!.sub } } }));
  res.json(Items.map(fromDynamo)); // ✗
});`),
    // Copies of every key but some named ones: deny-lists.
    denied(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  res.json(Object.fromEntries(Object.entries(Item).filter(([k]) => k !== 'passwordHash').map(([k, v]) => [k, Object.values(v)[0]]))); // ✗
});`),
    denied(`app.get('/me', async (req, res) => {
  const { Item = {} } = await getUser(req.user!.sub);
  const out: Record<string, unknown> = {};
  Object.keys(Item).filter((k) => !HIDDEN.includes(k)).forEach((k) => { out[k] = Object.values(Item[k]!)[0]; });
  res.json(out); // ✗
});`),
    bad(`const unmarshallItem = (item: Record<string, AttributeValue>) =>
  Object.fromEntries(Object.entries(item).map(([k, v]) => [k, Object.values(v)[0]]));
app.get('/me', async (req, res) => {
  const out = await getUser(req.user!.sub);
  res.json(unmarshallItem(out.Item ?? {})); // ✗
});`),
  ],
});

/** A JSON document stored in an attribute, parsed and sent whole, is as raw as the item. */
const documentHeader = `${expressHeader}
const getMember = (sub: string) => ddb.send(new GetCommand({ TableName: 'Members', Key: { memberId: sub } }));
`;
ruleTester.run('no-raw-item-response (stored JSON documents)', rule, {
  valid: [
    documentHeader +
      `app.get('/me', async (req, res) => {
  const { Item } = await getMember(req.user!.sub);
  res.json({ name: JSON.parse(String(Item?.details)).displayName });
});`,
    documentHeader +
      `app.get('/me', async (req, res) => {
  const { Item } = await getMember(req.user!.sub);
  const { displayName, plants } = JSON.parse(String(Item?.details));
  res.json({ displayName, plants });
});`,
  ],
  invalid: [
    invalidAt(
      documentHeader +
        `app.get('/me', async (req, res) => {
  const { Item } = await getMember(req.user!.sub);
  res.json(JSON.parse(String(Item?.details))); // ✗
});`,
      'rawItem',
    ),
    // Rebuilt from its stored document with the password removed: a deny-list.
    invalidAt(
      documentHeader +
        `async function loadMember(sub: string) {
  const { Item } = await getMember(sub);
  return { ...JSON.parse(String(Item?.details)), memberId: Item?.memberId, password: Item?.password };
}
app.get('/me', async (req, res) => {
  const member = await loadMember(req.user!.sub);
  delete member.password;
  res.json(member); // ✗
});`,
      'denyList',
    ),
    // A deep copy through JSON is the item.
    invalidAt(
      documentHeader +
        `app.get('/me', async (req, res) => {
  const { Item } = await getMember(req.user!.sub);
  res.json(JSON.parse(JSON.stringify(Item))); // ✗
});`,
      'rawItem',
    ),
  ],
});
