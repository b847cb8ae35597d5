import rule from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { signinRoute } from './login-cases.js';

/**
 * The account a login looks up is the one the client has just proved it owns: sent whole, it is
 * the caller's own record, judged like other own items in `recommended` — only what even its owner
 * must not see (a credential, a role flag, internal state, a configured name) makes it a finding,
 * and the password hash the login compares is read from that very item. The look-alikes are reads
 * no login checks (no sign-in, or another account name signed in).
 */
const ruleTester = createRuleTesterWithTypes();

const app = (login: string, sent: string, written = '') => `import express from 'express';
import AWS from 'aws-sdk';
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
const doc = new AWS.DynamoDB.DocumentClient();
const cognito = new AWS.CognitoIdentityServiceProvider({ region: 'us-east-1' });
const app = express();
app.put('/me', async (req, res) => {
  const me = jwt.verify(String(req.headers.authorization), 's') as { email: string };
  await doc.put({ TableName: 'Users', Item: { email: me.email, name: String(req.body.name)${written} } }).promise();
  res.sendStatus(204);
});
${signinRoute(login, `user: ${sent}`)}`;

const idp = (account = 'email') =>
  `  const out = await cognito.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: ${account}, PASSWORD: password } }).promise();`;
const bcryptLogin = `  if (!(await bcrypt.compare(password, String(found.Item.passwordHash)))) return res.status(401).end();
  const out = jwt.sign({ email }, 's');`;
const noLogin = `  const out = jwt.sign({ email }, 's');`;
const sent = `  res.json({ token: out, user: `;
const marked = (code: string) =>
  code
    .split('\n')
    .map((line) => (line.startsWith(sent) ? `${line} // ✗` : line))
    .join('\n');

ruleTester.run('no-raw-item-response (a login sends the caller its own record)', rule, {
  valid: [
    // The identity provider checked the password for this account: its name and email are the caller's own.
    app(idp(), 'found.Item'),
    // The hash the login compared is removed (a deny-list, accepted by option).
    {
      code: app(bcryptLogin.replace('const out', 'const { passwordHash, ...rest } = found.Item;\n  const out'), 'rest'),
      options: [{ allowDenyList: true }] as const,
    },
  ],
  invalid: [
    // The record holds a role flag, which even its owner must not see.
    invalidAt(marked(app(idp(), 'found.Item', `, role: 'member'`)), 'rawItem'),
    // The login compared the item's password hash: the whole item sends it back.
    invalidAt(marked(app(bcryptLogin, 'found.Item')), 'rawItem'),
    // Look-alikes: no login checks this read, or another account name is signed in.
    invalidAt(marked(app(noLogin, 'found.Item')), 'rawItem'),
    invalidAt(marked(app(idp('String(req.body.other)'), 'found.Item')), 'rawItem'),
  ],
});
