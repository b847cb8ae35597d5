import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §5 refinement: a key value read from a request header or cookie (`x-user-id`,
 * `x-tenant-id`, `x-businessunit`, a `userId` cookie) is an identity or tenant the client claims,
 * so `recommended` reports it even on an entity the program shows to be shared, unless it is a
 * bearer secret by name (a session id, token or API key) or a standard HTTP header. (An app
 * with no authentication, where personal data makes an entity per-user, is the
 * `fixtures/evidence-noauth` project: every RuleTester program here reads `req.user`.)
 */
const ruleTester = createRuleTesterWithTypes();
const code = (body: string) => expressHeader + body;

const sharedWith = (read: string) =>
  code(`
app.post('/admin/rates', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Rates', Item: { code: crypto.randomUUID(), scope: 'global', rate: Number(req.body.rate) } }));
  res.sendStatus(201);
});
app.get('/rates/:code', async (req, res) => {
  ${read}
  res.json({ rate: out.Item?.rate });
});`);

ruleTester.run('no-unscoped-key (identity claims in headers and cookies)', noUnscopedKey, {
  valid: [
    // A shared entity keyed by a route parameter: by design.
    sharedWith(
      `const out = await ddb.send(new GetCommand({ TableName: 'Rates', Key: { code: req.params.code, scope: 'global' } }));`,
    ),
    // A standard header (a locale) describes the request, not who the caller is.
    sharedWith(
      `const out = await ddb.send(new GetCommand({ TableName: 'Rates', Key: { code: 'base', scope: String(req.headers['accept-language']) } }));`,
    ),
    // A session cookie is a bearer secret: the client proves who it is by knowing it.
    sharedWith(
      `const out = await ddb.send(new GetCommand({ TableName: 'Rates', Key: { code: 'base', scope: String(req.cookies.sessionId) } }));`,
    ),
  ],
  invalid: [
    // Any custom header the app defines for a tenant or business unit is a claim.
    invalidAt(
      sharedWith(
        `const out = await ddb.send(new GetCommand({ TableName: 'Rates', Key: { code: 'base', scope: String(req.headers['x-businessunit']) } })); // ✗`,
      ),
      'unscopedKey',
    ),
    invalidAt(
      sharedWith(
        `const out = await ddb.send(new GetCommand({ TableName: 'Rates', Key: { code: 'base', scope: String(req.headers['x-tenant-id']) } })); // ✗`,
      ),
      'unscopedKey',
    ),
    invalidAt(
      sharedWith(
        `const out = await ddb.send(new GetCommand({ TableName: 'Rates', Key: { code: 'base', scope: String(req.cookies.userId) } })); // ✗`,
      ),
      'unscopedKey',
    ),
  ],
});

/** A web `Request`'s headers read by name (`request.headers.get('…')`): each header is judged by its own name. */
const webRoute = (read: string) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export async function POST(request: Request) {
  const rate = Number((await request.json()).rate);
  await ddb.send(new PutCommand({ TableName: 'Rates', Item: { code: crypto.randomUUID(), scope: 'global', rate } }));
  return new Response(null, { status: 201 });
}
export async function GET(request: Request) {
  ${read}
  return Response.json({ rate: out.Item?.rate });
}`;

ruleTester.run('no-unscoped-key (identity claims in web request headers)', noUnscopedKey, {
  valid: [
    // The client's address through proxies is a standard header: a per-address record, not a claimed identity.
    webRoute(
      `const out = await ddb.send(new GetCommand({ TableName: 'Rates', Key: { code: 'base', scope: String(request.headers.get('x-forwarded-for')) } }));`,
    ),
  ],
  invalid: [
    invalidAt(
      webRoute(
        `const out = await ddb.send(new GetCommand({ TableName: 'Rates', Key: { code: 'base', scope: String(request.headers.get('x-tenant-id')) } })); // ✗`,
      ),
      'unscopedKey',
    ),
  ],
});
