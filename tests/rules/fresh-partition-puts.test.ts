import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A put whose partition key is a fresh server id (`randomUUID()`) creates an item in a partition
 * nobody holds yet: a sort key the client chooses beside it reaches nobody's item. Which attribute
 * is the partition the program's other accesses show: a query comparing one attribute by `=`, or
 * one by `=` beside a range-tested sort key. Where they do not show it, a client key part may be
 * the partition and the put stays reported.
 */
const ruleTester = createRuleTesterWithTypes();

const habits = (put: string, listing: string, reported = false) =>
  `${expressHeader}
app.get('/habits/:id/:type', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Habits', Key: { habitId: req.params.id, habitType: req.params.type } }));
  if (out.Item?.owner !== req.user!.sub) return res.sendStatus(403);
  res.json({ title: out.Item?.title });
});
app.get('/habits/featured', async (req, res) => {
  const out = await ddb.send(new QueryCommand(${listing}));
  res.json({ count: out.Count });
});
app.post('/habits', async (req, res) => {
  const habitId = crypto.randomUUID();
  await ddb.send(new PutCommand({ TableName: 'Habits', Item: ${put} }));${reported ? ' // ✗' : ''}
  res.json({ habitId });
});`;

const byHabit = `{ TableName: 'Habits', KeyConditionExpression: 'habitId = :h', ExpressionAttributeValues: { ':h': 'featured' } }`;
const byHabitAndKind = `{ TableName: 'Habits', KeyConditionExpression: '#h = :h AND begins_with(#t, :t)', ExpressionAttributeNames: { '#h': 'habitId', '#t': 'habitType' }, ExpressionAttributeValues: { ':h': 'featured', ':t': 'daily' } }`;
const byBothEqual = `{ TableName: 'Habits', KeyConditionExpression: 'habitId = :h AND habitType = :t', ExpressionAttributeValues: { ':h': 'featured', ':t': 'daily' } }`;

const byOwner = `{ TableName: 'Habits', IndexName: 'byOwner', KeyConditionExpression: 'habitId = :h', ExpressionAttributeValues: { ':h': 'featured' } }`;

const freshHabit = `{ habitId, habitType: String(req.body.type), owner: req.user!.sub, title: String(req.body.title) }`;
const freshPrefixedHabit = `{ habitId: \`HABIT#\${habitId}\`, habitType: String(req.body.type), owner: req.user!.sub }`;
const clientHabit = `{ habitId: String(req.body.habitId), habitType: habitId, owner: req.user!.sub }`;

ruleTester.run('no-unscoped-key (puts into a fresh partition)', noUnscopedKey, {
  valid: [
    // The query lists a habit's items by `habitId` alone: it is the partition, and it is new.
    habits(freshHabit, byHabit),
    // `=` beside a range-tested sort key shows the partition through aliased names; a prefix keeps it fresh.
    habits(freshHabit, byHabitAndKind),
    habits(freshPrefixedHabit, byHabitAndKind),
  ],
  invalid: [
    // The client picks the partition; the fresh part is only the sort key.
    invalidAt(habits(clientHabit, byHabit, true), 'unscopedKey'),
    // Both compared by `=`: nothing shows which is the partition, so the client's part may be.
    invalidAt(habits(freshHabit, byBothEqual, true), 'unscopedKey'),
    // A query of an index shows the index's partition, not the table's.
    invalidAt(habits(freshHabit, byOwner, true), 'unscopedKey'),
  ],
});
