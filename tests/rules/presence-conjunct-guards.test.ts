import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * An ownership check written with a presence conjunct (`if (x && x !== principal) deny`) leaves x
 * either absent or the caller's: past it, a key from x (or from the item tested) is the caller's,
 * as past `if (x !== principal) deny`. The conjunct must test the value the comparison reads.
 */
const ruleTester = createRuleTesterWithTypes();
const code = (body: string) => expressHeader + body;
const audit = [{ evidence: 'none' }] as const;

// Route-parameter middleware with the presence conjunct (`verifyOwner`).
const middleware = (check: string) =>
  code(`
function verifyOwner(req: Request, res: Response, next: () => void) {
  if (${check}) { res.status(403).json({ error: 'Forbidden' }); return; }
  next();
}
app.get('/expenses/:userId', verifyOwner, async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Expenses', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': req.params.userId } })); // ✗
  res.json({ count: out.Count });
});`);

// An inline body check.
const inline = (check: string) =>
  code(`
app.post('/goals', async (req, res) => {
  const { userId, other } = req.body as { userId?: string; other?: string };
  if (${check}) return res.status(403).end();
  await ddb.send(new GetCommand({ TableName: 'Goals', Key: { userId } })); // ✗
  res.end();
});`);

// The item read with the id, tested for presence and then for its owner.
const item = (check: string) =>
  code(`
app.delete('/notes/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: req.params.id } })); // ✗
  const note = out.Item;
  if (${check}) throw new Error('forbidden');
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { id: req.params.id } })); // ✗
  res.sendStatus(204);
});`);

const quiet = (text: string) => text.replaceAll(' // ✗', '');

ruleTester.run('no-unscoped-key (presence-conjunct ownership checks)', noUnscopedKey, {
  valid: [
    { code: quiet(middleware(`req.params.userId && req.params.userId !== req.user!.sub`)), options: audit },
    {
      code: quiet(middleware(`req.params.userId !== undefined && req.params.userId !== req.user!.sub`)),
      options: audit,
    },
    { code: quiet(inline(`userId && userId !== req.user!.sub`)), options: audit },
    { code: quiet(inline(`userId && req.user!.sub !== userId`)), options: audit },
    // The item read by the id, present and the caller's, or absent: read, check, act (as `!note || …`).
    { code: quiet(item(`note && note.owner !== req.user!.sub`)), options: audit },
    { code: quiet(item(`note != null && note.owner !== req.user!.sub`)), options: audit },
  ],
  invalid: [
    // The presence conjunct tests another value than the one compared.
    {
      ...invalidAt(middleware(`req.query.other && req.params.userId !== req.user!.sub`), 'unscopedKey'),
      options: audit,
    },
    { ...invalidAt(inline(`other && userId !== req.user!.sub`), 'unscopedKey'), options: audit },
    // The compared value is another than the key.
    { ...invalidAt(inline(`userId && other !== req.user!.sub`), 'unscopedKey'), options: audit },
    // No exit past the check.
    { ...invalidAt(inline(`userId && userId !== req.user!.sub && false`), 'unscopedKey'), options: audit },
    // Look-alike: the presence test is of another item than the one whose owner is compared.
    { ...invalidAt(item(`req.query.force && note?.owner !== 'x'`), 'unscopedKey'), options: audit },
  ],
});
