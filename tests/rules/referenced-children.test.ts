import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Children referenced from an owned item: a handler that stores a value in an item of an entity
 * the program shows to be someone's (`Item: { ownerId: sub, setId }`, or a list the owner reads by
 * their id) and creates another entity's item keyed by that same value (`Item: { setId, cards }`)
 * makes those items the owner's (reachable from their item) though they name no owner: reading one
 * by a chosen id, or creating one over another's, is an IDOR in recommended. Look-alikes: the other write is an update of an item that
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

// The same through a helper handed the values, with the caller's item owned because the caller's
// own list reads it by their id (the upload itself takes the owner from the form: a finding of its own).
const helper =
  expressHeader +
  `
async function saveLecture(ownerId: string, setId: string) {
  await ddb.send(new PutCommand({ TableName: 'Lectures', Item: { ownerId, setId } }));
  await ddb.send(new PutCommand({ TableName: 'FlashcardSets', Item: { setId, cards: [] } }));
}
app.post('/lectures', async (req, res) => {
  await saveLecture(String(req.body.ownerId), String(req.body.setId)); // ✗ ✗
  res.sendStatus(201);
});
app.get('/lectures', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Lectures', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(out.Items?.map((lecture) => ({ setId: lecture.setId })));
});
app.get('/sets/:setId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'FlashcardSets', Key: { setId: req.params.setId } })); // ✗
  res.json({ cards: out.Item?.cards });
});`;

ruleTester.run('no-unscoped-key (children referenced from the caller’s item)', noUnscopedKey, {
  valid: [
    // An update keyed by the stored value changes an item that exists apart from the caller.
    app(childUpdate).replaceAll(' // ✗', ''),
    // The caller's item stores another value than the one keying the created item.
    app(childPut, "otherId: 'x'").replaceAll(' // ✗', ''),
  ],
  invalid: [invalidAt(app(childPut), 'unscopedKey'), invalidAt(helper, 'unscopedKey')],
});
