import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A key that is itself the secret the client holds (a refresh token, a session id) reaches only the
 * item of whoever presents it: revoking the refresh token you hold is no IDOR. The attribute and the request value must both be named as that secret: a token
 * attribute looked up by a route id, a session id carried in the URL, or a user id looked up in the
 * same table, stays reported.
 */
const ruleTester = createRuleTesterWithTypes();

const tokens = (route: string) => `${expressHeader}
app.post('/signin', async (req, res) => {
  const refreshToken = crypto.randomUUID();
  await ddb.send(new PutCommand({ TableName: 'RefreshTokens', Item: { refreshToken, userId: req.user!.sub } }));
  res.json({ refreshToken });
});
${route}`;

/** A wrapper that takes the whole key object: the attributes are the caller's object's. */
const removing = (call: string) =>
  tokens(`async function removeItem(table: string, key: Record<string, unknown>) {
  await ddb.send(new DeleteCommand({ TableName: table, Key: key }));
}
app.post('/signout', async (req, res) => {
  const { refreshToken } = req.body;
  ${call}
  res.sendStatus(204);
});`);

/** An API key table: a key stored for the caller, later presented in a request header. */
const apiKeys = (lookup: string) => `${expressHeader}
app.post('/api-keys', async (req, res) => {
  const apiKey = crypto.randomUUID();
  await ddb.send(new PutCommand({ TableName: 'ApiKeys', Item: { apiKey, userId: req.user!.sub } }));
  res.json({ apiKey });
});
app.get('/usage', async (req, res) => {
  ${lookup}
  res.json({ plan: key.Item?.plan });
});`;

ruleTester.run('no-unscoped-key (keys that are the secret the client holds)', noUnscopedKey, {
  valid: [
    tokens(`app.post('/signout', async (req, res) => {
  const { refreshToken } = req.body;
  await ddb.send(new DeleteCommand({ TableName: 'RefreshTokens', Key: { refreshToken } }));
  res.sendStatus(204);
});`),
    removing(`await removeItem('RefreshTokens', { refreshToken });`),
    // An API key presented in its header, looked up where it is stored.
    apiKeys(
      `const key = await ddb.send(new GetCommand({ TableName: 'ApiKeys', Key: { apiKey: String(req.headers['x-api-key']) } }));`,
    ),
  ],
  invalid: [
    // Another header is not the key it is compared with.
    invalidAt(
      apiKeys(
        `const key = await ddb.send(new GetCommand({ TableName: 'ApiKeys', Key: { apiKey: String(req.headers['x-user-id']) } })); // ✗`,
      ),
      'unscopedKey',
    ),
    // The key object holds another attribute the body names: not only the secret picks the item.
    invalidAt(
      removing(`await removeItem('RefreshTokens', { refreshToken, userId: String(req.body.userId) }); // ✗`),
      'unscopedKey',
    ),
    invalidAt(
      tokens(`app.post('/tokens/:id/revoke', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'RefreshTokens', Key: { refreshToken: req.params.id } })); // ✗
  res.sendStatus(204);
});`),
      'unscopedKey',
    ),
    // A session id in the route is the handle of a session listed for revocation, not the secret.
    invalidAt(
      tokens(`app.delete('/sessions/:sessionId', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'Sessions', Key: { sessionId: req.params.sessionId } })); // ✗
  res.sendStatus(204);
});`),
      'unscopedKey',
    ),
    invalidAt(
      tokens(`app.post('/signout-everywhere', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: 'RefreshTokens', Key: { userId: req.body.userId } })); // ✗
  res.sendStatus(204);
});`),
      'unscopedKey',
    ),
  ],
});
