import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * OneTable models declared in a schema (SPEC §3: data mappers "with their key semantics"): the
 * primary index names the key fields and their `value` templates name the attributes that select
 * the item, so a data column beside a client key (`ownerId: sub`) does not scope a write, and a
 * key attribute with any name (`email`) is a key. Audit mode: these cases test recognition.
 */
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import { Table } from 'dynamodb-onetable';
const schema = {
  format: 'onetable:1.1.0',
  version: '0.0.1',
  indexes: { primary: { hash: 'pk', sort: 'sk' }, gs1: { hash: 'gs1pk', sort: 'gs1sk' } },
  models: {
    Page: {
      pk: { type: String, value: 'page#\${slug}' },
      sk: { type: String, value: 'page#' },
      slug: { type: String },
      ownerId: { type: String },
      body: { type: String },
    },
    Account: {
      pk: { type: String, value: 'account#\${email}' },
      sk: { type: String, value: 'account#' },
      gs1pk: { type: String, value: 'team#\${team}' },
      gs1sk: { type: String, value: 'account#\${email}' },
      email: { type: String },
      team: { type: String },
      nickname: { type: String },
    },
  },
  params: {},
} as const;
const table = new Table({ name: 'app', schema, partial: true });
const Page = table.getModel('Page');
const Account = table.getModel('Account');
`;
const audit: [{ evidence: 'none' }] = [{ evidence: 'none' }];
const ok = (body: string) => ({ code: header + body, options: audit });
const bad = (body: string) => ({ ...invalidAt(header + body, 'unscopedKey' as const), options: audit });

ruleTester.run('no-unscoped-key (OneTable schemas)', unscoped, {
  valid: [
    // The caller's own account: the key template's attribute comes from the principal.
    ok(`app.patch('/me', async (req, res) => {
  await Account.update({ email: (req.user as unknown as { email: string }).email, nickname: String(req.body.nickname) });
  res.sendStatus(204);
});`),
    // create refuses an existing item (OneTable's default `exists: false`): the client's key
    // cannot take over someone else's account.
    ok(`app.post('/accounts', async (req, res) => {
  await Account.create({ email: String(req.body.email), nickname: String(req.body.nickname) });
  res.sendStatus(201);
});`),
    // A secondary index's template attribute is not the item's key.
    ok(`app.patch('/me/team', async (req, res) => {
  await Account.update({ email: (req.user as unknown as { email: string }).email, team: String(req.body.team) });
  res.sendStatus(204);
});`),
  ],
  invalid: [
    // Batched, or with the existence check dropped, create overwrites the account the client names.
    bad(`app.post('/accounts/batch', async (req, res) => {
  const batch = {};
  await Account.create({ email: String(req.body.email), nickname: 'new' }, { batch }); // ✗
  await Account.create({ email: String(req.body.other), nickname: 'new' }, { exists: null }); // ✗
  res.sendStatus(201);
});`),
    // A key attribute whatever its name: the client's email selects the account.
    bad(`app.patch('/accounts', async (req, res) => {
  await Account.update({ email: String(req.body.email), nickname: String(req.body.nickname) }); // ✗
  res.sendStatus(204);
});`),
    // The owner is a data column: the client's slug selects (and takes over) any page.
    bad(`app.put('/pages/:slug', async (req, res) => {
  await Page.update({ slug: req.params.slug, ownerId: req.user!.sub, body: String(req.body.text) }); // ✗
  res.sendStatus(204);
});`),
    bad(`app.get('/pages/:slug', async (req, res) => {
  const page = await Page.get({ slug: req.params.slug }); // ✗
  res.json({ body: page?.body });
});`),
  ],
});

/** Recommended mode: the prefix of a model's key template names what its items are (`member#…`: members). */
const evidence = (prefix: string) => `${expressHeader}import { Table } from 'dynamodb-onetable';
const schema = {
  format: 'onetable:1.1.0',
  version: '0.0.1',
  indexes: { primary: { hash: 'pk', sort: 'sk' } },
  models: { Record: { pk: { type: String, value: '${prefix}#\${handle}' }, sk: { type: String, value: 'r#' }, handle: { type: String }, body: { type: String } } },
  params: {},
} as const;
const table = new Table({ name: 'app', schema, partial: true });
const Records = table.getModel('Record');
app.post('/records', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  await Records.create({ handle: String(req.body.handle), body: 'b' });
  res.sendStatus(201);
});
app.get('/records', async (req, res) => {
  const record = await Records.get({ handle: String(req.query.handle) }); // ✗
  res.json({ found: !!record?.body });
});`;

ruleTester.run('no-unscoped-key (OneTable key templates as evidence)', unscoped, {
  // `page#…` records written with no owner: shared.
  valid: [evidence('page').replace(' // ✗', '')],
  // `member#${handle}`: the items are members' own records.
  invalid: [invalidAt(evidence('member'), 'unscopedKey')],
});
