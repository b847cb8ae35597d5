import rule from '../../rules/no-raw-item-response.js';
import { lintText } from '../lint-text.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A response that carries several whole items (`{ ...game, host }`: a game and its host's user
 * record, both read through one generic wrapper that takes the table) is a finding when any one of
 * them is, and the report names that item: one report per response, for the first item that is.
 * Each item is judged by the read of its own call of the wrapper, not by another call's.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (service: string, seeds = '') => `${expressHeader}
async function getItem<T>(id: string, tableName: string): Promise<T> {
  const result = await ddb.send(new GetCommand({ TableName: tableName, Key: { id } }));
  return result.Item as T;
}
async function putItem(item: Record<string, unknown>, tableName: string) {
  await ddb.send(new PutCommand({ TableName: tableName, Item: item }));
}
app.post('/games', async (req, res) => {
  await putItem({ id: crypto.randomUUID(), hostId: req.user!.sub, venueId: String(req.body.venueId), date: String(req.body.date) }, 'Game');
  res.sendStatus(201);
});
${seeds}
${service}
app.get('/games/:id', async (req, res) => {
  res.json(await getGame(req.params.id)); // ✗
});`;

// A venue: a catalog only a seed writes, nothing sensitive.
const venues = `export async function seed() {
  await putItem({ id: 'v1', name: 'Court 1', city: 'Seoul' }, 'Venue');
}`;
// The users' own records, with their e-mail.
const users = `app.post('/users', async (req, res) => {
  await putItem({ id: req.user!.sub, email: String(req.body.email), nickname: String(req.body.nickname) }, 'User');
  res.sendStatus(201);
});`;

const withVenue = `async function getGame(id: string) {
  const game = await getItem<{ id: string; hostId: string; venueId: string }>(id, 'Game');
  const venue = await getItem<Record<string, unknown>>(game.venueId, 'Venue');
  return { ...game, venue };
}`;
const withHost = `async function getGame(id: string) {
  const game = await getItem<{ id: string; hostId: string }>(id, 'Game');
  const host = await getItem<Record<string, unknown>>(game.hostId, 'User');
  return { ...game, host };
}`;
// The host's record first, the game nested in it.
const hostFirst = `async function getGame(id: string) {
  const game = await getItem<{ id: string; hostId: string }>(id, 'Game');
  const host = await getItem<Record<string, unknown>>(game.hostId, 'User');
  return { ...host, game };
}`;

const noMark = (code: string) => code.replace(' // ✗', '');
/** A reported response of the service `getGame`, with the app's writes. */
const reported = (service: string, writes = users) => invalidAt(app(service, writes), 'rawItem' as const);

ruleTester.run('no-raw-item-response (several items in one response)', rule, {
  valid: [
    // A game (its attributes known, nothing sensitive) with its venue from a seeded catalog.
    noMark(app(withVenue, `${venues}\n${users}`)),
    // The game alone: another user's game, but nothing in it is sensitive.
    noMark(
      app(
        `async function getGame(id: string) {
  return getItem<Record<string, unknown>>(id, 'Game');
}`,
        users,
      ),
    ),
  ],
  invalid: [
    // The game is harmless; the host's nested user record holds their e-mail.
    reported(withHost),
    // The same with the user record first.
    reported(hostFirst),
    // The host's record read directly, first, with the game nested in it.
    reported(
      `async function getGame(id: string) {
  const { Item: host } = await ddb.send(new GetCommand({ TableName: 'User', Key: { id } }));
  const game = await getItem<Record<string, unknown>>(String(host?.gameId), 'Game');
  return { ...host, game };
}`,
    ),
    // Two reads of the service's own, no wrapper: the game, then its host's record.
    reported(
      `async function getGame(id: string) {
  const { Item: game } = await ddb.send(new GetCommand({ TableName: 'Game', Key: { id } }));
  const { Item: host } = await ddb.send(new GetCommand({ TableName: 'User', Key: { id: String(game?.hostId) } }));
  return { ...game, host };
}`,
    ),
    // Three items, the sensitive one last.
    reported(
      `async function getGame(id: string) {
  const game = await getItem<{ id: string; hostId: string; venueId: string }>(id, 'Game');
  const venue = await getItem<Record<string, unknown>>(game.venueId, 'Venue');
  const host = await getItem<Record<string, unknown>>(game.hostId, 'User');
  return { ...game, venue, host };
}`,
      `${venues}\n${users}`,
    ),
  ],
});

describe('no-raw-item-response (several items in one response) message', () => {
  it("names the item that is the finding: the host's record, not the game", async () => {
    const messages = await lintText(app(withHost, users), {
      'dynamodb-security/no-unscoped-key': 'off',
      'dynamodb-security/no-unvalidated-input': 'off',
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toMatch(/→ `host` \(line \d+\) → getGame/);
    expect(messages[0]!.message).toMatch(/User items/);
  });
});
