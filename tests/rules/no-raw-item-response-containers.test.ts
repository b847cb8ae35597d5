import baseRule from '../../rules/no-raw-item-response.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Items kept in a built-in keyed container (`cache.set(id, user)`) and methods called through a
 * constant element access (`items['toJSON']()`). A value read from a container and then a member of
 * it is only that member of what was put in; the setter that put it there is no deny-list; a
 * method called as `x['name']()` is the method `x.name()` calls.
 */
const rule = auditMode(baseRule);
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}interface User { userId: string; email: string; firstName: string; lastName: string }
const cache = new Map<string, User>();
const load = async (id: string) => (await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: id } }))).Item as User;
class Users {
  async find(id: string) {
    return (await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: id } }))).Item;
  }
}
const users = new Users();
`;
const ok = (body: string) => header + body;
const bad = (body: string) => invalidAt(header + body, 'rawItem' as const);

ruleTester.run('no-raw-item-response (containers and element-access methods)', rule, {
  valid: [
    // Only members of the cached item reach the response.
    ok(`app.get('/names', async (req, res) => {
  const user = await load(String(req.query.id));
  cache.set(user.userId, user);
  const cached = cache.get(String(req.query.id));
  res.json({ name: cached ? \`\${cached.firstName} \${cached.lastName}\` : 'Unknown' });
});`),
    ok(`app.get('/names', async (req, res) => {
  const user = await load(String(req.query.id));
  cache.set(user.userId, user);
  res.json({ name: cache.get(String(req.query.id))?.firstName });
});`),
    ok(`app.get('/names', async (req, res) => {
  const user = await load(String(req.query.id));
  cache.set(user.userId, user);
  res.json([...cache.values()].map((u) => u.firstName));
});`),
  ],
  invalid: [
    // The whole cached item, read back by key or as all the values: no deny-list on its way.
    bad(`app.get('/user', async (req, res) => {
  const user = await load(String(req.query.id));
  cache.set(user.userId, user);
  res.json(cache.get(String(req.query.id))); // ✗
});`),
    bad(`app.get('/users', async (req, res) => {
  const user = await load(String(req.query.id));
  cache.set(user.userId, user);
  res.json([...cache.values()]); // ✗
});`),
    bad(`app.get('/users', async (req, res) => {
  const user = await load(String(req.query.id));
  const out: Record<string, unknown> = {};
  Object.assign(out, { data: user });
  res.json(out); // ✗
});`),
    // A library method through a constant element access.
    bad(`app.get('/tickets', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Tickets', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'support' } }));
  const items = out.Items as any;
  res.json({ data: items['toJSON']() }); // ✗
});`),
    // A program method through a constant element access.
    bad(`app.get('/user', async (req, res) => {
  res.json(await users['find'](String(req.query.id))); // ✗
});`),
  ],
});
