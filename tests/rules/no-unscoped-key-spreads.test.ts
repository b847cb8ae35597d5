import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Later spread properties override earlier ones: in `{ ...fromDb, ...changes }` a key attribute
 * comes from the last spread that surely sets it (a literal with that member), not from any of them.
 */
const ruleTester = createRuleTesterWithTypes();

const update = (changes: string, mark = '') => `${expressHeader}
const fromRequest = (req: Request, userId: string) => ({ ${changes} });
app.patch('/games', async (req, res) => {
  const userId = req.user!.sub;
  const changes = fromRequest(req, userId);
  const found = await ddb.send(new GetCommand({ TableName: 'Games', Key: { userId, gameId: String(changes.gameId) } }));
  if (!found.Item) return res.sendStatus(404);
  await ddb.send(new PutCommand({ TableName: 'Games', Item: { ...found.Item, ...changes, updatedAt: Date.now() } }));${mark}
  res.sendStatus(204);
});`;

ruleTester.run('no-unscoped-key (spreads override)', rule, {
  valid: [
    // The changes set userId to the caller: the item's partition is the caller's.
    update('gameId: String(req.body.gameId), notes: String(req.body.notes), userId'),
  ],
  invalid: [
    // The changes may not set userId, and the body itself may: the stored item's partition may be anyone's.
    invalidAt(update('...req.body, gameId: String(req.body.gameId)', ' // ✗'), 'unscopedKey'),
  ],
});
