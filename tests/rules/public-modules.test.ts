import path from 'node:path';
import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A module whose file name calls it public (`public-routes.ts`) serves public operations, so its
 * reads by a chosen id are public by design in recommended, as with a route path or a handler
 * named public. Not when some code of the same module reads the caller's identity: a module that
 * authenticates some of its routes is not a public one, and its by-id reads stay reported.
 */
const ruleTester = createRuleTesterWithTypes();
const filename = path.join(fixturesDir, 'public-routes.ts');

const byId = `
app.get('/invoices/:userId/:invoiceId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Invoices', Key: { userId: req.params.userId, invoiceId: req.params.invoiceId } })); // ✗ ✗
  res.json({ total: out.Item?.total });
});`;
const own = `
app.get('/invoices', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Invoices', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': req.user!.sub } }));
  res.json(out.Items?.map((invoice) => ({ total: invoice.total })));
});`;

ruleTester.run('no-unscoped-key (modules named public)', noUnscopedKey, {
  valid: [{ code: (expressHeader + byId).replaceAll(' // ✗ ✗', ''), filename }],
  invalid: [
    { ...invalidAt(expressHeader + own + byId, 'unscopedKey'), filename },
    // The same module under another name.
    invalidAt(expressHeader + byId, 'unscopedKey'),
  ],
});
