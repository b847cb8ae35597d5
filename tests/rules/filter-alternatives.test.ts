import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A query filtered so that every alternative compares an attribute with the caller
 * (`toId = :me OR fromId = :me`) returns only items the caller is party to; an alternative
 * without the caller (`OR shared = :yes`), or a `NOT`, lets others' items through.
 */
const ruleTester = createRuleTesterWithTypes();

const messages = (filter: string, values: string) => `${expressHeader}
app.post('/groups/:groupId/messages', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Messages', Item: { groupId: crypto.randomUUID(), id: crypto.randomUUID(), fromId: req.user!.sub, toId: String(req.body.to) } }));
  res.sendStatus(201);
});
app.get('/groups/:groupId/messages', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Messages',
    KeyConditionExpression: 'groupId = :g',
    FilterExpression: '${filter}',
    ExpressionAttributeValues: { ':g': req.params.groupId, ${values} }, // ✗
  }));
  res.json((out.Items ?? []).map((item) => ({ id: item.id })));
});`;

const me = `':me': req.user!.sub`;

ruleTester.run('no-unscoped-key (filters that bind the caller in every alternative)', noUnscopedKey, {
  valid: [
    messages('toId = :me OR fromId = :me', me).replace(' // ✗', ''),
    messages('(toId = :me) or (fromId = :me)', me).replace(' // ✗', ''),
    messages('fromId = :me AND (kind = :a OR kind = :b)', `${me}, ':a': 'text', ':b': 'image'`).replace(' // ✗', ''),
  ],
  invalid: [
    invalidAt(messages('toId = :me OR shared = :yes', `${me}, ':yes': true`), 'unscopedKey'),
    invalidAt(messages('NOT (toId = :me OR fromId = :me)', me), 'unscopedKey'),
    invalidAt(
      messages('toId = :me OR (fromId = :me AND kind = :k) OR kind = :k', `${me}, ':k': 'broadcast'`),
      'unscopedKey',
    ),
  ],
});
