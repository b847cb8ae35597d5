import rule from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader } from './express-cases.js';
import { injectionsAt } from './injection-cases.js';

/**
 * The property names of an object literal are what the code wrote, whatever its values; a
 * parameter's keys are the keys of what its callers pass (`Object.keys(obj)` in an update helper).
 */
const ruleTester = createRuleTesterWithTypes();
const helper = `${expressHeader}
async function updateFields(id: string, obj: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  Object.keys(obj).forEach((k, i) => {
    names[\`#a\${i}\`] = k;
    values[\`:a\${i}\`] = obj[k];
  });
  return ddb.send(new UpdateCommand({
    TableName: 'settings',
    Key: { id },
    UpdateExpression: 'SET ' + Object.keys(obj).map((_, i) => \`#a\${i} = :a\${i}\`).join(', '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }));
}
function setClause(fields: { data: Record<string, unknown> }) {
  return 'SET ' + Object.keys(fields.data).map((k) => \`\${k} = :\${k}\`).join(', ');
}
`;
const code = (body: string) => helper + body;

ruleTester.run('no-expression-injection: keys of arguments', rule, {
  valid: [
    // Constant keys, request values: the client picks no attribute name.
    code(`
app.post('/water', async (req, res) => {
  await updateFields(req.user!.sub, { water: req.body.check, at: req.body.at });
  res.sendStatus(204);
});`),
    // Through a variable and a nested member.
    code(`
app.post('/profile', async (req, res) => {
  const changes = { nickname: String(req.body.nickname) };
  await updateFields(req.user!.sub, changes);
  await ddb.send(new UpdateCommand({
    TableName: 'settings',
    Key: { id: req.user!.sub },
    UpdateExpression: setClause({ data: { theme: req.body.theme } }),
    ExpressionAttributeValues: { ':theme': req.body.theme },
  }));
  res.sendStatus(204);
});`),
    // A spread BEFORE constant members of a constant object keeps the names constant.
    code(`
const DEFAULTS = { theme: 'dark' };
app.post('/defaults', async (req, res) => {
  await updateFields(req.user!.sub, { ...DEFAULTS, theme: req.body.theme });
  res.sendStatus(204);
});`),
  ],
  invalid: [
    // The request body itself: the client chooses the attribute names.
    injectionsAt(
      code(`
app.post('/all', async (req, res) => {
  await updateFields(req.user!.sub, req.body); // ✗ attributeName
  res.sendStatus(204);
});`),
    ),
    // A spread of the body inside the literal brings the body's keys.
    injectionsAt(
      code(`
app.post('/merge', async (req, res) => {
  await updateFields(req.user!.sub, { updatedAt: Date.now(), ...req.body }); // ✗ attributeName
  res.sendStatus(204);
});`),
    ),
    // A literal with a key computed from the request.
    injectionsAt(
      code(`
app.post('/one', async (req, res) => {
  await updateFields(req.user!.sub, { [String(req.query.field)]: req.body.value }); // ✗ attributeName
  res.sendStatus(204);
});`),
    ),
    // Keys of a nested member the caller fills from the body.
    injectionsAt(
      code(`
app.post('/nested', async (req, res) => {
  await ddb.send(new UpdateCommand({
    TableName: 'settings',
    Key: { id: req.user!.sub },
    UpdateExpression: setClause({ data: req.body.changes }), // ✗ expression
  }));
  res.sendStatus(204);
});`),
    ),
  ],
});
