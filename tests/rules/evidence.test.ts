import noRawItemResponse from '../../rules/no-raw-item-response.js';
import noUnscopedKey from '../../rules/no-unscoped-key.js';
import noUnvalidatedInput from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { bundler, docClient as docClientHeader } from './framework-headers.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §5, evidence: what `recommended` (the rules' default, `evidence: 'required'`) keeps of the
 * patterns, and that `strict` (`evidence: 'none'`) still reports them, naming the evidence. Each
 * case is a whole program (with the fixtures project beside it), so each uses table names of its own.
 */
const ruleTester = createRuleTesterWithTypes();
const code = (body: string) => expressHeader + body;
const audit = [{ evidence: 'none' }] as const;
/** The line of a program that holds `text` (its first occurrence). */
const lineWith = (program: string, text: string) => program.split('\n').findIndex((line) => line.includes(text)) + 1;

const sharedCatalog = code(`
app.post('/admin/products', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Catalog', Item: { sku: crypto.randomUUID(), title: String(req.body.title), price: Number(req.body.price) } }));
  res.sendStatus(201);
});
app.get('/products/:sku', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Catalog', Key: { sku: req.params.sku } })); // ✗
  res.json(out.Item); // ✗
});`);

const ownedMemos = code(`
app.post('/memos', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Memos', Item: { memoId: crypto.randomUUID(), ownerId: req.user!.sub, text: String(req.body.text) } }));
  res.sendStatus(201);
});
app.get('/memos/:memoId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Memos', Key: { memoId: req.params.memoId } })); // ✗
  res.json({ text: out.Item?.text });
});`);

const principalRecord = code(`
app.get('/accounts/:accountId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'AccountsTable', Key: { accountId: req.params.accountId } })); // ✗
  res.json({ name: out.Item?.name, email: out.Item?.email });
});`);

const sensitive = code(`
app.post('/vault', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Vault', Item: { pk: req.user!.sub, apiKey: String(req.body.apiKey), label: 'main' } }));
  res.sendStatus(201);
});
app.get('/vault', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Vault', Key: { pk: req.user!.sub } }));
  res.json(out.Item); // ✗
});`);

const ownItem = code(`
app.put('/prefs', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Prefs', Item: { pk: req.user!.sub, theme: String(req.body.theme) } }));
  res.sendStatus(204);
});
app.get('/prefs', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Prefs', Key: { pk: req.user!.sub } }));
  res.json(out.Item); // ✗
});`);

const singleTable = code(`
app.post('/boards', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Single', Item: { pk: \`BOARD#\${crypto.randomUUID()}\`, sk: 'META', title: String(req.body.title) } }));
  res.sendStatus(201);
});
app.get('/boards/:name', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Single', Key: { pk: \`BOARD#\${req.params.name}\`, sk: 'META' } })); // ✗
  res.json({ title: out.Item?.title });
});
app.get('/users/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Single', Key: { pk: \`USER#\${req.params.id}\`, sk: 'PROFILE' } })); // ✗
  res.json({ name: out.Item?.name, email: out.Item?.email });
});`);

// AppSync field resolvers: `ctx.source` is the parent item the server's own resolver returned, so
// its ids are no client choice in recommended; the query's `ctx.args` still is. Unknown table.
const appsyncResolvers = `import { util, type Context } from '@aws-appsync/utils';
${docClientHeader}
export function request(ctx: Context<{ id: string }, object, object, object, { authorId: string }>) {
  return ddb.send(new GetCommand({ TableName: 'Profiles', Key: { profileId: ctx.source.authorId } })); // ✗
}
export function getProfile(ctx: Context<{ id: string }>) {
  return ddb.send(new GetCommand({ TableName: 'Profiles', Key: { profileId: ctx.args.id } })); // ✗
}`;

ruleTester.run('no-unscoped-key (evidence)', noUnscopedKey, {
  valid: [
    // A catalog the program writes with no owner: shared, so a lookup by id is no IDOR.
    sharedCatalog,
    // Public by configuration, through the shared setting.
    {
      code: principalRecord,
      settings: { 'dynamodb-security': { publicTables: ['AccountsTable'] } },
    },
  ],
  invalid: [
    // Strict keeps the pattern and says the items look shared.
    {
      code: sharedCatalog,
      errors: [{ messageId: 'unscopedKey', line: lineWith(sharedCatalog, 'new GetCommand') }],
      options: audit,
    },
    // Owned: a write stores the caller's identity in ownerId.
    invalidAt(ownedMemos, 'unscopedKey'),
    // A principal record by its table name, in both modes.
    invalidAt(principalRecord, 'unscopedKey'),
    { ...invalidAt(principalRecord, 'unscopedKey'), options: audit },
    // Single-table design: BOARD# items are shared, USER# items are users' records.
    { code: singleTable, errors: [{ messageId: 'unscopedKey', line: lineWith(singleTable, 'USER#') }] },
    { ...invalidAt(singleTable, 'unscopedKey'), options: audit },
    // A parent item's id is the server's; the argument is the client's.
    {
      code: appsyncResolvers,
      filename: bundler,
      errors: [{ messageId: 'unscopedKey', line: lineWith(appsyncResolvers, 'ctx.args.id') }],
    },
    { ...invalidAt(appsyncResolvers, 'unscopedKey'), filename: bundler, options: audit },
    // A table the program never writes and never scopes is unknown: reported.
    invalidAt(
      code(`
app.get('/ledgers/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Ledgers', Key: { id: req.params.id } })); // ✗
  res.json({ total: out.Item?.total });
});`),
      'unscopedKey',
    ),
  ],
});

