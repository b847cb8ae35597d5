import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §5, `recommended`: an entity whose items hold a secret or contact details is someone's
 * only if someone other than an administrator creates them. Items that only administrators write
 * (a bot's token, an organiser's phone on an event) are the organisation's, so reading one by id
 * is not an IDOR; one write that any caller can make keeps them someone's.
 */
const ruleTester = createRuleTesterWithTypes();

const adminCheck = `  if (req.user?.role !== 'admin') return res.sendStatus(403);\n`;
const program = (firstGate: string, secondWrite = '') => `${expressHeader}
app.post('/bots', async (req, res) => {
${firstGate}  await ddb.send(new PutCommand({ TableName: 'Bots', Item: { botId: crypto.randomUUID(), botToken: String(req.body.botToken), phone: String(req.body.phone) } }));
  res.sendStatus(201);
});
app.put('/bots/:botId', async (req, res) => {
${adminCheck}  await ddb.send(new PutCommand({ TableName: 'Bots', Item: { botId: req.params.botId, botToken: String(req.body.botToken) } }));
  res.sendStatus(204);
});
${secondWrite}app.post('/hooks/:botId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Bots', Key: { botId: req.params.botId } })); // ✗
  await fetch(\`https://api.example.com/bot\${out.Item?.botToken}/send\`, { method: 'POST', body: JSON.stringify(req.body) });
  res.sendStatus(200);
});
`;
const openWrite = `app.post('/my-bots', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Bots', Item: { botId: crypto.randomUUID(), botToken: String(req.body.botToken) } }));
  res.sendStatus(201);
});
`;

ruleTester.run('no-unscoped-key (entities only administrators write)', noUnscopedKey, {
  valid: [
    // Every write of the bots is behind the role check: a webhook reads any bot by its id.
    program(adminCheck).replace(' // ✗', ''),
  ],
  invalid: [
    // Any signed-in caller creates bots with their token: the items are someone's.
    invalidAt(program(''), 'unscopedKey'),
    // Both writes are gated, but a third route writes bots for anyone.
    invalidAt(program(adminCheck, openWrite), 'unscopedKey'),
  ],
});
