import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Children referenced from the caller's own item: a handler that stores a request value in an
 * item that records the caller (`Item: { ownerId: sub, setId }`) and creates another entity's item
 * keyed by that same value (`Item: { setId, cards }`) makes those items the caller's (reachable from
 * their record) though they name no owner: reading one by a chosen id, or creating one over
 * another's, is an IDOR in recommended. Look-alikes: the other write is an update of an item that
 * exists apart from the caller (a product's stock), or the caller's item stores another value.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (child: string, stored = 'setId') =>
  expressHeader +
  `
app.post('/lectures', async (req, res) => {
  const { lectureId, setId, title } = req.body as { lectureId: string; setId: string; title: string };
  await ddb.send(new PutCommand({ TableName: 'Lectures', Item: { ownerId: req.user!.sub, lectureId, ${stored}, title } }));
  ${child}
  res.sendStatus(201);
});
app.get('/sets/:setId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'FlashcardSets', Key: { setId: req.params.setId } })); // ✗
  res.json({ cards: out.Item?.cards });
});`;
const childPut = "await ddb.send(new PutCommand({ TableName: 'FlashcardSets', Item: { setId, cards: [] } })); // ✗";
const childUpdate =
  "await ddb.send(new UpdateCommand({ TableName: 'FlashcardSets', Key: { setId }, UpdateExpression: 'SET seen = :t', ExpressionAttributeValues: { ':t': true } })); // ✗";

ruleTester.run('no-unscoped-key (children referenced from the caller’s item)', noUnscopedKey, {
  valid: [
    // An update keyed by the stored value changes an item that exists apart from the caller.
    app(childUpdate).replaceAll(' // ✗', ''),
    // The caller's item stores another value than the one keying the created item.
    app(childPut, "otherId: 'x'").replaceAll(' // ✗', ''),
  ],
  invalid: [invalidAt(app(childPut), 'unscopedKey')],
});
