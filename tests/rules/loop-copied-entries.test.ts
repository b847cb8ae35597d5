import unscopedRule from '../../rules/no-unscoped-key.js';
import rawRule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Objects a generic wrapper builds in a loop keep their property names: a loop over
 * `Object.entries(o)` (or `Object.keys`) that writes `t[k] = f(v)` gives `t` `o`'s properties under
 * the same names, each made from `o`'s value — so the placeholders and key attributes a caller
 * passes (the principal among them) stay known at the call site.
 */
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import { DeleteItemCommand, QueryCommand as RawQueryCommand } from '@aws-sdk/client-dynamodb';
const raw = new DynamoDBClient({});
async function queryItems(table: string, condition: string, values: Record<string, string>) {
  const attributeValues: Record<string, { S: string }> = {};
  for (const [key, value] of Object.entries(values)) {
    attributeValues[key] = { S: value };
  }
  const out = await raw.send(new RawQueryCommand({ TableName: table, KeyConditionExpression: condition, ExpressionAttributeValues: attributeValues }));
  return out.Items;
}
async function deleteItem(table: string, key: Record<string, string>) {
  const Key: Record<string, { S: string }> = {};
  Object.keys(key).forEach((attr) => {
    Key[attr] = { S: key[attr]! };
  });
  await raw.send(new DeleteItemCommand({ TableName: table, Key }));
}
function listFor(values: Record<string, string>) {
  return queryItems('Tasks', '#type = :type AND begins_with(#id, :id)', values);
}
`;
const ok = (body: string) => header + body;

ruleTester.run('no-raw-item-response (loop-copied entries)', rawRule, {
  valid: [
    // The caller's own tasks: `:id` is the principal, whatever else the caller passes.
    ok(`app.get('/tasks', async (req, res) => {
  const tasks = await queryItems('Tasks', '#type = :type AND begins_with(#id, :id)', { ':type': 'TASK', ':id': req.user!.sub });
  res.json(tasks);
});`),
    // Through a second wrapper that passes its own parameter on.
    ok(`app.get('/tasks', async (req, res) => {
  res.json(await listFor({ ':type': 'TASK', ':id': req.user!.sub }));
});`),
    // Read by a helper on the item's way with the caller's id: judged by that read, not by another
    // route's read of the same wrapper with a path value.
    ok(`async function ownTasks(req: Request) {
  return queryItems('Tasks', '#type = :type AND begins_with(#id, :id)', { ':type': 'TASK', ':id': req.user!.sub });
}
app.get('/tasks', async (req, res) => {
  res.json(await ownTasks(req));
});
app.get('/tasks/:id/count', async (req, res) => {
  const tasks = await queryItems('Tasks', '#type = :type AND begins_with(#id, :id)', { ':type': 'TASK', ':id': req.params.id });
  res.json({ count: tasks?.length ?? 0 });
});`),
  ],
  invalid: [
    // Someone else's tasks, picked by the path.
    invalidAt(
      ok(`app.get('/tasks/:id', async (req, res) => {
  const tasks = await queryItems('Tasks', '#type = :type AND begins_with(#id, :id)', { ':type': 'TASK', ':id': req.params.id });
  res.json(tasks); // ✗
});`),
      'rawItem',
    ),
    invalidAt(
      ok(`app.get('/tasks/:id', async (req, res) => {
  res.json(await listFor({ ':type': 'TASK', ':id': req.params.id })); // ✗
});`),
      'rawItem',
    ),
  ],
});

ruleTester.run('no-unscoped-key (loop-copied entries)', unscopedRule, {
  valid: [
    // A key whose owner attribute is the caller's: the task is the caller's own.
    ok(`app.delete('/tasks/:id', async (req, res) => {
  await deleteItem('Tasks', { userId: req.user!.sub, taskId: req.params.id });
  res.sendStatus(204);
});`),
    ok(`app.get('/tasks', async (req, res) => {
  res.json(await queryItems('Tasks', 'userId = :u AND begins_with(taskId, :t)', { ':u': req.user!.sub, ':t': String(req.query.prefix) }));
});`),
  ],
  invalid: [
    // Every key attribute from the request: anyone's task.
    invalidAt(
      ok(`app.delete('/tasks/:user/:id', async (req, res) => {
  await deleteItem('Tasks', {
    userId: req.params.user, // ✗
    taskId: req.params.id, // ✗
  });
  res.sendStatus(204);
});`),
      'unscopedKey',
    ),
    invalidAt(
      ok(`app.get('/tasks/:user', async (req, res) => {
  res.json(await queryItems('Tasks', 'userId = :u', { ':u': req.params.user })); // ✗
});`),
      'unscopedKey',
    ),
  ],
});
