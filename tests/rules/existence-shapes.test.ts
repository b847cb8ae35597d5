import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Existence checks in more shapes (fresh-i C2): a read whose result is only tested for presence
 * discloses existence and nothing else, however the result reaches the test: a member of the awaited
 * output (`(await …).Item`), a Scan, a boolean helper (`if (await emailTaken(email))`), a helper that
 * returns the item or null to a caller that only tests it (also `(out.Items && out.Items[0]) || null`),
 * an outer variable a mapper's `.then` callback assigns, an attribute compared only to decide
 * (`if (existing && existing.id !== excludeId) throw`, a uniqueness check that skips the record
 * being updated). The look-alikes let the item itself out
 * (sent, merged into a boolean helper's return, read by the caller), and stay reported.
 */
const ruleTester = createRuleTesterWithTypes();

const app = (helpers: string, body: string) => `import express from 'express';
import AWS from 'aws-sdk';
import dynamoose from 'dynamoose';
const doc = new AWS.DynamoDB.DocumentClient();
const Users = dynamoose.model('Users', new dynamoose.Schema({ email: String, name: String }));
const app = express();
${helpers}
app.post('/register', async (req, res) => {
  const email = String(req.body.email);
${body}
});`;

const put = `  await doc.put({ TableName: 'Users', Item: { email, name: String(req.body.name) } }).promise();\n  res.end();`;
const options = [{ evidence: 'required' }] as const;
const marked = (code: string, line: string) => code.replace(line, `${line} // ✗`);

const getInline = `  const found = (await doc.get({ TableName: 'Users', Key: { email } }).promise()).Item;`;
const scanRead = `  const found = (await doc.scan({ TableName: 'Users', FilterExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }).promise()).Items ?? [];`;
const taken = (result: string) => `async function emailTaken(email: string) {
  const { Items } = await doc.query({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }).promise();
  return ${result};
}`;
const takenCall = `  const hit = await emailTaken(email);`;
const repo = `class Account { constructor(readonly item: object) {} }
const toAccount = (item: object) => new Account(item);
class UserRepository {
  async findOne(email: string): Promise<Account | null> {
    const user = (await doc.query({ TableName: 'Users', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }).promise()).Items?.[0] as any;
    if (!user) return null;
    return toAccount(user);
  }
}
const users = new UserRepository();`;
const repoCall = `  const exists = await users.findOne(email);`;
// A domain object built from the item's attributes (`new User(item.uuid, item.email)`).
const domainRepo = repo
  .replace(
    'class Account { constructor(readonly item: object) {} }',
    'class Account { constructor(readonly id: string, readonly email: string, readonly kind: string) {} }',
  )
  .replace('return toAccount(user);', 'return new Account(user.uuid as string, user.email, String(user.kind));');
const thenRead = `  let user: any = null;
  await Users.scan('email').contains(email).exec().then((items) => (user = items[0])).catch(() => {});`;

// A helper whose `.then` callback gives the first item where the read found some, else null.
const byCount = `async function findByEmail(email: string) {
  return doc.query({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }).promise()
    .then((data) => { return data.Count == 0 ? null : data.Items![0]; });
}`;
const byCountCall = `  const existing = await findByEmail(email);`;
// The first item where there are items (`(out.Items && out.Items[0]) || null`), from a helper.
const firstOrNull = `async function firstByEmail(email: string) {
  const out = await doc.query({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }).promise();
  return (out.Items && out.Items[0]) || null;
}`;
const firstCall = `  const existing = await firstByEmail(email);`;
// The first item, copied by a helper of the program, or null (a uniqueness lookup's usual shape).
const copiedFirst = `function withLegacyId(item: Record<string, unknown> | null) {
  if (!item) return null;
  return { ...item, _id: item.id };
}
async function assistantByEmail(email: string) {
  const { Items } = await doc.query({ TableName: 'Users', IndexName: 'email-index', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }).promise();
  return withLegacyId(Items?.[0] || null);
}`;
const excluding = (then: string) =>
  `  const existing = await assistantByEmail(email);\n  if (existing && existing.id !== String(req.body.id)) ${then};\n${put}`;
// The record being updated is skipped by its id, which the caller passes, not the client.
const emailFree = `${copiedFirst}
async function assertEmailFree(email: string, excludeId?: string) {
  const existing = await assistantByEmail(email);
  if (existing && existing.id !== excludeId) throw new Error('taken');
}`;

// SDK v3: the command held in a variable for the one call that sends it.
const v3 = (body: string) => `import express from 'express';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = express();
app.post('/register', async (req, res) => {
  const email = String(req.body.email);
  const scan = new ScanCommand({ TableName: 'Users', FilterExpression: 'contains(#pk, :pk)', ExpressionAttributeNames: { '#pk': 'pk' }, ExpressionAttributeValues: { ':pk': \`Student#\${email}\` } });
${body}
});`;
const scanLine =
  v3('')
    .split('\n')
    .find((line) => line.includes('new ScanCommand')) ?? '';
const heldScan = `  const students = (await client.send(scan)).Items;`;

ruleTester.run('no-unscoped-key (existence checks in more shapes)', noUnscopedKey, {
  valid: [
    // (a) a member of the awaited output, held or tested inline.
    { code: app('', `${getInline}\n  if (found) return res.status(409).end();\n${put}`), options },
    {
      code: app(
        '',
        `  if ((await doc.get({ TableName: 'Users', Key: { email } }).promise()).Item) return res.status(409).end();\n${put}`,
      ),
      options,
    },
    // (b) a Scan as the existence check.
    { code: app('', `${scanRead}\n  if (found.length > 0) return res.status(409).end();\n${put}`), options },
    { code: v3(`${heldScan}\n  if (students.length > 0) throw new Error('exists');\n  res.end();`), options },
    // (c) a boolean helper: every return is a presence test of the read.
    {
      code: app(
        taken('Items !== undefined && Items.length > 0'),
        `  if (await emailTaken(email)) throw new Error('taken');\n${put}`,
      ),
      options,
    },
    // (d) a repository helper returning an object built from the item, or null; the caller only tests it.
    { code: app(repo, `${repoCall}\n  if (exists) throw new Error('exists');\n  res.end();`), options },
    { code: app(domainRepo, `${repoCall}\n  if (exists) throw new Error('exists');\n  res.end();`), options },
    // The same with a factory of a module the program cannot resolve (a path alias): an import's member.
    {
      code: app(
        `import { Account as Remote } from 'src/domain/no-such-module';\n${repo.replace('toAccount(user)', 'Remote.initialize(user)')}`,
        `${repoCall}\n  if (exists) throw new Error('exists');\n  res.end();`,
      ),
      options,
    },
    // A mapper's `.then` callback sets an outer variable that is only tested.
    { code: app('', `${thenRead}\n  if (user) throw new Error('exists');\n  res.end();`), options },
    // (e) the item where the read found something, else null (`data.Count == 0 ? null : data.Items[0]`), only tested.
    { code: app(byCount, `${byCountCall}\n  if (existing) throw new Error('exists');\n${put}`), options },
    // (f) the first item where there are items, else null (`out.Items && out.Items[0]`), only tested.
    { code: app(firstOrNull, `${firstCall}\n  if (existing) throw new Error('exists');\n${put}`), options },
    // (g) an attribute of the item compared with another value only to decide: taken by another record.
    { code: app(emailFree, `  await assertEmailFree(email);\n${put}`), options },
  ],
  invalid: [
    // (g) compared with an id the client sends (also through the helper's parameter), the answer
    // tells the client the other record's id; sent back, it is the id itself.
    {
      ...invalidAt(app(emailFree, `  await assertEmailFree(email, String(req.body.id)); // ✗\n${put}`), 'unscopedKey'),
      options,
    },
    {
      ...invalidAt(
        marked(
          app(copiedFirst, excluding(`throw new Error('taken')`)),
          '  const existing = await assistantByEmail(email);',
        ),
        'unscopedKey',
      ),
      options,
    },
    {
      ...invalidAt(
        marked(
          app(copiedFirst, excluding(`return res.status(409).json({ takenBy: existing.id })`)),
          '  const existing = await assistantByEmail(email);',
        ),
        'unscopedKey',
      ),
      options,
    },
    // (a) the item held from the awaited output is sent back.
    {
      ...invalidAt(
        marked(app('', `${getInline}\n  if (found) return res.json(found);\n${put}`), getInline),
        'unscopedKey',
      ),
      options,
    },
    // (b) the Scan's first item is read, not only counted (its phone; the email it was filtered by would tell nothing new).
    {
      ...invalidAt(
        marked(
          app('', `${scanRead}\n  if (found.length > 0) return res.json({ phone: found[0].phone });\n${put}`),
          scanRead,
        ),
        'unscopedKey',
      ),
      options,
    },
    {
      ...invalidAt(marked(v3(`${heldScan}\n  res.json(students);`), scanLine), 'unscopedKey'),
      options,
    },
    // (c) a helper whose return lets the item out (`a && Items[0]` is the item, not a boolean).
    {
      ...invalidAt(
        marked(app(taken('Items !== undefined && Items[0]'), `${takenCall}\n  res.json(hit);`), takenCall),
        'unscopedKey',
      ),
      options,
    },
    // (d) the caller uses the helper's result beyond its presence.
    {
      ...invalidAt(
        marked(app(domainRepo, `${repoCall}\n  if (exists) return res.json(exists);\n  res.end();`), repoCall),
        'unscopedKey',
      ),
      options,
    },
    {
      ...invalidAt(
        marked(app(repo, `${repoCall}\n  if (exists) return res.json(exists);\n  res.end();`), repoCall),
        'unscopedKey',
      ),
      options,
    },
    // The item returned by another promise's callback comes out of that promise and is sent back.
    {
      ...invalidAt(
        marked(
          app('', `${getInline}\n  const later = await Promise.resolve(1).then(() => found);\n  res.json(later);`),
          getInline,
        ),
        'unscopedKey',
      ),
      options,
    },
    // A method of a value that is no import (here a parameter) is not a factory: the item may leave through it.
    {
      ...invalidAt(
        marked(
          app(
            repo
              .replace('findOne(email: string)', 'findOne(email: string, out: any)')
              .replace('toAccount(user)', 'out.send(user)'),
            `  const exists = await users.findOne(email, res);\n  if (exists) throw new Error('exists');\n  res.end();`,
          ),
          '  const exists = await users.findOne(email, res);',
        ),
        'unscopedKey',
      ),
      options,
    },
    // (e) the same helper's item sent back.
    {
      ...invalidAt(marked(app(byCount, `${byCountCall}\n  res.json(existing);`), byCountCall), 'unscopedKey'),
      options,
    },
    // (f) the first item sent back, or one of its attributes read.
    {
      ...invalidAt(marked(app(firstOrNull, `${firstCall}\n  res.json(existing);`), firstCall), 'unscopedKey'),
      options,
    },
    {
      ...invalidAt(
        marked(
          app(
            firstOrNull.replace('out.Items && out.Items[0]', 'out.Items && out.Items[0].phone'),
            `${firstCall}\n  if (existing) throw new Error('exists');\n${put}`,
          ),
          firstCall,
        ),
        'unscopedKey',
      ),
      options,
    },
    // The variable the callback assigns is sent back.
    {
      ...invalidAt(
        marked(
          app('', `${thenRead}\n  res.json(user);`),
          "  await Users.scan('email').contains(email).exec().then((items) => (user = items[0])).catch(() => {});",
        ),
        'unscopedKey',
      ),
      options,
    },
  ],
});
