import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Writes through a thin wrapper of the client (`put: (params) => ddb.send(new PutCommand(params))`,
 * the shape of many tutorials' `dynamodb-lib`) are evidence like direct writes: the item each
 * call hands the wrapper says what the table holds and whose its items are.
 */
const ruleTester = createRuleTesterWithTypes();

const code = (item: string) => `${expressHeader}
const db = {
  put: (params: { TableName: string; Item: Record<string, unknown> }) => ddb.send(new PutCommand(params)),
  get: (params: { TableName: string; Key: Record<string, unknown> }) => ddb.send(new GetCommand(params)),
};
app.post('/products', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  await db.put({ TableName: 'Products', Item: ${item} });
  res.sendStatus(201);
});
app.get('/products/:id', async (req, res) => {
  const out = await db.get({ TableName: 'Products', Key: { id: req.params.id } }); // ✗
  res.json({ name: out.Item?.name });
});`;

const options = [{ evidence: 'required' }] as const;

ruleTester.run('no-unscoped-key (writes through a wrapper)', noUnscopedKey, {
  valid: [
    // A catalog the app writes through its wrapper, with no owner: shared.
    { code: code('{ id: crypto.randomUUID(), name: String(req.body.name) }').replace(' // ✗', ''), options },
  ],
  invalid: [
    // The wrapper's write stores the caller as the item's owner: the items are users'.
    {
      ...invalidAt(
        code('{ id: crypto.randomUUID(), name: String(req.body.name), ownerId: req.user.sub }'),
        'unscopedKey',
      ),
      options,
    },
  ],
});
