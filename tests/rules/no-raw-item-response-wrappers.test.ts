import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Item flows judged per handler (wave 9):
 * - a shared Lambda response wrapper (`handler(async (event) => items)` whose util sends
 *   `body: JSON.stringify(await lambda(event))`): each handler sends its own items, so the report
 *   and the verdict belong to each handler's return, not to the wrapper's one line;
 * - a whole item sent only past a check that the caller is an administrator goes to an admin by
 *   design (the judgement no-unscoped-key makes of privileged access);
 * - `items.filter((t) => t.owner === caller)` keeps the caller's own items, whatever read them.
 */
const ruleTester = createRuleTesterWithTypes();

const lambdaHeader = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
function handler(lambda: (event: APIGatewayProxyEvent) => Promise<unknown>) {
  return async function (event: APIGatewayProxyEvent) {
    let body: unknown;
    let statusCode: number;
    try {
      body = await lambda(event);
      statusCode = 200;
    } catch {
      statusCode = 500;
    }
    return { statusCode, body: JSON.stringify(body) };
  };
}
`;
// Another user's account, by a path parameter (no-unscoped-key reports the read).
const byAccount = (mark: string) => `export const getAccount = handler(async (event) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Budget', IndexName: 'accountIndex', KeyConditionExpression: 'GSI1_PK = :g', ExpressionAttributeValues: { ':g': \`ACCT#\${event.pathParameters?.id}\` } }));
  return out.Items;${mark}
});
`;
// The caller's own items, keyed by the verified identity.
const own = `export const list = handler(async (event) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Budget', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': \`USER#\${event.requestContext.authorizer?.claims.sub}\` } }));
  return out.Items;
});
`;

const users = `${expressHeader}
app.post('/users', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Accounts', Item: { id: req.user!.sub, name: String(req.body.name), email: String(req.body.email), role: 'member'SECRET } }));
  res.sendStatus(204);
});
app.get('/users', async (req, res) => {
  const out = await ddb.send(new ScanCommand({ TableName: 'Accounts' }));
  if (TEST) return res.json(out.Items);MARK
  res.sendStatus(403);
});`;
const admin = (test: string, mark = '', secret = '') =>
  users.replace('TEST', test).replace('MARK', mark).replace('SECRET', secret);

const tasks = (test: string, mark = '') => `${expressHeader}
app.post('/tasks', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Tasks', Item: { id: String(Date.now()), title: String(req.body.title), user_email: req.user!.sub, companyId: req.user!.sub } }));
  res.sendStatus(204);
});
app.get('/tasks', async (req, res) => {
  const data = await ddb.send(new ScanCommand({ TableName: 'Tasks' }));
  const mine = data.Items?.filter((task) => ${test});
  res.json(mine);${mark}
});`;

ruleTester.run('no-raw-item-response (per-handler verdicts)', rule, {
  valid: [
    // The caller's own items through the shared wrapper: not reported at the wrapper's line either.
    `${lambdaHeader}${own}`,
    // Every account to an administrator, past a role check of the verified caller.
    admin(`req.user?.role === 'admin'`),
    admin(`['admin', 'manager'].includes(req.user?.role ?? '')`),
    // The caller's own tasks, filtered in code by the owner attribute.
    tasks('task.user_email === req.user?.sub'),
    tasks('req.user!.sub == task["user_email"]'),
  ],
  invalid: [
    // Another user's account through the wrapper: reported at that handler's return.
    invalidAt(`${lambdaHeader}${byAccount(' // ✗')}`, 'rawItem'),
    // Two handlers share the wrapper: one report, on the handler that reads another's items,
    // wherever it sits in the file.
    invalidAt(`${lambdaHeader}${own}${byAccount(' // ✗')}`, 'rawItem'),
    invalidAt(`${lambdaHeader}${byAccount(' // ✗')}${own}`, 'rawItem'),
    // A role the client chooses is no privilege.
    invalidAt(admin(`req.query.role === 'admin'`, ' // ✗'), 'rawItem'),
    // Even an administrator must not see password hashes.
    invalidAt(admin(`req.user?.role === 'admin'`, ' // ✗', ', passwordHash: String(req.body.hash)'), 'rawItem'),
    // A filter by a value the client sends keeps anyone's tasks.
    invalidAt(tasks('task.user_email === req.query.email', ' // ✗'), 'rawItem'),
    // A filter by the caller's company keeps colleagues' tasks (with their emails).
    invalidAt(tasks('task.companyId === req.user?.sub', ' // ✗'), 'rawItem'),
  ],
});
