import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Old-style handlers declare `var params = {…}` again before each call. A later declaration with
 * a value assigns the variable: the call after it sends that literal, not the first one, and a
 * declaration inside a branch is one more value the variable may hold.
 */
const ruleTester = createRuleTesterWithTypes();

const route = (body: string) => `${expressHeader}
app.post('/requests', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Requests', Item: { requestId: crypto.randomUUID(), userId: req.user!.sub } }));
  res.sendStatus(201);
});
app.post('/requests/:id/approve', async (req, res) => {
${body}
  res.sendStatus(204);
});`;
const constant = `{ TableName: 'Requests', Key: { requestId: 'defaults' } }`;
const chosen = `{ TableName: 'Requests', Key: { requestId: req.params.id } }`;

ruleTester.run('no-unscoped-key (variables declared again)', noUnscopedKey, {
  valid: [
    // The client's key is replaced before any call sends it.
    route(`  var params: any = ${chosen};
  var params: any = ${constant};
  await ddb.send(new DeleteCommand(params));`),
  ],
  invalid: [
    // The second declaration's key is the client's: the delete sends it.
    invalidAt(
      route(`  var params: any = ${constant};
  const found = await ddb.send(new GetCommand(params));
  var params: any = ${chosen}; // ✗
  await ddb.send(new DeleteCommand(params));
  res.json({ found: !!found.Item });`),
      'unscopedKey',
    ),
    // Declared again only in a branch: either literal may be sent.
    invalidAt(
      route(`  var params: any = ${constant};
  if (req.query.force) {
    var params: any = ${chosen}; // ✗
  }
  await ddb.send(new DeleteCommand(params));`),
      'unscopedKey',
    ),
  ],
});
