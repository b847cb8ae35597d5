import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A counter step on another user's item (`ADD stars :one`) is bounded per caller when a write keyed
 * by the caller and the same request value, with a condition, must succeed first. In one
 * `TransactWriteCommand` the items succeed or fail together, so a sibling item with that condition
 * bounds the step as an earlier awaited write does. An unconditional sibling, or one not keyed by
 * the request value, bounds nothing.
 */
const ruleTester = createRuleTesterWithTypes();
const options = [{ evidence: 'required' }] as const;
const step = "UpdateExpression: 'ADD stars :one', ExpressionAttributeValues: { ':one': 1 }";
const star = (row: string, mark = '') => `${expressHeader}import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
app.post('/signup', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Members', Item: { memberId: req.user!.sub, name: String(req.body.name), stars: 0 } }));
  res.sendStatus(201);
});
app.post('/members/:id/star', async (req, res) => {
  await ddb.send(new TransactWriteCommand({
    TransactItems: [
      { Put: { TableName: 'Stars', ${row} } },
      { Update: { TableName: 'Members', Key: { memberId: req.params.id }, ${step} } },${mark}
    ],
  }));
  res.sendStatus(204);
});`;
const ownRow = "Item: { pk: req.user!.sub, sk: req.params.id }, ConditionExpression: 'attribute_not_exists(pk)'";

const reported = (row: string) => ({ ...invalidAt(star(row, ' // ✗'), 'unscopedKey'), options });

ruleTester.run('no-unscoped-key: counters bounded inside a transaction', noUnscopedKey, {
  valid: [{ code: star(ownRow), options }],
  invalid: [
    // The caller's row with no condition: a second star goes through and counts again.
    reported('Item: { pk: req.user!.sub, sk: req.params.id }'),
    // A conditional row of the caller's that is not about this member bounds nothing here.
    reported("Item: { pk: req.user!.sub, sk: 'last-star' }, ConditionExpression: 'attribute_not_exists(pk)'"),
  ],
});