ruleTester.run('no-unvalidated-input (one finding per flaw)', noUnvalidatedInput, {
  valid: [
    // no-unscoped-key reports the owned memo lookup: the IDOR is the finding.
    ownedMemos,
    // In strict, no-unscoped-key reports the catalog lookup too.
    { code: sharedCatalog, options: audit },
  ],
  invalid: [
    // In recommended the catalog is shared: the unvalidated key is this rule's finding.
    {
      code: sharedCatalog,
      errors: [{ messageId: 'unvalidatedInput', line: lineWith(sharedCatalog, 'new GetCommand') }],
    },
  ],
});

// PartiQL: the table a statement splices in (`FROM ${TABLE}`) is its entity, and an INSERT writes it.
const partiqlShelf = (insert: boolean) =>
  code(`
import { ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
const SHELF = process.env.SHELF_TABLE;
${
  insert
    ? `app.post('/shelf', async (req, res) => {
  await ddb.send(new ExecuteStatementCommand({ Statement: \`INSERT INTO \${SHELF} VALUE {'id': ?, 'title': ?}\`, Parameters: [crypto.randomUUID(), String(req.body.title)] }));
  res.sendStatus(201);
});`
    : ''
}
app.get('/shelf', async (req, res) => {
  const statement = \`SELECT * FROM \${SHELF}\`;
  const out = await ddb.send(new ExecuteStatementCommand({ Statement: statement }));
  res.json(out.Items); // ✗
});`);

// (a) narrowed: another user's item whose known attributes hold nothing sensitive is the IDOR's
// finding alone; the same read of an item that holds a secret is also an exposure.
const othersMemo = (extra: string) =>
  code(`
app.post('/jottings', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Jottings', Item: { jotId: crypto.randomUUID(), ownerId: req.user!.sub, text: String(req.body.text)${extra} } }));
  res.sendStatus(201);
});
app.get('/jottings/:jotId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Jottings', Key: { jotId: req.params.jotId } }));
  res.json(out.Item); // ✗
});`);

ruleTester.run('no-raw-item-response (evidence)', noRawItemResponse, {
  valid: [
    // A shared catalog item with nothing sensitive in it.
    sharedCatalog,
    // The caller's own item, read by the caller's key, whose attributes are not sensitive.
    ownItem,
    // A shelf the program inserts with PartiQL and no owner: shared.
    partiqlShelf(true),
    othersMemo(''),
  ],
  invalid: [
    {
      code: sharedCatalog,
      errors: [{ messageId: 'rawItem', line: lineWith(sharedCatalog, 'res.json') }],
      options: audit,
    },
    { ...invalidAt(ownItem, 'rawItem'), options: audit },
    { ...invalidAt(partiqlShelf(true), 'rawItem'), options: audit },
    { ...invalidAt(othersMemo(''), 'rawItem'), options: audit },
    invalidAt(othersMemo(', shareToken: crypto.randomUUID()'), 'rawItem'),
    // (d) The same read of a table the program never writes: nothing is known of its items.
    invalidAt(partiqlShelf(false), 'rawItem'),
    // (b) sensitive attribute, even in the caller's own item.
    invalidAt(sensitive, 'rawItem'),
    // (a) read through an access no-unscoped-key reports.
    invalidAt(
      code(`
app.get('/dossiers/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Dossiers', Key: { id: req.params.id } }));
  res.json(out.Item); // ✗
});`),
      'rawItem',
    ),
    // (c) principals' records listed to anyone.
    invalidAt(
      code(`
app.get('/members', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  const out = await ddb.send(new ScanCommand({ TableName: 'Members' }));
  res.json(out.Items); // ✗
});`),
      'rawItem',
    ),
  ],
});

/** Whether a program authenticates anyone does not depend on how much code the files hold besides the read of the caller. */
const filler = `const box = { a: 1, b: 2 };
export function noise(): number {
  let n = 0;
${Array.from({ length: 3200 }, (_, i) => `  n += box.${i % 2 ? 'a' : 'b'};`).join('\n')}
  return n;
}
`;
/** A project of its own (tests/fixtures/bundler): the fixtures project beside file.ts authenticates. */
const alone = (program: string) => ({ code: program, filename: bundler });
ruleTester.run('no-unscoped-key (evidence: authentication in a large program)', noUnscopedKey, {
  valid: [
    // No one is authenticated: a table the program never writes is everyone's.
    alone(
      code(`app.get('/tips/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Tips', Key: { tipId: req.params.id } }));
  res.json({ text: out.Item?.text });
});
${filler}`),
    ),
  ],
  invalid: [
    // The caller is read beside thousands of other reads: the program authenticates; the entity is unknown.
    {
      ...invalidAt(
        code(`app.get('/me', (req, res) => { res.json({ sub: req.user?.sub }); });
app.get('/tips/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Tips', Key: { tipId: req.params.id } })); // ✗
  res.json({ text: out.Item?.text });
});
${filler}`),
        'unscopedKey',
      ),
      filename: bundler,
    },
    // The caller read under another name: destructured from its property, or through a renamed import.
    {
      ...invalidAt(
        code(`app.get('/me', (req, res) => {
  const { user: me } = req;
  res.json({ sub: me?.sub });
});
app.get('/tips/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Tips', Key: { tipId: req.params.id } })); // ✗
  res.json({ text: out.Item?.text });
});
${filler}`),
        'unscopedKey',
      ),
      filename: bundler,
    },
    {
      ...invalidAt(
        `import { verify as check } from 'jsonwebtoken';
${code(`app.get('/me', (req, res) => {
  const payload = check(String(req.headers.authorization), 'k') as { sub: string };
  res.json({ sub: payload.sub });
});
app.get('/tips/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Tips', Key: { tipId: req.params.id } })); // ✗
  res.json({ text: out.Item?.text });
});
${filler}`)}`,
        'unscopedKey',
      ),
      filename: bundler,
    },
  ],
});
