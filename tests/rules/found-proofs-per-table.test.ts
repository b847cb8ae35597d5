import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Load, find, act: a read bound to the caller that found an item proves the caller owns what the
 * other values it was passed name. Where the read bound the caller in its key, what it found is
 * the caller's row of that table: the proof holds for other tables (a membership row, then the
 * project), while in the same table only the access's own key says whose row it touches.
 */
const ruleTester = createRuleTesterWithTypes();

/** A handler that reads `read`, stops when nothing was found, then runs `act`. */
const handler = (read: string, act: string) => `${expressHeader}
app.post('/games/:gameId', async (req, res) => {
  const userId = req.user!.sub;
  const gameId = String(req.params.gameId);
  const found = await ddb.send(${read});
  if (!found.Item) return res.sendStatus(404);
  ${act}
  res.sendStatus(204);
});`;

const membership = (key: string) => `new GetCommand({ TableName: 'Members', Key: ${key} })`;
const ownGame = `new GetCommand({ TableName: 'Games', Key: { userId: userId, gameId } })`;

const queried = (condition: string, act: string) => `${expressHeader}
app.delete('/games/:gameId', async (req, res) => {
  const gameId = String(req.params.gameId);
  const found = await ddb.send(new QueryCommand({
    TableName: 'Games',
    ${condition},
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':gid': gameId },
  }));
  if (found.Count === 0) return res.sendStatus(404);
  ${act}
  res.sendStatus(204);
});`;

ruleTester.run('no-unscoped-key (found proofs, per table)', rule, {
  valid: [
    // The caller's membership row names the game: the game itself is theirs to read.
    handler(
      membership('{ userId: userId, gameId }'),
      "await ddb.send(new GetCommand({ TableName: 'Games', Key: { gameId } }));",
    ),
    // Shorthand key members bind the caller as written-out ones do.
    handler(
      membership('{ userId, gameId }'),
      "await ddb.send(new DeleteCommand({ TableName: 'Games', Key: { gameId } }));",
    ),
    // The same table, keyed by the caller again: the access's own key scopes it.
    handler(ownGame, "await ddb.send(new DeleteCommand({ TableName: 'Games', Key: { userId, gameId } }));"),
    // A filter on a non-key owner attribute found the item: the table is keyed by the game alone.
    queried(
      "KeyConditionExpression: 'gameId = :gid', FilterExpression: 'ownerId = :uid'",
      "await ddb.send(new DeleteCommand({ TableName: 'Games', Key: { gameId } }));",
    ),
  ],
  invalid: [
    // The read found the caller's game; the put writes the game under whatever user the body names.
    invalidAt(
      handler(
        ownGame,
        "await ddb.send(new PutCommand({ TableName: 'Games', Item: { ...req.body, gameId, updatedAt: Date.now() } })); // ✗✗",
      ),
      'unscopedKey',
    ),
    // As above, with the other user named outright (each client-chosen key value is reported).
    invalidAt(
      handler(
        ownGame,
        "await ddb.send(new DeleteCommand({ TableName: 'Games', Key: { userId: String(req.body.userId), gameId } })); // ✗✗",
      ),
      'unscopedKey',
    ),
    // A query keyed by the caller proves the same as a keyed get: nothing about another user's row of that table.
    invalidAt(
      queried(
        "KeyConditionExpression: 'userId = :uid AND gameId = :gid'",
        "await ddb.send(new DeleteCommand({ TableName: 'Games', Key: { userId: String(req.query.user), gameId } })); // ✗✗",
      ),
      'unscopedKey',
    ),
  ],
});
