import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * An index keyed by an attribute that every write of the table stores as a constant (`GSI1PK:
 * 'APP'`) sorts the items into a few categories. A query that lets the client pick the category
 * chooses what kind of items to list, never whose: `recommended` leaves it to
 * `no-unvalidated-input`. It stays a finding when any write puts a per-item or per-user value in
 * that attribute, or writes items the evidence cannot read.
 */
const ruleTester = createRuleTesterWithTypes();

const code = (gsiValue: string, extra = '') => `${expressHeader}
app.post('/apps', async (req, res) => {
  const me = req.user!.sub;
  await ddb.send(new PutCommand({
    TableName: 'Catalog',
    Item: { pk: \`USER#\${me}\`, sk: \`APP#\${String(req.body.slug)}\`, GSI1PK: ${gsiValue}, GSI1SK: 0 },
  }));
  await ddb.send(new UpdateCommand({
    TableName: 'Catalog',
    Key: { pk: \`USER#\${me}\`, sk: 'PROFILE' },
    UpdateExpression: 'SET GSI1PK = :kind, seen = :now',
    ExpressionAttributeValues: { ':kind': 'PROFILE', ':now': Date.now() },
  }));
  res.sendStatus(201);
});${extra}
app.get('/:type/popular', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Catalog',
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :type',
    ExpressionAttributeValues: { ':type': req.params.type.toUpperCase() }, // ✗
  }));
  res.json(out.Items?.map((item) => ({ slug: item.slug })));
});`;

const options = [{ evidence: 'required' }] as const;
const quiet = (text: string) => text.replace(' // ✗', '');

ruleTester.run('no-unscoped-key (constant index categories)', noUnscopedKey, {
  valid: [{ code: quiet(code("'APP'")), options }],
  invalid: [
    // A write stores the caller's id in the index attribute: the client picks a user's items.
    { ...invalidAt(code('`USER#${me}`'), 'unscopedKey'), options },
    // An item the evidence cannot read may hold anything in it (the import is a finding of its own).
    {
      ...invalidAt(
        code(
          "'APP'",
          `
app.post('/import', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Catalog', Item: req.body as Record<string, unknown> })); // ✗
  res.sendStatus(201);
});`,
        ),
        'unscopedKey',
      ),
      options,
    },
    // strict reports the pattern.
    { ...invalidAt(code("'APP'"), 'unscopedKey'), options: [{ evidence: 'none' }] },
  ],
});
