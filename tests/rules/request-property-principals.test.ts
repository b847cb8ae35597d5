import noRawItemResponse from '../../rules/no-raw-item-response.js';
import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * A request property is what the program assigns to it (SPEC §4): one that middleware assigns only
 * a verified principal (`req.userId = jwt.verify(token, key).sub`) is the caller wherever it is
 * read, as `req.user = { id }` is. Assigned anything else too (a header), it is not.
 */
const ruleTester = createRuleTesterWithTypes();
const code = (assignments: string, body: string) =>
  `${expressHeader}import jwt from 'jsonwebtoken';
declare global { namespace Express { interface Request { userId?: string } } }
function requireAuth(req: Request, res: Response, next: () => void) {
  try {
    ${assignments}
  } catch {
    res.status(401).end();
    return;
  }
  next();
}
${body}`;

const verified = `req.userId = (jwt.verify(String(req.headers.authorization).slice(7), 'secret') as { sub: string }).sub;`;
const verifiedPayload = `const payload = jwt.verify(String(req.headers.authorization).slice(7), 'secret') as { sub: string };
    req.userId = payload.sub;`;
const fromHeader = `req.userId = String(req.headers['x-user-id']);`;
const verifiedOrHeader = `if (process.env.TRUST_PROXY) req.userId = String(req.headers['x-user-id']);
    else ${verified}`;

// The caller's own user record, sent whole: it is the caller's, and holds nothing the owner may not see.
const me = `app.put('/profile', requireAuth, async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Users', Item: { userId: req.userId, email: String(req.body.email) } }));
  res.sendStatus(204);
});
app.get('/me', requireAuth, async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.userId } }));
  res.json(out.Item); // ✗
});`;

// Another's record by a route parameter, checked against the request property.
const owner = `app.get('/expenses/:userId', requireAuth, async (req, res) => {
  if (req.params.userId !== req.userId) return res.status(403).end();
  const out = await ddb.send(new QueryCommand({ TableName: 'Expenses', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': req.params.userId } })); // ✗
  res.json({ count: out.Count });
});`;

// Route middleware checks the route's owner against the request property; the client picks only the sort key.
const ownerMiddleware = `function verifyOwner(req: Request, res: Response, next: () => void) {
  if (req.params.userId !== req.userId) {
    res.status(403).end();
    return;
  }
  next();
}
app.get('/users/:userId/goals/:goalId', requireAuth, verifyOwner, async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Goals', Key: { userId: req.params.userId, goalId: req.params.goalId } })); // ✗✗
  res.json({ name: out.Item?.name });
});`;

const quiet = (text: string) => text.replaceAll(' // ✗✗', '').replaceAll(' // ✗', '');

// Plain JavaScript, an untyped middleware (the repro's shape). Its own property name: the typed cases share the fixture program.
const jsCode = (assignments: string) => `const express = require('express');
const jwt = require('jsonwebtoken');
const { createClient } = require('@supabase/supabase-js');
const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_KEY);
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
async function requireAuth(req, res, next) {
  try { ${assignments} }
  catch { return res.status(401).end(); }
  next();
}
const app = express();
app.put('/profile', requireAuth, async (req, res) => {
  await db.send(new PutCommand({ TableName: 'Users', Item: { userId: req.callerId, email: String(req.body.email) } }));
  res.sendStatus(204);
});
app.get('/me', requireAuth, async (req, res) => {
  res.json((await db.send(new GetCommand({ TableName: 'Users', Key: { userId: req.callerId } }))).Item); // ✗
});`;

const cognitoVerifier = (module: string) => `const { CognitoJwtVerifier } = require('${module}');
    const verifier = CognitoJwtVerifier.create({ userPoolId: 'pool', tokenUse: 'access', clientId: 'app' });
    req.callerId = (await verifier.verify(req.headers.authorization.slice(7))).sub;`;

ruleTester.run('no-raw-item-response (principal on a request property, JavaScript)', noRawItemResponse, {
  valid: [
    {
      code: quiet(jsCode(`req.callerId = jwt.verify(req.headers.authorization.slice(7), process.env.SECRET).sub;`)),
      filename: 'plain.js',
    },
    {
      code: quiet(
        jsCode(`req.user = { id: jwt.verify(req.headers.authorization.slice(7), process.env.SECRET).sub };`),
      ).replaceAll('req.callerId', 'req.user.id'),
      filename: 'plain.js',
    },
    // Supabase: the auth server verifies the token and returns its user.
    {
      code: quiet(
        jsCode(`const { data, error } = await supabase.auth.getUser(req.headers.authorization.slice(7));
    if (error || !data.user) return res.status(401).end();
    req.callerId = data.user.id;`),
      ),
      filename: 'plain.js',
    },
    {
      code: quiet(
        jsCode(`const p = jwt.verify(req.headers.authorization.slice(7), process.env.SECRET); req.callerId = p.sub;`),
      ),
      filename: 'plain.js',
    },
    // A verifier that aws-jwt-verify's factory built (its types not installed): its \`verify\` is the package's.
    { code: quiet(jsCode(cognitoVerifier('aws-jwt-verify'))), filename: 'plain.js' },
  ],
  invalid: [
    {
      ...invalidAt(jsCode(`req.callerId = req.headers['x-user-id'];`), 'rawItem'),
      filename: 'plain.js',
    },
    // The same shape from a package nobody models verifies nothing the rule knows of.
    { ...invalidAt(jsCode(cognitoVerifier('jwt-peek')), 'rawItem'), filename: 'plain.js' },
    // \`getSession()\` reads the session from storage without verifying it: not the caller.
    {
      ...invalidAt(
        jsCode(`const { data } = await supabase.auth.getSession(req.headers.authorization.slice(7));
    req.callerId = data.session.user.id;`),
        'rawItem',
      ),
      filename: 'plain.js',
    },
  ],
});

ruleTester.run('no-raw-item-response (principal on a request property)', noRawItemResponse, {
  valid: [code(verified, quiet(me)), code(verifiedPayload, quiet(me))],
  invalid: [invalidAt(code(fromHeader, me), 'rawItem'), invalidAt(code(verifiedOrHeader, me), 'rawItem')],
});

ruleTester.run('no-unscoped-key (principal on a request property)', noUnscopedKey, {
  valid: [
    code(verified, quiet(owner)),
    code(verifiedPayload, quiet(owner)),
    // The middleware's check makes the partition key the caller's, which scopes the sort key beside it.
    code(verified, quiet(ownerMiddleware)),
  ],
  invalid: [
    invalidAt(code(fromHeader, owner), 'unscopedKey'),
    invalidAt(code(fromHeader, ownerMiddleware), 'unscopedKey'),
  ],
});
