import path from 'node:path';
import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { docClient, js } from './framework-headers.js';

/**
 * OpenAuth (`@openauthjs/openauth/client`): `createClient(…).verify(subjects, token)` checks the
 * access token against the issuer's keys and answers with its subject or `err`, as `jwt.verify`
 * does; a Hono middleware that stores `verified.subject.properties` with `c.set` has authenticated
 * the caller, so keys built from `c.get(…)` are the caller's. Typed, against a stub of the
 * package's published client types (`tests/fixtures/openauth-client/types/`, mapped by the
 * fixture's `paths`: the package is not installed here); untyped, with the package unresolved.
 * A token only decoded, or a `verify` of a client another package built, authenticates no one.
 */
const ruleTester = createRuleTesterWithTypes();
const typed = path.join(fixturesDir, 'openauth-client/src/app.ts');

const honoApp = (authenticate: string) => `import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { createClient } from '@openauthjs/openauth/client';
import { decodeJwt } from 'jose';
${docClient}const subjects = { user: {} };
type Env = { Variables: { ctx: { userId: string } } };
const authClient = createClient({ clientID: 'app', issuer: process.env.AUTH_URL });
const auth = createMiddleware<Env>(async (c, next) => {
  const header = c.req.header('Authorization');
  if (!header?.startsWith('Bearer ')) return c.json({ error: 'Unauthorized' }, 401);
  ${authenticate}
  await next();
});
const app = new Hono<Env>().use(auth);
app.get('/notes/:id', async (c) => {
  const ctx = c.get('ctx');
  const res = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { userId: ctx.userId, noteId: c.req.param('id') } })); // ✗✗
  return c.json({ text: res.Item?.text });
});
export default app;`;
const verified = `const verified = await authClient.verify(subjects, header.substring(7));
  if (verified.err) return c.json({ error: 'Unauthorized' }, 401);
  c.set('ctx', { userId: verified.subject.properties.id });`;
const decoded = `c.set('ctx', { userId: String(decodeJwt(header.substring(7)).sub) });`;
const ownClient = `const ownClient = { verify: async (_subjects: unknown, token: string) => ({ err: undefined, subject: { properties: { id: token } } }) };
  const verified = await ownClient.verify(subjects, header.substring(7));
  if (verified.err) return c.json({ error: 'Unauthorized' }, 401);
  c.set('ctx', { userId: verified.subject.properties.id });`;
// The owner comes from the route: the verified caller does not choose it.
const routeOwner = honoApp(verified).replace('ctx.userId, noteId', "c.req.param('uid'), noteId");

const untyped = (module: string) => `const { Hono } = require('hono');
const { createClient } = require('${module}');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const authClient = createClient({ clientID: 'app', issuer: process.env.AUTH_URL });
const app = new Hono();
app.use(async (c, next) => {
  const verified = await authClient.verify(subjects, String(c.req.header('Authorization')).substring(7));
  if (verified.err) return c.json({ error: 'Unauthorized' }, 401);
  c.set('ctx', { userId: verified.subject.properties.id });
  await next();
});
app.get('/notes/:id', async (c) => {
  const res = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { userId: c.get('ctx').userId, noteId: c.req.param('id') } })); // ✗
  return c.json({ text: res.Item && res.Item.text });
});`;

const quiet = (text: string) => text.replace(' // ✗✗', '').replace(' // ✗', '');

ruleTester.run('no-unscoped-key (OpenAuth verify)', noUnscopedKey, {
  valid: [
    { code: quiet(honoApp(verified)), filename: typed },
    { code: quiet(untyped('@openauthjs/openauth/client')), filename: js },
  ],
  invalid: [
    { ...invalidAt(routeOwner, 'unscopedKey'), filename: typed },
    // Decoded, not verified: the client wrote the token's subject.
    { ...invalidAt(honoApp(decoded), 'unscopedKey'), filename: typed },
    // The program's own `verify`, and one of a client another package's factory built.
    { ...invalidAt(honoApp(ownClient), 'unscopedKey'), filename: typed },
    { ...invalidAt(untyped('token-peek/client'), 'unscopedKey'), filename: js },
  ],
});
