import raw from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * `send(command)` returns the output of whichever command the variable holds at the call: a `let`
 * assigned in branches (`if (…) command = new UpdateCommand(…); else command = new GetCommand(…)`)
 * sends the item either one returns, as a `const` holding one command does.
 */
const ruleTester = createRuleTesterWithTypes();
const route = (first: string, second: string) => `${expressHeader}
app.post('/notes/:id', async (req, res) => {
  let command;
  if (req.body.update) command = ${first};
  else command = ${second};
  const out = await ddb.send(command);
  res.json(out);
});`;
const update = `new UpdateCommand({ TableName: 'Notes', Key: { id: req.params.id }, UpdateExpression: 'SET seen = :t', ExpressionAttributeValues: { ':t': true }, ReturnValues: 'ALL_NEW' })`;
const get = `new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } })`;
const put = `new PutCommand({ TableName: 'Notes', Item: { id: req.params.id, seen: true } })`;
const remove = `new DeleteCommand({ TableName: 'Notes', Key: { id: req.params.id } })`;

ruleTester.run('no-raw-item-response: commands assigned in branches', auditMode(raw), {
  valid: [
    // Neither command returns an item: a put's and a delete's outputs hold none.
    route(put, remove),
  ],
  invalid: [
    invalidAt(route(update, get).replace('res.json(out);', 'res.json(out); // ✗'), 'rawItem'),
    invalidAt(route(put, get).replace('res.json(out);', 'res.json(out); // ✗'), 'rawItem'),
  ],
});
