import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Presented secrets checked through a helper (fresh-t korpobingo, `recommended`): `verifyPin`
 * reads the row the request values name and returns `row.pinHash === hashPin(pin, …)` (its other
 * returns falsy), and the handler itself ends the request on a falsy result. The client proved it
 * holds the secret of the row those values select: the read in the helper is the credential step,
 * and the accesses keyed by the same values after the handler's `if` are the caller's.
 * The look-alikes leave the result untested, go on after a failure, compare with a constant or a
 * non-secret attribute, access before the check, or key an access by another request value.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (verify: string, routes: string) => `import express from 'express';
import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const hashPin = (pin: string, round: string) => createHash('sha256').update(\`\${round}:\${pin}\`).digest('hex');
async function getPlayer(round: string, name: string) {
  const out = await doc.send(new GetCommand({ TableName: 'Players', Key: { round, name } }));
  return out.Item;
}
const removePlayer = (round: string, name: string) => doc.send(new DeleteCommand({ TableName: 'Players', Key: { round, name } }));
${verify}
const app = express();
app.post('/join', async (req, res) => {
  const { round, name, pin } = req.body;
  await doc.send(new PutCommand({ TableName: 'Players', Item: { round: String(round), name: String(name), pinHash: hashPin(String(pin), String(round)) }, ConditionExpression: 'attribute_not_exists(round)' }));
  res.end();
});
${routes}`;

const verifyPin = `async function verifyPin(round: string, name: string, pin: string): Promise<boolean> {
  const player = await getPlayer(round, name);
  if (!player) return false;
  return player.pinHash === hashPin(pin, round);
}`;

const options = [{ evidence: 'required' }] as const;

// The handler holds the result in a constant and ends the request on a falsy one; then it removes the checked player.
const testedConst = app(
  verifyPin,
  `app.post('/leave', async (req, res) => {
  const { round, name, pin } = req.body;
  const valid = await verifyPin(round, name, pin);
  if (!valid) return res.status(401).end();
  await removePlayer(round, name);
  return res.json({ ok: true });
});`,
);

// The call tested in the condition itself.
const testedInline = app(
  verifyPin,
  `app.post('/leave', async (req, res) => {
  const { round, name, pin } = req.body;
  if (!(await verifyPin(round, name, pin))) return res.status(401).end();
  await removePlayer(round, name);
  return res.json({ ok: true });
});`,
);

// Look-alike: the result is never tested.
const untested = app(
  verifyPin,
  `app.post('/leave', async (req, res) => {
  const { round, name, pin } = req.body;
  await verifyPin(round, name, pin); // ✗ ✗
  await removePlayer(round, name); // ✗ ✗
  return res.json({ ok: true });
});`,
);

// Look-alike: a failure is logged, and the request goes on.
const goesOn = app(
  verifyPin,
  `app.post('/leave', async (req, res) => {
  const { round, name, pin } = req.body;
  const valid = await verifyPin(round, name, pin); // ✗ ✗
  if (!valid) console.warn('bad pin');
  await removePlayer(round, name); // ✗ ✗
  return res.json({ ok: true });
});`,
);

// Look-alike: the stored hash compared with a constant's, not with the client's PIN.
const constantPin = app(
  `async function verifyPin(round: string, name: string): Promise<boolean> {
  const player = await getPlayer(round, name);
  if (!player) return false;
  return player.pinHash === hashPin('0000', round);
}`,
  `app.post('/leave', async (req, res) => {
  const { round, name } = req.body;
  if (!(await verifyPin(round, name))) return res.status(401).end(); // ✗ ✗
  await removePlayer(round, name); // ✗ ✗
  return res.json({ ok: true });
});`,
);

// Look-alike: an attribute that is no secret, compared with a value the client sent.
const notSecret = app(
  `async function sameNick(round: string, name: string, nick: string): Promise<boolean> {
  const player = await getPlayer(round, name);
  if (!player) return false;
  return player.nickname === hashPin(nick, round);
}`,
  `app.post('/leave', async (req, res) => {
  const { round, name, nick } = req.body;
  if (!(await sameNick(round, name, nick))) return res.status(401).end(); // ✗ ✗
  await removePlayer(round, name); // ✗ ✗
  return res.json({ ok: true });
});`,
);

// Look-alike: the helper's result is also truthy without the check.
const otherTruthy = app(
  `async function verifyPin(round: string, name: string, pin: string, admin: boolean): Promise<boolean> {
  if (admin) return true;
  const player = await getPlayer(round, name);
  if (!player) return false;
  return player.pinHash === hashPin(pin, round);
}`,
  `app.post('/leave', async (req, res) => {
  const { round, name, pin } = req.body;
  if (!(await verifyPin(round, name, pin, !!req.body.admin))) return res.status(401).end(); // ✗ ✗
  await removePlayer(round, name); // ✗ ✗
  return res.json({ ok: true });
});`,
);

// Look-alike: the removal runs before the check.
const beforeCheck = app(
  verifyPin,
  `app.post('/leave', async (req, res) => {
  const { round, name, pin } = req.body;
  await removePlayer(round, name); // ✗ ✗
  const valid = await verifyPin(round, name, pin);
  if (!valid) return res.status(401).end();
  return res.json({ ok: true });
});`,
);

// Look-alike: the PIN proves one player, and another player (another request value) is removed.
const otherPlayer = app(
  verifyPin,
  `app.post('/kick', async (req, res) => {
  const { round, name, pin, target } = req.body;
  const valid = await verifyPin(round, name, pin);
  if (!valid) return res.status(401).end();
  await removePlayer(round, target); // ✗ ✗
  return res.json({ ok: true });
});`,
);

ruleTester.run('no-unscoped-key (presented secrets checked through a helper)', noUnscopedKey, {
  valid: [testedConst, testedInline].map((code) => ({ code, options })),
  invalid: [untested, goesOn, constantPin, notSecret, otherTruthy, beforeCheck, otherPlayer].map((code) => ({
    ...invalidAt(code, 'unscopedKey'),
    options,
  })),
});
