import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A read inside a helper that several handlers call: the item one response sends was read with the
 * keys its own handler passed, so `/me` (the caller's own record) is judged by its own call, not by
 * another route that passes a request value (SPEC §5, recommended).
 */
const ruleTester = createRuleTesterWithTypes();
const code = (me: string) => `${expressHeader}
async function findAccount(accountId: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Accounts', Key: { accountId } }));
  return out.Item;
}
app.put('/accounts/me', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Accounts', Item: { accountId: req.user!.sub, displayName: String(req.body.displayName), email: String(req.body.email) } }));
  res.sendStatus(204);
});
app.get('/accounts/:id/exists', async (req, res) => {
  res.json({ exists: !!(await findAccount(req.params.id)) });
});
app.get('/me', async (req, res) => {
  res.json(await findAccount(${me}));
});`;

ruleTester.run('no-raw-item-response (a helper read by several handlers)', rule, {
  valid: [code('req.user!.sub')],
  // The same response when its own handler passes the client's id: someone else's personal data.
  invalid: [
    invalidAt(
      code('String(req.query.id)').replace(
        'await findAccount(String(req.query.id)));',
        'await findAccount(String(req.query.id))); // ✗',
      ),
      'rawItem',
    ),
  ],
});
