import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Pre-authentication one-time-code flows (fresh-t, fresh-q, fresh-l L, `recommended`): a handler
 * reads the row a claimed e-mail names and ends the request unless a stored secret (`otp`,
 * `resetCode`, a token: the session checks' words) equals the value the client sent under the same
 * word. That read is a credential step, as a `bcrypt.compare` login is; the accesses of the same
 * e-mail's rows after the match, and those on the way out because of the row itself (expired,
 * locked out, the attempt counter of a wrong code), are the proven mailbox's.
 * The look-alikes send the row back, compare it with a constant, go on after a mismatch, or write
 * another user's row by another request value.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (routes: string) => `import express from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const get = async (pk: string) => (await doc.send(new GetCommand({ TableName: 'App', Key: { PK: pk, SK: pk } }))).Item;
const del = (pk: string) => doc.send(new DeleteCommand({ TableName: 'App', Key: { PK: pk, SK: pk } }));
const bump = (pk: string, attempts: number) =>
  doc.send(new UpdateCommand({ TableName: 'App', Key: { PK: pk, SK: pk }, UpdateExpression: 'SET attempts = :a', ExpressionAttributeValues: { ':a': attempts } }));
const app = express();
app.put('/users/me', async (req: any, res) => {
  await doc.send(new PutCommand({ TableName: 'App', Item: { PK: \`USER#\${req.user.sub}\`, SK: \`USER#\${req.user.sub}\`, name: String(req.body.name) } }));
  res.end();
});
${routes}`;

const options = [{ evidence: 'required' }] as const;

// The row of the code, its expiry clean-up and attempt counter, and the sign-up completed after the match.
const verifyInline = app(`app.post('/verify-otp', async (req, res) => {
  const { email, otp } = req.body;
  const record = await get(\`OTP#\${email}\`);
  if (!record) return res.status(404).end();
  if (Date.now() > record.expiresAt) {
    await del(\`OTP#\${email}\`);
    await del(\`PENDING#\${email}\`);
    return res.status(400).end();
  }
  if (record.otp !== otp) {
    await bump(\`OTP#\${email}\`, record.attempts + 1);
    return res.status(400).json({ remaining: 5 - record.attempts });
  }
  const pending = await get(\`PENDING#\${email}\`);
  await doc.send(new PutCommand({ TableName: 'App', Item: { PK: \`USER#\${email}\`, SK: \`USER#\${email}\`, name: pending?.name } }));
  await del(\`OTP#\${email}\`);
  return res.status(201).json({ name: pending?.name, phone: pending?.phone });
});`);

// The check in a helper; the route marks the account verified once it says the code matched.
const verifyInHelper = app(`async function verifyOtp(email: string, otp: string) {
  const r = await doc.send(new GetCommand({ TableName: 'App', Key: { PK: \`USER#\${email}\`, SK: 'OTP' } }));
  if (!r.Item) return { valid: false };
  if (r.Item.otp !== otp) return { valid: false };
  await doc.send(new DeleteCommand({ TableName: 'App', Key: { PK: \`USER#\${email}\`, SK: 'OTP' } }));
  return { valid: true };
}
app.post('/verify-email', async (req, res) => {
  const { email, otp } = req.body;
  const result = await verifyOtp(email, otp);
  if (!result.valid) return res.status(400).end();
  await doc.send(new UpdateCommand({ TableName: 'App', Key: { PK: \`USER#\${email}\`, SK: \`USER#\${email}\` }, UpdateExpression: 'SET verified = :t', ExpressionAttributeValues: { ':t': true } }));
  return res.json({ ok: true });
});`);

// A reset code stored on the account, compared under the same word (`resetCode`, `code`).
const resetCode = app(`app.post('/reset', async (req, res) => {
  const { email, code } = req.body;
  const user = await get(\`USER#\${email}\`);
  if (!user || user.resetCode !== code) return res.status(400).end();
  await doc.send(new UpdateCommand({ TableName: 'App', Key: { PK: \`USER#\${email}\`, SK: \`USER#\${email}\` }, UpdateExpression: 'SET pwd = :p REMOVE resetCode', ExpressionAttributeValues: { ':p': String(req.body.hash) } }));
  return res.json({ ok: true });
});`);

// Look-alike: the row is sent back to the client.
const rowReturned = app(`app.post('/reset', async (req, res) => {
  const { email, code } = req.body;
  const user = await get(\`USER#\${email}\`); // ✗
  if (user?.resetCode !== code) return res.status(400).end();
  return res.json(user);
});`);

// Look-alike: the stored code compared with a constant, not with what the client sent.
const constantCode = app(`app.post('/reset', async (req, res) => {
  const { email } = req.body;
  const user = await get(\`USER#\${email}\`); // ✗
  if (user?.resetCode !== '000000') return res.status(400).end();
  await del(\`USER#\${email}\`); // ✗
  return res.json({ ok: true });
});`);

// Look-alike: a mismatch is logged, and the request goes on.
const checkGoesOn = app(`app.post('/reset', async (req, res) => {
  const { email, code } = req.body;
  const user = await get(\`USER#\${email}\`); // ✗
  if (user?.resetCode !== code) console.warn('bad code');
  await del(\`USER#\${email}\`); // ✗
  return res.json({ ok: true });
});`);

// Look-alike: the code matched for one e-mail, and another user's row is written by another request value.
const otherUsersRow = app(`app.post('/reset', async (req, res) => {
  const { email, code, userId } = req.body;
  const user = await get(\`USER#\${email}\`);
  if (!user || user.resetCode !== code) return res.status(400).end();
  await doc.send(new UpdateCommand({ TableName: 'App', Key: { PK: \`USER#\${userId}\`, SK: 'x' }, UpdateExpression: 'SET pwd = :p', ExpressionAttributeValues: { ':p': 'x' } })); // ✗
  return res.json({ ok: true });
});`);

// Look-alike: the stored code compared with a client value named otherwise.
const otherWord = app(`app.post('/reset', async (req, res) => {
  const { email, nickname } = req.body;
  const user = await get(\`USER#\${email}\`); // ✗
  if (!user || user.resetCode !== nickname) return res.status(400).end();
  return res.json({ ok: true });
});`);

ruleTester.run('no-unscoped-key (one-time codes a client presents)', noUnscopedKey, {
  valid: [verifyInline, verifyInHelper, resetCode].map((code) => ({ code, options })),
  invalid: [rowReturned, constantCode, checkGoesOn, otherUsersRow, otherWord].map((code) => ({
    ...invalidAt(code, 'unscopedKey'),
    options,
  })),
});
