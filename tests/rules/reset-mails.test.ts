import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * A password reset (fresh-l L): the account looked up by the e-mail the client types, tested for
 * presence, its id put in a signed token that goes only into a message addressed to that same
 * e-mail (`sendResetEmail(email, link)`), discloses nothing of the item to the caller: whoever owns
 * the address gets the link. `recommended` leaves it out, also when the lookup runs in a service
 * function the route hands the body to and the token comes from the program's own helper.
 * The look-alikes return the token to the client, mail it to another address the client chose,
 * or answer with an attribute of the item.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (body: string) => `import express from 'express';
import AWS from 'aws-sdk';
import jwt from 'jsonwebtoken';
const doc = new AWS.DynamoDB.DocumentClient();
const app = express();
const sendResetEmail = async (to: string, link: string) => { void to; void link; };
const findByEmail = async (email: string) => {
  const out = await doc.query({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }).promise();
  return out.Items?.[0];
};
app.put('/users/me', async (req: any, res) => {
  await doc.put({ TableName: 'Users', Item: { userId: req.user.sub, email: String(req.body.email) } }).promise();
  res.end();
});
${body}`;

const options = [{ evidence: 'required' }] as const;

// The reset in the handler: the token in a link mailed to the e-mail that selected the account.
const inHandler = app(`app.post('/forgot', async (req, res) => {
  const { email } = req.body;
  const user = await findByEmail(String(email));
  if (!user) return res.status(404).end();
  const token = jwt.sign({ identifier: user.userId, type: 'reset' }, String(process.env.KEY));
  await sendResetEmail(email, \`https://app/reset?token=\${token}\`);
  return res.json({ status: true });
});`);

// The reset in a service function handed the body, the token from the program's own helper.
const inService =
  app(`const createToken = (id: string, type: string) => ({ access_token: jwt.sign({ id, type }, String(process.env.KEY)) });
const forgotPassword = async (formData: any) => {
  const { email } = formData;
  const user = await findByEmail(email);
  if (!user) throw new Error('unknown');
  const token = createToken(user.userId, 'reset');
  const resetLink = \`\${process.env.FRONTEND}/reset?token=\${token.access_token}\`;
  await sendResetEmail(email, resetLink);
  return { status: true };
};
app.post('/forgot', async (req, res) => {
  res.json(await forgotPassword(req.body));
});`);

// Look-alike: the token is returned to the client (a reset link for anyone's account).
const tokenReturned = app(`app.post('/forgot', async (req, res) => {
  const { email } = req.body;
  const user = await findByEmail(String(email)); // ✗
  if (!user) return res.status(404).end();
  const token = jwt.sign({ identifier: user.userId, type: 'reset' }, String(process.env.KEY));
  await sendResetEmail(email, \`https://app/reset?token=\${token}\`);
  return res.json({ token });
});`);

// Look-alike: the link goes to another address the client chose.
const otherAddress = app(`app.post('/forgot', async (req, res) => {
  const { email, notify } = req.body;
  const user = await findByEmail(String(email)); // ✗
  if (!user) return res.status(404).end();
  const token = jwt.sign({ identifier: user.userId, type: 'reset' }, String(process.env.KEY));
  await sendResetEmail(notify, \`https://app/reset?token=\${token}\`);
  return res.json({ status: true });
});`);

// Look-alike: the presence test passes, then the answer names the account.
const attributeAnswered = app(`app.post('/forgot', async (req, res) => {
  const { email } = req.body;
  const user = await findByEmail(String(email)); // ✗
  if (!user) return res.status(404).end();
  const token = jwt.sign({ identifier: user.userId, type: 'reset' }, String(process.env.KEY));
  await sendResetEmail(email, \`https://app/reset?token=\${token}\`);
  return res.json({ status: true, name: user.name });
});`);

ruleTester.run('no-unscoped-key (password resets mailed to the account looked up)', noUnscopedKey, {
  valid: [inHandler, inService].map((code) => ({ code, options })),
  invalid: [tokenReturned, otherAddress, attributeAnswered].map((code) => ({
    ...invalidAt(code, 'unscopedKey'),
    options,
  })),
});
