import type { Linter } from 'eslint';
import noRawItemResponse from '../../rules/no-raw-item-response.js';
import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { lintText } from '../lint-text.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §5, `recommended`, in an app that authenticates (these programs read `req.user`):
 * - items that hold personal data are some person's data, never everyone's, whatever the table
 *   and key are named (`process.env.RECORDS_TABLE`, key `ID`);
 * - a put whose `Item` is a variable records its attributes on the prefix-refined entity, as an
 *   inline literal does;
 * - a caller's own item is reported only for the secrets and internal flags it holds, not for the
 *   caller's own personal data, and not for secrets a deny-list removes.
 */
const ruleTester = createRuleTesterWithTypes();
const code = (body: string) => `${expressHeader}import _ from 'lodash';
${body}`;

const generic = (written: string) =>
  code(`app.post('/records', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: process.env.RECORDS_TABLE, Item: { ID: crypto.randomUUID(), ${written} } }));
  res.sendStatus(201);
});
app.get('/mine', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Settings', Key: { ownerId: req.user?.sub } }));
  res.json({ theme: out.Item?.theme });
});
app.delete('/records/:id', async (req, res) => {
  await ddb.send(new DeleteCommand({ TableName: process.env.RECORDS_TABLE, Key: { ID: req.params.id } })); // ✗
  res.sendStatus(204);
});`);

ruleTester.run('no-unscoped-key (personal data makes items someone’s)', noUnscopedKey, {
  valid: [
    // Written with no owner and nothing personal: shared, by design.
    generic.call(undefined, `title: String(req.body.title), year: Number(req.body.year)`).replace(' // ✗', ''),
  ],
  invalid: [
    invalidAt(generic(`username: String(req.body.username), email: String(req.body.email)`), 'unscopedKey'),
    invalidAt(generic(`name: String(req.body.name), dateOfBirth: String(req.body.dob)`), 'unscopedKey'),
  ],
});

const prefixed = (item: string, inline: boolean) =>
  code(`app.post('/apps/:appId/keys', async (req, res) => {
  const item = ${item};
  await ddb.send(new PutCommand({ TableName: 'Apps', Item: ${inline ? item : 'item'} }));
  res.sendStatus(201);
});
app.get('/apps/:appId/keys', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Apps', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': \`APPLICATION#\${req.params.appId}\` } }));
  res.json(out.Items.map((i) => ({ sk: i.sk })));
});`);
const withKey = `{ pk: \`APPLICATION#\${req.params.appId}\`, sk: \`KEY#\${crypto.randomUUID()}\`, apiKey: crypto.randomUUID() }`;
const withLabel = `{ pk: \`APPLICATION#\${req.params.appId}\`, sk: \`LABEL#\${crypto.randomUUID()}\`, label: String(req.body.label) }`;
const queryLine = (text: string) =>
  text.replace('} }));\n  res.json(out.Items.map', '} })); // ✗\n  res.json(out.Items.map');
