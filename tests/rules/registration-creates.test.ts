import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Registrations (fresh-d C3): a put that runs only after a read of the same key found nothing
 * creates a new item, like a put with `attribute_not_exists`, and a read whose result is only
 * tested for presence (also in a callback: `query(params, (err, out) => { if (out.Count < 1) … })`)
 * reveals nothing but existence; `recommended` reports neither. The look-alikes overwrite someone's
 * item: the put also runs when the item exists, or only when it does, or the check read another key.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (body: string) => `import express from 'express';
import AWS from 'aws-sdk';
import jwt from 'jsonwebtoken';
const doc = new AWS.DynamoDB.DocumentClient();
const app = express();
const fail = (message: string) => { const e = new Error(message); throw e; };
const warn = (message: string) => { if (process.env.STRICT) throw new Error(message); };
async function findUser(email: string) {
  const r = await doc.get({ TableName: 'Users', Key: { email } }).promise();
  if (r.Item) return r.Item;
  return null;
}
app.get('/me', async (req, res) => {
  const me = jwt.verify(String(req.headers.authorization), 's') as { email: string };
  const r = await doc.get({ TableName: 'Users', Key: { email: me.email } }).promise();
  res.json({ name: r.Item?.name });
});
app.post('/register', async (req, res) => {
  const email = String(req.body.email);
${body}
});`;

const read = `  const found = await doc.get({ TableName: 'Users', Key: { email } }).promise();`;
const put = `  await doc.put({ TableName: 'Users', Item: { email, name: String(req.body.name) } }).promise();`;
const helperRead = `  const user = await findUser(email);`;
const marked = (code: string, line: string) => code.replace(line, `${line} // ✗`);

const options = [{ evidence: 'required' }] as const;

// Callback style: the query's callback creates the record when the query found none.
const callback = (test: string) =>
  app(`  doc.query({ TableName: 'Users', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }, (err, out) => {
    if (${test}) doc.put({ TableName: 'Users', Item: { email, name: String(req.body.name) } }, () => res.json({ ok: true }));
    else res.status(409).end();
  });`);
// The whole request body is the item: the read looked up its key attribute.
const wholeBody = (index: string) =>
  app(`  const found = await doc.query({ TableName: 'Users',${index} KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': req.body.email } }).promise();
  if (found.Count !== 0) return res.status(409).end();
  await doc.put({ TableName: 'Users', Item: req.body }).promise();
  res.end();`);
const accountPut = `  await doc.put({ TableName: 'Accounts', Item: req.body }).promise();`;
const accountRead = `app.get('/account', async (req, res) => {
  const me = jwt.verify(String(req.headers.authorization), 's') as { id: string };
  const r = await doc.get({ TableName: 'Accounts', Key: { id: me.id } }).promise();
  res.json({ name: r.Item?.name });
});
app.get(`;
// The query's input built by a helper (its key unread): only a read of the primary key (no index)
// looked up the key a put of the whole body writes.
const built = (index: string) => `import express from 'express';
import AWS from 'aws-sdk';
const doc = new AWS.DynamoDB.DocumentClient();
const router = express.Router();
const lookup = (body: { email: string }) => {
  const q: Record<string, unknown> = {};
  q.TableName = 'Users';${index}
  q.KeyConditionExpression = '#e = :e';
  q.ExpressionAttributeNames = { '#e': 'email' };
  q.ExpressionAttributeValues = { ':e': body.email };
  return q as AWS.DynamoDB.DocumentClient.QueryInput;
};
router.post('/signup', (req, res) => {
  doc.query(lookup(req.body), (err, out) => {
    if (out && out.Count < 1) doc.put({ TableName: 'Users', Item: req.body }, () => res.end()); // ✗
    else res.status(409).end();
  });
});
router.post('/user/get', (req, res) => {
  doc.query(lookup(req.body), (err, out) => res.json(out.Items)); // ✗
});`;
const callbackPut = `res.json({ ok: true }));`;

ruleTester.run('no-unscoped-key (registrations)', noUnscopedKey, {
  valid: [
    // The existence check exits through a helper that always throws.
    { code: app(`${read}\n  if (found.Item) fail('exists');\n${put}\n  res.json({ ok: true });`), options },
    {
      code: app(
        `${read}\n  if (found.Item) {\n    return res.status(409).end();\n  }\n${put}\n  res.json({ ok: true });`,
      ),
      options,
    },
    // The create in the branch where the read found nothing.
    { code: app(`${read}\n  if (!found.Item) {\n  ${put}\n  }\n  res.json({ ok: true });`), options },
    { code: callback('out && out.Count < 1'), options },
    { code: callback('out.Count === 0'), options },
    { code: callback('!out.Items.length'), options },
    { code: wholeBody(''), options },
    // A helper that returns the item or null, whose caller only tests it: neither the create after
    // the check nor the helper's read is reported (existence-shapes.test.ts has the look-alikes).
    { code: app(`${helperRead}\n  if (user) throw new Error('exists');\n${put}\n  res.end();`), options },
  ],
  invalid: [
    // The check does not stop the put: it overwrites the existing record.
    {
      ...invalidAt(marked(app(`${read}\n  if (found.Item) console.log('exists');\n${put}`), put), 'unscopedKey'),
      options,
    },
    // A helper that throws only sometimes: the put may still overwrite.
    { ...invalidAt(marked(app(`${read}\n  if (found.Item) warn('exists');\n${put}`), put), 'unscopedKey'), options },
    // The put runs only when the item exists: it overwrites it.
    {
      ...invalidAt(
        marked(app(`${read}\n  if (!found.Item) return res.status(404).end();\n${put}`), put),
        'unscopedKey',
      ),
      options,
    },
    // The check read another key than the one the put writes.
    {
      ...invalidAt(
        marked(
          app(
            `  const other = await doc.get({ TableName: 'Users', Key: { email: String(req.body.other) } }).promise();\n  if (other.Item) return res.status(409).end();\n${put}`,
          ),
          put,
        ),
        'unscopedKey',
      ),
      options,
    },
    // The read's item is sent back: the read is reported, the put (a create) is not.
    {
      ...invalidAt(marked(app(`${read}\n  if (found.Item) return res.json(found.Item);\n${put}`), read), 'unscopedKey'),
      options,
    },
    { ...invalidAt(marked(callback('out.Count > 0'), callbackPut), 'unscopedKey'), options },
    // The lookup by the primary key (the get route is reported; the create is not), then by an index.
    { ...invalidAt(built('').replace(') => res.end()); // ✗', ') => res.end());'), 'unscopedKey'), options },
    { ...invalidAt(built("\n  q.IndexName = 'email-index';"), 'unscopedKey'), options },
    // A query of an index found no account with that email; the body's own key (its id) may still be someone's.
    {
      ...invalidAt(
        marked(
          app(`  const found = await doc.query({ TableName: 'Accounts', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': req.body.email } }).promise();
  if (found.Count !== 0) return res.status(409).end();
${accountPut}
  res.end();`).replace('app.get(', accountRead),
          accountPut,
        ),
        'unscopedKey',
      ),
      options,
    },
    // Strict (an audit) reports the registration's read and put: a check-then-put is not atomic.
    {
      ...invalidAt(marked(marked(app(`${read}\n  if (found.Item) fail('exists');\n${put}`), put), read), 'unscopedKey'),
      options: [{ evidence: 'none' }] as const,
    },
  ],
});
