import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Transaction items collected in an array keep their per-item keys through the array methods that
 * return (some of) the same elements (`items.slice(i, i + 25)`, `filter`, `concat`, `reverse`,
 * `splice`, `[...items]`, `Array.from(items)`), through a `let params; params = { … }` assignment,
 * and through a helper function that returns the array (its parameters bound to the call's
 * arguments): an item keyed by the caller is scoped, one keyed by the request is not.
 */
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import AWS from 'aws-sdk';
const v2 = new AWS.DynamoDB.DocumentClient();
type Item = { Delete?: unknown; Put?: unknown; Update?: unknown };
`;
const code = (body: string) => header + body;
const invalid = (body: string) => invalidAt(code(body), 'unscopedKey' as const);
const audit = auditMode(rule);

/** A route that pushes one Delete per body id keyed by `pk`, then sends `send`; `mark` ends the push line. */
const batched = (pk: string, send: string, mark = '') => `
app.post('/accounts/delete', async (req, res) => {
  const ids = req.body.ids as string[];
  const items: Item[] = [];
  ids.forEach((id) => items.push({ Delete: { TableName: 'T', Key: { PK: ${pk}, SK: \`ACCT#\${id}\` } } }));${mark}
  ${send}
  res.sendStatus(204);
});`;

const sliced = `for (let i = 0; i < Math.ceil(items.length / 25); i++) {
    let params;
    if (i === 0) {
      params = { TransactItems: items.slice(i * 25, (i + 1) * 25) };
    } else {
      params = { TransactItems: items.slice(i * 25) };
    }
    await v2.transactWrite(params).promise();
  }`;
const others = [
  `await v2.transactWrite({ TransactItems: items.filter(Boolean) }).promise();`,
  `await v2.transactWrite({ TransactItems: [...items].reverse() }).promise();`,
  `await v2.transactWrite({ TransactItems: Array.from(items) }).promise();`,
  `await v2.transactWrite({ TransactItems: items.splice(0, 25) }).promise();`,
  `await v2.transactWrite({ TransactItems: [].concat(items) as Item[] }).promise();`,
];

ruleTester.run('no-unscoped-key (transaction batches)', audit, {
  valid: [
    // The caller's partition; only the sort key comes from the body.
    code(batched('`USER#${req.user!.sub}`', sliced)),
    ...others.map((send) => code(batched('`USER#${req.user!.sub}`', send))),
    // `concat` with one more item, all of them the caller's.
    code(
      batched(
        '`USER#${req.user!.sub}`',
        `await v2.transactWrite({ TransactItems: items.concat({ Put: { TableName: 'T', Item: { PK: \`USER#\${req.user!.sub}\`, SK: 'LOG' } } }) }).promise();`,
      ),
    ),
    // A helper builds the items from the caller's id and the body.
    code(`
function userItems(table: string, userId: string, body: { name: string }) {
  const items: Item[] = [];
  items.push({ Put: { TableName: table, Item: { PK: \`USER#\${userId}\`, SK: 'INFO', name: body.name } } });
  return items;
}
app.post('/seed', async (req, res) => {
  await v2.transactWrite({ TransactItems: userItems('T', req.user!.sub, req.body) }).promise();
  res.sendStatus(204);
});`),
  ],
  invalid: [
    // The partition the body chooses, sent in batches of 25.
    invalid(batched('`USER#${req.body.userId}`', sliced, ' // ✗✗')),
    ...others.map((send) => invalid(batched('`USER#${req.body.userId}`', send, ' // ✗✗'))),
    // `concat` adds an item keyed by the body to the caller's items.
    invalid(
      batched(
        '`USER#${req.user!.sub}`',
        `await v2.transactWrite({ TransactItems: items.concat({ Put: { TableName: 'T', Item: { PK: \`USER#\${req.body.userId}\`, SK: 'LOG' } } }) }).promise(); // ✗`,
      ),
    ),
    // A helper pushes the items and returns the array: its `user` is the body's.
    invalid(`
function userItems(table: string, user: { id: string; email: string }) {
  const items: Item[] = [];
  items.push({ Put: { TableName: table, Item: { PK: \`USER#\${user.id}\`, SK: 'INFO', email: user.email } } });
  return items;
}
app.post('/seed', async (req, res) => {
  const items = userItems('T', req.body.user); // ✗
  await v2.transactWrite({ TransactItems: items }).promise();
  res.sendStatus(204);
});`),
    // Lists joined by reassignment, then cut into batches: the helper's items are still there.
    invalid(`
function userItems(table: string, user: { id: string }) {
  const items: Item[] = [];
  items.push({ Put: { TableName: table, Item: { PK: \`USER#\${user.id}\`, SK: 'INFO' } } });
  return items;
}
app.post('/seed', async (req, res) => {
  const user = req.body.user as { id: string };
  const defaults = userItems('T', user); // ✗
  let items: Item[] = [];
  items = items.concat(defaults);
  items = items.concat([{ Put: { TableName: 'T', Item: { PK: \`USER#\${req.user!.sub}\`, SK: 'A' } } }]);
  items = items.concat([{ Put: { TableName: 'T', Item: { PK: \`USER#\${req.user!.sub}\`, SK: 'B' } } }]);
  for (let i = 0; i < items.length; i += 25) {
    let params;
    if (i + 25 >= items.length) params = { TransactItems: items.slice(i) };
    else params = { TransactItems: items.slice(i, i + 25) };
    await v2.transactWrite(params).promise();
  }
  res.sendStatus(204);
});`),
    // A helper returns an array literal.
    invalid(`
const userItems = (table: string, user: { id: string }) => [
  { Put: { TableName: table, Item: { PK: \`USER#\${user.id}\`, SK: 'INFO' } } },
];
app.post('/seed', async (req, res) => {
  await v2.transactWrite({ TransactItems: userItems('T', req.body.user) }).promise(); // ✗
  res.sendStatus(204);
});`),
  ],
});
