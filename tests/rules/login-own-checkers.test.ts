import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Credential flows with the app's own checks (fresh-l L, `recommended`):
 * - a sign-in whose password check is the app's own: the item's password attribute compared with
 *   `===`/`!==` to a value derived from the request's password (`encrypt(password) === user.password`,
 *   or inside a helper `checkPassword(req.body.password, user.password)` that re-encrypts and compares)
 *   is a login lookup, like `bcrypt.compare`;
 * - a registration that tests the item and its own members for truthiness (`if (user && user.email)
 *   throw`) tests it for presence, like `if (user)`.
 * A login (the app's own check or a verifier's) whose item reaches a response written before the
 * check stays reported: the item leaves the server whatever the password.
 * The look-alikes send the item back, compare the stored password with a client value that is no
 * password, compare a client value with an attribute that is no password, or send an attribute
 * after the presence test.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (body: string) => `import express from 'express';
import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
import AWS from 'aws-sdk';
const doc = new AWS.DynamoDB.DocumentClient();
const app = express();
declare function sign(claims: object): string;
const queryUserByEmail = async (email: string) => {
  const users = await doc.query({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }).promise();
  return users.Items?.[0] ?? false;
};
const encrypt = (text: string, iv: string) => {
  const cipher = crypto.createCipheriv('aes-256-cbc', String(process.env.KEY), Buffer.from(iv, 'hex'));
  let crypted = cipher.update(text, 'utf8', 'hex');
  crypted += cipher.final('hex');
  return \`\${iv}:\${crypted}\`;
};
const checkPassword = (password: string, stored: string) => {
  const [iv] = stored.split(':');
  const cipher = crypto.createCipheriv('aes-256-cbc', String(process.env.KEY), Buffer.from(String(iv), 'hex'));
  let crypted = cipher.update(password, 'utf8', 'hex');
  crypted += cipher.final('hex');
  const encryptPassword = \`\${iv}:\${crypted}\`;
  if (encryptPassword === stored) return true;
  return false;
};
app.put('/users/me', async (req: any, res) => {
  await doc.put({ TableName: 'Users', Item: { userId: req.user.sub, email: String(req.body.email) } }).promise();
  res.end();
});
app.post('/account', async (req, res) => {
${body}
});`;

const options = [{ evidence: 'required' }] as const;

// (a) The helper re-encrypts the request's password and compares it with the stored one.
const helperSignIn = app(`  const email = req.body.email.trim().toLowerCase();
  const user: any = await queryUserByEmail(email);
  const passwordBool = checkPassword(req.body.password, user.password);
  if (!user || !passwordBool) return res.status(401).end();
  res.json({ userId: user.userId, token: sign({ userId: user.userId }) });`);

// (a) The comparison written in the handler, the password destructured from the body.
const inlineSignIn = app(`  const { email, password } = req.body;
  const user: any = await queryUserByEmail(String(email));
  if (!user || encrypt(password, String(user.password).split(':')[0]!) !== user.password) return res.status(401).end();
  res.json({ token: sign({ userId: user.userId }) });`);

// (b) A registration's uniqueness check on the item and one of its members.
const registration = app(`  const { email, password } = req.body;
  const user: any = await queryUserByEmail(String(email));
  if (user && user.email) return res.status(409).send('email already in use');
  const userId = crypto.randomUUID();
  await doc.put({ TableName: 'Users', Item: { userId, email, password: encrypt(password, '00') } }).promise();
  res.send({ userId, email });`);

// Look-alike: the item is sent back before the password is checked.
const sentBeforeCheck = app(`  const email = String(req.body.email);
  const user: any = await queryUserByEmail(email); // ✗
  if (req.query.peek) return res.json({ name: user.name });
  if (!user || !checkPassword(req.body.password, user.password)) return res.status(401).end();
  res.json({ token: sign({ userId: user.userId }) });`);

// Look-alike: the same with bcrypt, whose logins answer first no more than the app's own.
const bcryptSentBeforeCheck = app(`  const email = String(req.body.email);
  const user: any = await queryUserByEmail(email); // ✗
  if (req.query.peek) return res.json({ name: user.name });
  if (!user || !(await bcrypt.compare(String(req.body.password), String(user.passwordHash)))) return res.status(401).end();
  res.json({ token: sign({ userId: user.userId }) });`);

// Look-alike: the stored password compared with a client value that is no password.
const notAPassword = app(`  const email = String(req.body.email);
  const user: any = await queryUserByEmail(email); // ✗
  if (!user || encrypt(req.body.code, '00') !== user.password) return res.status(401).end();
  res.json({ token: sign({ userId: user.userId }) });`);

// Look-alike: the request's password compared with an attribute that is no password.
const notThePasswordAttribute = app(`  const email = String(req.body.email);
  const user: any = await queryUserByEmail(email); // ✗
  if (!user || req.body.password !== user.nickname) return res.status(401).end();
  res.json({ token: sign({ userId: user.userId }) });`);

// Look-alike: the presence test passes, then an attribute of the item is sent.
const presenceThenSent = app(`  const email = String(req.body.email);
  const user: any = await queryUserByEmail(email); // ✗
  if (user && user.email) return res.status(409).send(user.name);
  res.end();`);

// Look-alike: a member compared with a value the client chose is no presence test.
const memberComparedWithClient = app(`  const email = String(req.body.email);
  const user: any = await queryUserByEmail(email); // ✗
  if (user && user.phone === req.body.phone) return res.status(409).end();
  res.end();`);

ruleTester.run('no-unscoped-key (credential flows with the app’s own checks)', noUnscopedKey, {
  valid: [helperSignIn, inlineSignIn, registration].map((code) => ({ code, options })),
  invalid: [
    sentBeforeCheck,
    bcryptSentBeforeCheck,
    notAPassword,
    notThePasswordAttribute,
    presenceThenSent,
    memberComparedWithClient,
  ].map((code) => ({ ...invalidAt(code, 'unscopedKey'), options })),
});
