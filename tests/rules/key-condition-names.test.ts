import { expressHeader } from './express-cases.js';
import { lintRule } from '../lint-text.js';

/**
 * The attribute a query's key condition compares is a key of the items it reads, as a `Key` member
 * is: items a query reads by `userId = :userId` are keyed by a user's id, so they are users' items,
 * whatever kind a constant sort-key prefix (`begins_with(sk, 'HISTORY#')`) narrows them to; a
 * partition named otherwise (a category) says nothing of an owner.
 */
const query = (partition: string) => `${expressHeader}
app.get('/history/:id', async (req, res) => {
  const r = await ddb.send(new QueryCommand({
    TableName: 'Hosts',
    KeyConditionExpression: '${partition} = :p and begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':p': req.params.id, ':prefix': 'HISTORY#' },
  }));
  res.json({ count: r.Count });
});`;

describe('no-unscoped-key evidence from key condition names', () => {
  it('knows items read by a user-id partition as users', async () => {
    const [message, ...rest] = await lintRule('no-unscoped-key', query('userId'));
    expect(rest).toHaveLength(0);
    expect(message!.message).toMatch(/; HISTORY# items are users' own records\.$/);
  });

  it('learns nothing of an owner from a category partition', async () => {
    const [message, ...rest] = await lintRule('no-unscoped-key', query('category'));
    expect(rest).toHaveLength(0);
    expect(message!.message).toMatch(/; nothing in the program shows that HISTORY# items are shared\.$/);
  });
});