/** The put of a new key is reported too: a fresh sort key does not make the path's application the caller's. */
const putLine = (text: string, inline: boolean) =>
  inline ? text.replace(/(Item: \{ pk:.*)\n/, '$1 // ✗\n') : text.replace(/(const item = .*)\n/, '$1 // ✗\n');

ruleTester.run('no-unscoped-key (a put through a variable writes the prefixed entity)', noUnscopedKey, {
  valid: [prefixed(withLabel, false), prefixed(withLabel, true)],
  invalid: [
    invalidAt(putLine(queryLine(prefixed(withKey, false)), false), 'unscopedKey'),
    invalidAt(putLine(queryLine(prefixed(withKey, true)), true), 'unscopedKey'),
  ],
});

const account = (send: string) =>
  code(`app.post('/signup', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'MemberAccounts', Item: { accountId: req.user?.sub, email: String(req.body.email), phone: String(req.body.phone), passwordHash: String(req.body.hash), isAdmin: false } }));
  res.sendStatus(201);
});
app.get('/me', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'MemberAccounts', Key: { accountId: req.user?.sub } }));
  const item = out.Item ?? {};
  ${send}
});`);
const profile = (key: string) =>
  code(`app.put('/me/profile', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'ContactCards', Item: { ownerId: req.user?.sub, email: String(req.body.email), phoneNumber: String(req.body.phone), homeAddress: String(req.body.address) } }));
  res.sendStatus(204);
});
app.get('/profiles/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'ContactCards', Key: { ownerId: ${key} } }));
  res.json(out.Item);${key.startsWith('req.params') ? ' // ✗' : ''}
});`);

// Read again by an attribute of the record read first (`me.userId`): the caller's own record when the
// first read is keyed by the caller's verified id (SPEC §5), someone else's when by a route value.
const reread = (first: string) =>
  code(`app.put('/me', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Users', Item: { userId: req.user?.sub, email: String(req.body.email), phone: String(req.body.phone) } }));
  res.sendStatus(204);
});
app.get('/users/:id/card', async (req, res) => {
  const me = (await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: ${first} } }))).Item;
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: me?.userId } }));
  res.json(out.Item);${first.startsWith('req.params') ? ' // ✗' : ''}
});`);

// The caller's own tickets, with the notes an administrator wrote on them (content, not a flag).
const tickets = code(`app.post('/tickets', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Tickets', Item: { ownerId: req.user?.sub, ticketId: crypto.randomUUID(), issue: String(req.body.issue), adminNotes: '' } }));
  res.sendStatus(201);
});
app.get('/tickets', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Tickets', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user?.sub } }));
  res.json(out.Items);
});`);

// Who acted on a ticket, by role (audit text), is not a role the item grants; a role of its own is.
const auditedTickets = (attribute: string) =>
  tickets
    .replace(`adminNotes: ''`, `${attribute}: 'client'`)
    .replace('res.json(out.Items);', `res.json(out.Items);${attribute === 'role' ? ' // ✗' : ''}`);

ruleTester.run('no-raw-item-response (the caller’s own item)', noRawItemResponse, {
  valid: [
    // The caller's own personal data, shown to the caller.
    profile('req.user?.sub'),
    tickets,
    auditedTickets('submittedByRole'),
    auditedTickets('status_updated_by_role'),
    reread('req.user?.sub'),
    // Deny-lists that remove every secret and flag the item holds.
    account(`const { passwordHash, isAdmin, ...rest } = item;
  res.json(rest);`),
    account(`res.json(_.omit(item, ['passwordHash', 'isAdmin']));`),
    account(`delete item.passwordHash;
  delete item['isAdmin'];
  res.json(item);`),
  ],
  invalid: [
    // Someone else's personal data.
    invalidAt(profile('req.params.id'), 'rawItem'),
    invalidAt(reread('req.params.id'), 'rawItem'),
    // A secret and an admin flag, even to their owner.
    invalidAt(account(`res.json(item); // ✗`), 'rawItem'),
    invalidAt(auditedTickets('role'), 'rawItem'),
    // The deny-list removes the hash but not the flag.
    invalidAt(
      account(`const { passwordHash, ...rest } = item;
  res.json(rest); // ✗`),
      'denyList',
    ),
    invalidAt(
      account(`delete item.passwordHash;
  res.json(item); // ✗`),
      'denyList',
    ),
  ],
});

describe('evidence messages for personal data and own items', () => {
  const recommended: Linter.RulesRecord = {
    'dynamodb-security/no-unscoped-key': ['error', { evidence: 'required' }],
    'dynamodb-security/no-raw-item-response': ['error', { evidence: 'required' }],
    'dynamodb-security/no-unvalidated-input': 'off',
  };

  it('names the personal attribute and where it is written, in an app that authenticates', async () => {
    const source = generic(`username: String(req.body.username), email: String(req.body.email)`);
    const messages = await lintText(source, recommended);
    const put = source.split('\n').findIndex((line) => line.includes('RECORDS_TABLE, Item')) + 1;
    expect(messages.map((message) => message.ruleId)).toEqual(['dynamodb-security/no-unscoped-key']);
    expect(messages[0]!.message).toContain(
      `RECORDS_TABLE items hold personal data (email, line ${put}), so they are someone's, not everyone's.`,
    );
  });

  it('names the secret an own item holds', async () => {
    const source = account(`const { passwordHash, ...rest } = item;
  res.json(rest);`);
    const messages = await lintText(source, recommended);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toMatch(
      /`\.\.\.rest`\) still sends .*; MemberAccounts items hold isAdmin, written at line \d+/,
    );
  });
});
