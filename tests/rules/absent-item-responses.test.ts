import rawRule from '../../rules/no-raw-item-response.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A point read's whole output sent in the branch where a test showed its `Item` absent holds no
 * item (the generated Amplify CRUD: `if (data.Item) res.json(data.Item); else res.json(data)`).
 * Sent where the item is present, or after a test that only exits, it is the item's output.
 */
const ruleTester = createRuleTesterWithTypes();

const callbackStyle = (branches: string) => `${expressHeader}
import { DynamoDB } from 'aws-sdk';
const db = new DynamoDB.DocumentClient();
app.get('/users/:id', (req, res) => {
  db.get({ TableName: 'users', Key: { id: req.params.id } }, (err, data) => {
    if (err) { res.status(500).json({ error: err.message }); return; }
${branches}
  });
});`;
const awaited = (branches: string) => `${expressHeader}
app.get('/users/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'users', Key: { id: req.params.id } }));
${branches}
});`;

ruleTester.run('no-raw-item-response (outputs sent where the item is absent)', auditMode(rawRule), {
  valid: [
    callbackStyle(
      `    if (data.Item) {\n      res.json({ id: data.Item.id });\n    } else {\n      res.json(data);\n    }`,
    ),
    awaited(`  if (!out.Item) return res.status(404).json(out);\n  res.json({ id: out.Item.id });`),
  ],
  invalid: [
    invalidAt(
      callbackStyle(
        `    if (data.Item) {\n      res.json(data); // ✗\n    } else {\n      res.sendStatus(404);\n    }`,
      ),
      'rawItem',
    ),
    invalidAt(awaited(`  if (!out.Item) return res.sendStatus(404);\n  res.json(out); // ✗`), 'rawItem'),
    // Another read's item tested: this output may hold its own.
    invalidAt(
      awaited(
        `  const other = await ddb.send(new GetCommand({ TableName: 'users', Key: { id: 'root' } }));\n  if (!other.Item) res.json(out); // ✗`,
      ),
      'rawItem',
    ),
  ],
});
