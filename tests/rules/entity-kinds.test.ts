import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * SPEC §5, how entities are told apart and what they hold, in `recommended`:
 * - an attribute written from a password-hashing call (`AccessKey: await bcrypt.hash(key, 12)`)
 *   holds a credential whatever it is named, so the items are someone's, not everyone's;
 * - a partition attribute the program only ever gives constant values in a table (`id: 'accounts'`,
 *   `id: 'account_types'`) names kinds of item: one kind's personal data does not make another
 *   kind's rows personal. Where some access gives it a value chosen per item, a constant there
 *   names one item and the entity is the table;
 * - in an app that logs anyone in, a kind of item under a principal's partition (`PRO#` items
 *   under `ORG#<id>`) is still that principal's (the app without login is
 *   `fixtures/evidence-noauth/src/tenant-table.ts`, where projects are judged by what they hold).
 */
const ruleTester = createRuleTesterWithTypes();

const accounts = (secret: string) =>
  `${expressHeader}import bcrypt from 'bcrypt';
app.post('/register', async (req, res) => {
  const apiKey = crypto.randomUUID();
  await ddb.send(new PutCommand({ TableName: 'GraphQLData', Item: { AccessID: crypto.randomUUID(), AccessKey: ${secret}, Data: {} } }));
  res.json({ apiKey, who: req.user?.sub });
});
app.post('/data', async (req, res) => {
  await ddb.send(new UpdateCommand({ TableName: 'GraphQLData', Key: { AccessID: String(req.body.AccessID) }, UpdateExpression: 'SET Stats = :v', ExpressionAttributeValues: { ':v': req.body.stats } })); // ✗
  res.sendStatus(204);
});`;

const kinds = (extra: string) =>
  `${expressHeader}
const ACCOUNTS = 'accounts';
app.post('/signup', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'GlobalSettings', Item: { id: ACCOUNTS, slug: crypto.randomUUID(), phone: String(req.body.phone) } }));
  res.sendStatus(201);
});
app.post('/admin/account-types', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'GlobalSettings', Item: { id: 'account_types', slug: String(req.body.slug), price: Number(req.body.price) } })); // ✗
  res.json({ by: req.user?.sub });
});
app.get('/account-types/:slug', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'GlobalSettings', Key: { id: 'account_types', slug: req.params.slug } })); // ✗
  res.json({ price: out.Item?.price });
});${extra}`;

const tenantProjects = `${expressHeader}
app.post('/orgs/:orgId/projects', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Main', Item: { PK: \`ORG#\${req.params.orgId}\`, SK: \`PRO#\${crypto.randomUUID()}\`, name: String(req.body.name) } })); // ✗
  res.json({ by: req.user?.sub });
});
app.get('/orgs/:orgId/projects/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Main', Key: { PK: \`ORG#\${req.params.orgId}\`, SK: \`PRO#\${req.params.id}\` } })); // ✗✗
  res.json({ name: out.Item?.name });
});`;

ruleTester.run('no-unscoped-key (entity kinds and what they hold)', noUnscopedKey, {
  valid: [
    // `id` only ever holds constants: 'account_types' rows are a catalog, apart from the accounts' phones.
    kinds('').replaceAll(' // ✗', ''),
    // The same attribute written from a random value: nothing says it is a secret; written with no owner, shared.
    accounts('crypto.randomUUID()').replace(' // ✗', ''),
    // A `.then` that makes something else of the hash is not followed.
    accounts('await bcrypt.hash(apiKey, 12).then((h: string) => h.length)').replace(' // ✗', ''),
  ],
  invalid: [
    invalidAt(tenantProjects, 'unscopedKey'),
    // Some access chooses `id` per item: a constant there is one item of the table, which holds phones.
    invalidAt(
      kinds(`
app.get('/settings/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'GlobalSettings', Key: { id: req.params.id, slug: 'default' } })); // ✗
  res.json({ price: out.Item?.price });
});`),
      'unscopedKey',
    ),
    invalidAt(accounts('await bcrypt.hash(apiKey, 12)'), 'unscopedKey'),
    // Through the promise's own methods: `.then((h) => h).catch(…)` still settles to the hash.
    invalidAt(accounts('await bcrypt.hash(apiKey, 12).then((h: string) => h).catch(() => "")'), 'unscopedKey'),
    invalidAt(
      accounts('hashed').replace(
        'const apiKey = crypto.randomUUID();',
        'const apiKey = crypto.randomUUID();\n  const hashed = bcrypt.hashSync(apiKey, 10);',
      ),
      'unscopedKey',
    ),
  ],
});
