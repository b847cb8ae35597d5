import noUnscopedKey from '../../rules/no-unscoped-key.js';
import noUnvalidatedInput from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Login and sign-up reads that disclose no item (recommended, evidence required):
 * - a login that hashes the given password itself (`createHash('sha1').update(password + salt)
 *   .digest('hex')`, `pbkdf2Sync`, a promisified `scrypt`) and compares the digest with the stored
 *   hash with `===`/`!==` or `timingSafeEqual` is a login lookup, like `bcrypt.compare`;
 * - a read whose result is only tested for existence (`if (Items.length > 0) return 'already
 *   registered'`) discloses that an item exists and nothing of it;
 * - a verifier of a package the program has no types for (`import argon2 from 'argon2'`) is matched
 *   by the import's module and the member's name.
 * The look-alikes compare a digest of no request value or a client value, use the item found, or
 * verify with a package that is no verifier.
 */
const ruleTester = createRuleTesterWithTypes();

const users = (body: string, imports = `import crypto from 'node:crypto';`) =>
  expressHeader +
  `${imports}
declare function sign(claims: object): string;
app.post('/login', async (req, res) => {
  const { email, password } = req.body as { email: string; password: string };
${body}
});
app.put('/users/me', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Users', Item: { email: req.user!.sub, name: String(req.body.name) } }));
  res.sendStatus(204);
});`;

const query = `const { Items } = await ddb.send(new QueryCommand({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }));`;

// (a) The digest through a hash object held in a variable, compared with `!==` (junfengliang's login).
const sha1Login = users(`  ${query}
  if (!Items || Items.length == 0) return res.sendStatus(401);
  const hash = crypto.createHash('sha1');
  const uid = String(Items[0]!.userId);
  const digest = hash.update(password + uid).digest('hex');
  if (digest !== Items[0]!.password) return res.sendStatus(401);
  res.json({ token: sign({ userId: uid }) });`);

// (a) pbkdf2 with the stored salt, compared with `===`, the stored hash on the left.
const pbkdf2Login = users(`  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { email } }));
  const user = out.Item;
  if (user && user.hash === crypto.pbkdf2Sync(password, String(user.salt), 1000, 64, 'sha512').toString('hex'))
    return res.json({ token: sign({ userId: user.userId }) });
  res.sendStatus(401);`);

// (b) A sign-up's uniqueness check: the items are only counted.
const signUp = users(`  ${query}
  if (Items && Items.length > 0) return res.status(409).json({ message: 'already registered' });
  await ddb.send(new PutCommand({ TableName: 'Users', Item: { userId: crypto.randomUUID(), email, password } }));
  res.sendStatus(201);`);

// (b) The item destructured, only tested.
const exists = users(`  const { Item } = await ddb.send(new GetCommand({ TableName: 'Users', Key: { email } }));
  if (Item) return res.status(409).json({ message: 'taken' });
  res.sendStatus(204);`);

// (b) A helper that answers whether a name is taken, with a boolean.
const takenHelper = users(`  if (await emailTaken(email)) return res.status(409).json({ message: 'taken' });
  res.sendStatus(204);`).replace(
  'app.post(',
  `async function emailTaken(email: string) {
  const response = await ddb.send(new QueryCommand({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }));
  if (response.Items) return response.Items.length > 0;
  return false;
}
app.post(`,
);

// (c) argon2 has no types here: its default import's verify is still the verifier.
const untypedArgon = users(
  `  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { email } }));
  if (!out.Item || !(await argon2.verify(String(out.Item.hash), password))) return res.sendStatus(401);
  res.json({ token: sign({ userId: out.Item.userId }) });`,
  `// @ts-ignore: no types installed
import argon2 from 'argon2';`,
);

// (a) scrypt through `promisify`, in a helper, compared by `timingSafeEqual` with the stored hash.
const scryptHelper = (compared: string) =>
  users(
    `  const out = await ddb.send(new ScanCommand({ TableName: 'Users', FilterExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }));${compared.includes('req.body') ? ' // ✗' : ''}
  const found = out.Items?.[0];
  if (!found || !(await comparePasswords(password, String(found.passwordHash)))) return res.sendStatus(401);
  res.json({ token: sign({ userId: found.userId }) });`,
    `import { scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
const scryptAsync = promisify(scrypt);
async function comparePasswords(supplied: string, stored: string) {
  const [hashed, salt] = stored.split('.');
  const suppliedBuf = (await scryptAsync(supplied, String(salt), 64)) as Buffer;
  const storedBuf = Buffer.from(String(hashed), 'hex');
  return timingSafeEqual(storedBuf, ${compared});
}`,
  );

// Look-alike: a digest of no request value (a server constant) compared with the item's.
const constantDigest = users(`  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { email } })); // ✗
  if (out.Item?.hash !== crypto.createHash('sha1').update('fixed').digest('hex')) return res.sendStatus(401);
  res.json(out.Item);`);

// Look-alike: the client's own hash compared, not a digest the server computed.
const clientHash = users(`  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { email } })); // ✗
  if (out.Item?.hash !== String(req.body.hash)) return res.sendStatus(401);
  res.json({ token: sign({ userId: out.Item?.userId }) });`);

// Look-alike: the items tested, then one of them sent.
const existsThenSent = users(`  ${query} // ✗
  if (!Items || Items.length === 0) return res.sendStatus(404);
  res.json({ name: Items[0]!.name });`);

// Look-alike: the helper hands the items themselves back (truthy when found).
const itemsHelper = users(`  const found = await findByEmail(email); // ✗
  if (found) return res.status(409).json({ message: 'taken' });
  res.sendStatus(204);`).replace(
  'app.post(',
  `async function findByEmail(email: string) {
  const response = await ddb.send(new QueryCommand({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }));
  return response.Items && response.Items.length > 0;
}
app.post(`,
);

// Look-alike: a package that is no verifier, untyped too.
const untypedOther = users(
  `  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { email } })); // ✗
  if (!out.Item || !(await hasher.verify(String(out.Item.hash), password))) return res.sendStatus(401);
  res.json({ token: sign({ userId: out.Item.userId }) });`,
  `// @ts-ignore: no types installed
import hasher from 'password-hasher';`,
);

ruleTester.run('no-unscoped-key (logins by digest, existence checks, untyped verifiers)', noUnscopedKey, {
  valid: [sha1Login, pbkdf2Login, signUp, exists, takenHelper, untypedArgon, scryptHelper('suppliedBuf')],
  invalid: [
    invalidAt(constantDigest, 'unscopedKey'),
    invalidAt(clientHash, 'unscopedKey'),
    invalidAt(existsThenSent, 'unscopedKey'),
    invalidAt(itemsHelper, 'unscopedKey'),
    invalidAt(untypedOther, 'unscopedKey'),
    // Look-alike: the client's own hash compared, not a digest the server computed.
    invalidAt(scryptHelper(`Buffer.from(String(req.body.hash), 'hex')`), 'unscopedKey'),
  ],
});

// The sign-up's e-mail is still unchecked text: with no IDOR reported, no-unvalidated-input says so.
ruleTester.run('no-unvalidated-input (existence checks)', noUnvalidatedInput, {
  valid: [],
  invalid: [invalidAt(signUp.replace(`':e': email } }));`, `':e': email } })); // ✗`), 'unvalidatedInput')],
});
