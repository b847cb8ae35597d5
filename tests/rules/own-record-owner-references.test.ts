import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * On the caller's own record, an attribute that records whose an item is (`ownerId`, `createdBy`:
 * the owner references of the evidence model) names someone else (fresh-z G): the caller's trip
 * membership row read by the caller's id carries the trip owner's id, and the user record read by
 * it is the owner's, not the caller's. The row's other attributes (`memberId`, `tripId`) stay the
 * caller's own values. Recommended config: users' records hold an e-mail address.
 */
const ruleTester = createRuleTesterWithTypes();

const program = (attribute: string) => `${expressHeader}
app.post('/signup', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Users', Item: { id: req.user!.sub, email: String(req.body.email) } }));
  res.sendStatus(201);
});
app.get('/trips/first/person', async (req, res) => {
  const { Items } = await ddb.send(new QueryCommand({ TableName: 'Members', KeyConditionExpression: 'memberId = :m', ExpressionAttributeValues: { ':m': req.user!.sub } }));
  const row = Items![0]!;
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { id: row.${attribute} } }));
  res.json(out.Item); // ✗
});`;

ruleTester.run('no-raw-item-response (owner references on the caller’s own record)', rule, {
  valid: [program('memberId').replace(' // ✗', '')],
  invalid: [invalidAt(program('ownerId'), 'rawItem'), invalidAt(program('createdBy'), 'rawItem')],
});
