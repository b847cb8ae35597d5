import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A password verifier wrapped in the app's own helper (`checkPassword(plain, hash)` returning
 * `bcrypt.compare(plain, hash)`) checks the hash each caller hands it: a read whose item's hash a
 * login hands the helper is a login lookup, as with `bcrypt.compare` written in the handler. The
 * look-alikes hand the helper something else as the hash, or call a helper that compares nothing.
 */
const ruleTester = createRuleTesterWithTypes();

const login = (helpers: string, check: string, mark = '') =>
  expressHeader +
  `import bcrypt from 'bcrypt';
declare function sign(claims: object): string;
${helpers}
app.post('/login', async (req, res) => {
  const { email, password } = req.body as { email: string; password: string };
  const r = await ddb.send(new QueryCommand({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }));${mark}
  const user = r.Items?.[0];
  if (!user || !(await ${check})) return res.sendStatus(401);
  res.json({ token: sign({ id: user.userId }) });
});
app.put('/users/me', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Users', Item: { userId: req.user!.sub, email: String(req.body.email) } }));
  res.sendStatus(204);
});`;

const checkPassword = `async function checkPassword(plain: string, hash: string) {
  return bcrypt.compare(plain, hash);
}`;
const passwords = `const passwords = {
  matches: (plain: string, hash: string) => bcrypt.compare(plain, hash),
};`;
const helperOfHelper = `${checkPassword}
const verify = (plain: string, stored: string) => checkPassword(plain, stored);`;
const looksOnly = `async function checkPassword(plain: string, hash: string) {
  return plain.length > 8 && hash.length > 0;
}`;

// The app decorates its instance with the verifier helper (Fastify's \`decorate\`).
const decorated = (hash: string, mark = '') => `import Fastify from 'fastify';
import bcrypt from 'bcrypt';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
declare module 'fastify' {
  interface FastifyInstance { hashCompare: (plain: string, hash: string) => Promise<boolean> }
  interface FastifyRequest { user?: { sub: string } }
}
declare function sign(claims: object): string;
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = Fastify();
app.decorate('hashCompare', async function (plain: string, hash: string) {
  return bcrypt.compare(plain, hash);
});
app.post<{ Body: { email: string; password: string; hash: string } }>('/login', async (request, reply) => {
  const { email, password } = request.body;
  const r = await ddb.send(new QueryCommand({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }));${mark}
  const user = r.Items?.[0];
  if (!user || !(await app.hashCompare(password, ${hash}))) return reply.code(401).send();
  return { token: sign({ id: user.userId }) };
});
app.put<{ Body: { email: string } }>('/users/me', async (request) => {
  await ddb.send(new PutCommand({ TableName: 'Users', Item: { userId: request.user!.sub, email: request.body.email } }));
  return { ok: true };
});`;

ruleTester.run('no-unscoped-key (password verifiers in helpers)', noUnscopedKey, {
  valid: [
    login(checkPassword, 'checkPassword(password, String(user.passwordHash))'),
    login(passwords, 'passwords.matches(password, String(user.passwordHash))'),
    login(helperOfHelper, 'verify(password, String(user.passwordHash))'),
    decorated('String(user.passwordHash)'),
  ],
  invalid: [
    // The helper compares nothing.
    invalidAt(login(looksOnly, 'checkPassword(password, String(user.passwordHash))', ' // ✗'), 'unscopedKey'),
    // The hash handed to the helper is the client's, not the item's.
    invalidAt(login(checkPassword, 'checkPassword(password, String(req.body.hash))', ' // ✗'), 'unscopedKey'),
    invalidAt(decorated('request.body.hash', ' // ✗'), 'unscopedKey'),
  ],
});
