import unscoped from '../../rules/no-unscoped-key.js';
import injection from '../../rules/no-expression-injection.js';
import raw from '../../rules/no-raw-item-response.js';
import unvalidated from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/** Data mappers (ElectroDB, dynamoose, dynamodb-toolbox, OneTable) and AppSync resolver requests as sinks. */
const ruleTester = createRuleTesterWithTypes();

const electro = `${expressHeader}import { Entity } from 'electrodb';
const Notes = new Entity({
  model: { entity: 'note', version: '1', service: 'app' },
  attributes: { ownerId: { type: 'string' }, noteId: { type: 'string' }, text: { type: 'string' }, status: { type: 'string' } },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['noteId'] }, sk: { field: 'sk', composite: [] } },
    byOwner: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['ownerId'] }, sk: { field: 'gsi1sk', composite: ['noteId'] } },
  },
}, { table: 'app', client: ddb });
`;
const dyn = `${expressHeader}import dynamoose from 'dynamoose';
const Note = dynamoose.model('Note', new dynamoose.Schema({
  ownerId: { type: String, hashKey: true },
  noteId: { type: String, rangeKey: true },
  text: String,
  status: String,
}));
`;
const toolboxV2 = `${expressHeader}import { Table, Entity, item, string, GetItemCommand, PutItemCommand, QueryCommand } from 'dynamodb-toolbox';
const AppTable = new Table({ name: 'app', partitionKey: { name: 'pk', type: 'string' }, sortKey: { name: 'sk', type: 'string' }, documentClient: ddb });
const NoteEntity = new Entity({
  name: 'Note',
  table: AppTable,
  schema: item({ pk: string().key(), sk: string().key(), text: string() }),
});
`;
const toolboxV0 = `${expressHeader}import { Entity } from 'dynamodb-toolbox';
// v0 API (the corpus' version): typed loosely here.
const NoteV0: any = new (Entity as any)({ name: 'Note', attributes: { ownerId: { partitionKey: true }, noteId: { sortKey: true }, text: 'string' } });
`;
const oneTable = `${expressHeader}import { Table } from 'dynamodb-onetable';
import type { Model } from 'dynamodb-onetable';
declare const NoteModel: Model<{ ownerId: string; noteId: string; text: string; status: string }>;
`;
const appsync = `${expressHeader}import { util } from '@aws-appsync/utils';
import * as ddbjs from '@aws-appsync/utils/dynamodb';
`;

const unscopedAt = (code: string) => invalidAt(code, 'unscopedKey' as const);
/** In an app that authenticates no one, an entity without personal data is everyone's: audited. */
const audited = (code: string) => ({ ...unscopedAt(code), options: [{ evidence: 'none' as const }] });

ruleTester.run('no-unscoped-key (data mappers)', unscoped, {
  valid: [
    // create refuses an existing item (ElectroDB always, dynamoose unless `overwrite: true`): the
    // client's key cannot take over another's note.
    {
      code: `${electro}
app.post('/notes', async (req, res) => {
  await Notes.create({ noteId: String(req.body.id), ownerId: req.user!.sub, text: String(req.body.text) }).go();
  res.sendStatus(201);
});`,
      options: [{ evidence: 'none' as const }],
    },
    {
      code: `${dyn}
app.post('/notes', async (req, res) => {
  await Note.create({ ownerId: String(req.body.owner), noteId: String(req.body.id), text: 'x' }, { overwrite: false });
  res.sendStatus(201);
});`,
      options: [{ evidence: 'none' as const }],
    },
    // ElectroDB: the caller's own partition through a secondary index.
    `${electro}
app.get('/notes', async (req, res) => {
  const out = await Notes.query.byOwner({ ownerId: req.user!.sub }).go();
  res.json(out.data.map((n) => n.noteId));
});`,
    // ElectroDB: a post-read ownership check.
    `${electro}
app.get('/notes/:id', async (req, res) => {
  const out = await Notes.get({ noteId: req.params.id }).go();
  if (out.data?.ownerId !== req.user!.sub) return res.sendStatus(404);
  res.json({ text: out.data.text });
});`,
    // dynamoose: the caller's own hash key.
    `${dyn}
app.get('/notes/:id', async (req, res) => {
  const note = await Note.get({ ownerId: req.user!.sub, noteId: req.params.id });
  res.json({ text: note.text });
});`,
    // The caller's own notes, in a batch.
    `${dyn}
app.post('/notes/delete', async (req, res) => {
  const ids: string[] = req.body.ids;
  await Note.batchDelete(ids.map((noteId) => ({ ownerId: req.user!.sub, noteId })));
  res.sendStatus(204);
});`,
    `${dyn}
app.get('/notes', async (req, res) => {
  const notes = await Note.query('ownerId').eq(req.user!.sub).exec();
  res.json(notes.length);
});`,
    // toolbox v1+: the caller's key.
    `${toolboxV2}
app.get('/notes/:id', async (req, res) => {
  const out = await NoteEntity.build(GetItemCommand).key({ pk: req.user!.sub, sk: req.params.id }).send();
  res.json({ text: out.Item?.text });
});`,
    // toolbox v0
    `${toolboxV0}
app.get('/notes/:id', async (req, res) => {
  const out = await NoteV0.get({ ownerId: req.user!.sub, noteId: req.params.id });
  res.json({ text: out.Item.text });
});`,
    // OneTable
    `${oneTable}
app.delete('/notes/:id', async (req, res) => {
  await NoteModel.remove({ ownerId: req.user!.sub, noteId: req.params.id });
  res.sendStatus(204);
});`,
    // AppSync helper with the caller's identity.
    `${appsync}
app.get('/r/:id', (req, res) => {
  res.json(ddbjs.get({ key: { ownerId: req.user!.sub, id: req.params.id } }));
});`,
    // A raw request whose key values are converted one by one: the caller's identity stays the caller's.
    `${appsync}
app.get('/v/:id', (req, res) => {
  res.json({ operation: 'GetItem', key: { ownerId: util.dynamodb.toDynamoDB(req.user!.sub), id: util.dynamodb.toDynamoDB(req.params.id) } });
});`,
    // A filter on the caller in each branch of a conditional scopes the query.
    `${appsync}
app.get('/agg/:account', (req, res) => {
  const mine = { ':u': util.dynamodb.toDynamoDB(req.user!.sub) };
  res.json({ operation: 'Query', index: 'account-gsi', query: { expression: 'accountId = :a', expressionValues: { ':a': util.dynamodb.toDynamoDB(req.params.account) } },
    filter: req.query.kind ? { expression: 'userId = :u AND kind = :k', expressionValues: { ...mine, ':k': util.dynamodb.toDynamoDB(String(req.query.kind)) } } : { expression: 'userId = :u', expressionValues: mine } });
});`,
    // AppSync owner condition on a remove.
    `${appsync}
app.delete('/r/:id', (req, res) => {
  res.json(ddbjs.remove({ key: { id: req.params.id }, condition: { ownerId: { eq: req.user!.sub } } }));
});`,
    // Not a mapper: a user's own object with a get method.
    `${expressHeader}
const cache = { get: (k: { id: string }) => k.id };
app.get('/c/:id', (req, res) => { res.json(cache.get({ id: req.params.id })); });`,
  ],
  invalid: [
    // put overwrites, and so does a dynamoose create told to.
    audited(`${electro}
app.put('/notes', async (req, res) => {
  await Notes.put({ noteId: String(req.body.id), ownerId: req.user!.sub, text: String(req.body.text) }).go(); // ✗
  res.sendStatus(204);
});`),
    audited(`${dyn}
app.put('/notes', async (req, res) => {
  await Note.create({ ownerId: String(req.body.owner), noteId: String(req.body.id), text: 'x' }, { overwrite: true }); // ✗✗
  res.sendStatus(204);
});`),
    unscopedAt(`${electro}
app.get('/notes/:id', async (req, res) => {
  const out = await Notes.get({ noteId: req.params.id }).go(); // ✗
  res.json({ text: out.data?.text });
});`),
    unscopedAt(`${electro}
app.get('/users/:owner/notes', async (req, res) => {
  const out = await Notes.query.byOwner({ ownerId: req.params.owner }).go(); // ✗
  res.json(out.data.length);
});`),
    audited(`${electro}
app.put('/notes/:id', async (req, res) => {
  await Notes.patch({ noteId: req.params.id }).set({ text: String(req.body.text) }).go(); // ✗
  res.sendStatus(204);
});`),
    unscopedAt(`${electro}
app.post('/notes', async (req, res) => {
  await Notes.upsert({ noteId: String(req.body.noteId), ownerId: req.user!.sub, text: 'x' }).go(); // ✗
  res.sendStatus(204);
});`),
    unscopedAt(`${dyn}
app.get('/notes/:owner/:id', async (req, res) => {
  const note = await Note.get({ ownerId: req.params.owner, noteId: req.params.id }); // ✗✗
  res.json({ text: note.text });
});`),
    unscopedAt(`${dyn}
app.get('/users/:owner/notes', async (req, res) => {
  const notes = await Note.query('ownerId').eq(req.params.owner).exec(); // ✗
  res.json(notes.length);
});`),
    unscopedAt(`${dyn}
app.delete('/notes/:owner/:id', async (req, res) => {
  await Note.delete({ ownerId: req.params.owner, noteId: req.params.id }); // ✗✗
  res.sendStatus(204);
});`),
    audited(`${dyn}
app.post('/notes', async (req, res) => {
  await new Note({ ownerId: String(req.body.owner), noteId: 'n', text: 't' }).save(); // ✗
  res.sendStatus(204);
});`),
    // Batches: each element is an item (batchPut) or a key (batchDelete) the client chose.
    audited(`${dyn}
app.put('/notes', async (req, res) => {
  await Note.batchPut(req.body.notes); // ✗
  res.sendStatus(204);
});`),
    audited(`${dyn}
app.post('/notes/delete', async (req, res) => {
  await Note.batchDelete(req.body.keys); // ✗
  res.sendStatus(204);
});`),
    unscopedAt(`${toolboxV2}
app.get('/notes/:pk/:id', async (req, res) => {
  const out = await NoteEntity.build(GetItemCommand).key({ pk: req.params.pk, sk: req.params.id }).send(); // ✗✗
  res.json({ text: out.Item?.text });
});`),
    unscopedAt(`${toolboxV0}
app.get('/notes/:owner/:id', async (req, res) => {
  const out = await NoteV0.get({ ownerId: req.params.owner, noteId: req.params.id }); // ✗✗
  res.json({ text: out.Item.text });
});`),
    unscopedAt(`${toolboxV0}
app.get('/users/:owner/notes', async (req, res) => {
  const out = await NoteV0.query(req.params.owner); // ✗
  res.json(out.Items.length);
});`),
    unscopedAt(`${oneTable}
app.delete('/notes/:owner/:id', async (req, res) => {
  await NoteModel.remove({ ownerId: req.params.owner, noteId: req.params.id }); // ✗✗
  res.sendStatus(204);
});`),
    unscopedAt(`${appsync}
app.get('/r/:id', (req, res) => {
  res.json(ddbjs.get({ key: { id: req.params.id } })); // ✗
});`),
    unscopedAt(`${appsync}
app.get('/r/:owner', (req, res) => {
  res.json(ddbjs.query({ query: { ownerId: { eq: req.params.owner } } })); // ✗
});`),
    // The same converter around the client's value carries it.
    unscopedAt(`${appsync}
app.get('/v/:id', (req, res) => {
  res.json({ operation: 'GetItem', key: { id: util.dynamodb.toDynamoDB(req.params.id) } }); // ✗
});`),
    unscopedAt(`${appsync}
app.get('/raw/:id', (req, res) => {
  res.json({ operation: 'GetItem', key: util.dynamodb.toMapValues({ id: req.params.id }) }); // ✗
});`),
  ],
});

ruleTester.run('no-expression-injection (data mappers)', injection, {
  valid: [
    // ElectroDB: the operator parameterises the value.
    `${electro}
app.get('/notes', async (req, res) => {
  const out = await Notes.query.byOwner({ ownerId: req.user!.sub }).where((a, op) => \`\${op.eq(a.status, String(req.query.status))}\`).go();
  res.json(out.data.length);
});`,
  ],
  invalid: [
    invalidAt(
      `${electro}
app.get('/notes', async (req, res) => {
  const out = await Notes.query.byOwner({ ownerId: req.user!.sub }).where((a, op) => \`\${op.eq(a.status, 'x')} AND \${String(req.query.extra)}\`).go(); // ✗
  res.json(out.data.length);
});`,
      'expressionInjection',
    ),
    invalidAt(
      `${oneTable}
app.get('/notes', async (req, res) => {
  const out = await NoteModel.find({ ownerId: req.user!.sub }, { where: \`\${String(req.query.where)}\` }); // ✗
  res.json(out.length);
});`,
      'expressionInjection',
    ),
    invalidAt(
      `${appsync}
app.get('/raw', (req, res) => {
  res.json({ operation: 'Query', query: { expression: String(req.query.expr), expressionValues: util.dynamodb.toMapValues({ ':o': req.user!.sub }) } }); // ✗
});`,
      'expressionInjection',
    ),
  ],
});

ruleTester.run('no-raw-item-response (data mappers)', raw, {
  valid: [
    // ElectroDB projection through the `attributes` option.
    `${electro}
app.get('/notes/:id', async (req, res) => {
  const out = await Notes.get({ noteId: req.params.id }).go({ attributes: ['noteId', 'text'] });
  res.json(out.data);
});`,
    // dynamoose projection.
    `${dyn}
app.get('/notes', async (req, res) => {
  const notes = await Note.query('ownerId').eq(req.user!.sub).attributes(['noteId', 'text']).exec();
  res.json(notes);
});`,
    // toolbox v1+ projection.
    `${toolboxV2}
app.get('/notes/:id', async (req, res) => {
  const out = await NoteEntity.build(GetItemCommand).key({ pk: req.user!.sub, sk: req.params.id }).options({ attributes: ['text'] }).send();
  res.json(out.Item);
});`,
    // Only a property of the item.
    `${dyn}
app.get('/notes/:id', async (req, res) => {
  const note = await Note.get({ ownerId: req.params.id, noteId: 'n' });
  res.json({ text: note.text });
});`,
  ],
  invalid: [
    {
      ...invalidAt(
        `${electro}
app.get('/notes/:id', async (req, res) => {
  const out = await Notes.get({ noteId: req.params.id }).go();
  res.json(out.data); // ✗
});`,
        'rawItem',
      ),
      options: [{ evidence: 'none' as const }],
    },
    {
      ...invalidAt(
        `${dyn}
app.get('/notes/:owner', async (req, res) => {
  const notes = await Note.query('ownerId').eq(req.params.owner).exec();
  res.json(notes); // ✗
});`,
        'rawItem',
      ),
      options: [{ evidence: 'none' as const }],
    },
    // A dynamoose query built in a variable, refined on a condition, then run.
    {
      ...invalidAt(
        `${dyn}
app.get('/notes/:owner', async (req, res) => {
  const query = Note.query('ownerId').eq(req.params.owner);
  if (req.query.from) query.startAt({ ownerId: req.params.owner, noteId: String(req.query.from) });
  const notes = await query.limit(5).exec();
  res.json(notes); // ✗
});`,
        'rawItem',
      ),
      options: [{ evidence: 'none' as const }],
    },
    {
      ...invalidAt(
        `${toolboxV0}
app.get('/notes/:owner/:id', async (req, res) => {
  const out = await NoteV0.get({ ownerId: req.params.owner, noteId: req.params.id });
  res.json(out.Item); // ✗
});`,
        'rawItem',
      ),
      options: [{ evidence: 'none' as const }],
    },
    {
      ...invalidAt(
        `${oneTable}
app.get('/notes/:owner', async (req, res) => {
  const notes = await NoteModel.find({ ownerId: req.params.owner });
  res.json(notes); // ✗
});`,
        'rawItem',
      ),
      options: [{ evidence: 'none' as const }],
    },
  ],
});

ruleTester.run('no-unvalidated-input (data mappers)', unvalidated, {
  valid: [
    `${dyn}
app.get('/notes', async (req, res) => {
  const notes = await Note.query('ownerId').eq(req.user!.sub).where('status').eq(Number(req.query.s)).exec();
  res.json(notes.length);
});`,
  ],
  invalid: [
    invalidAt(
      `${dyn}
app.get('/notes', async (req, res) => {
  const notes = await Note.query('ownerId').eq(req.user!.sub).where('status').eq(req.query.s).exec(); // ✗
  res.json(notes.length);
});`,
      'unvalidatedInput',
    ),
    invalidAt(
      `${electro}
app.get('/notes/:id', async (req, res) => {
  const out = await Notes.get({ noteId: req.user!.sub, status: req.params.id }).go(); // ✗
  res.json(out.data?.noteId);
});`,
      'unvalidatedInput',
    ),
  ],
});

/** Evidence reads mapper writes and schemas: the entity is the mapper's, its attributes the schema's. */
ruleTester.run('no-unscoped-key (data mapper evidence)', unscoped, {
  valid: [
    // A catalog: written without the caller's identity, in an app that authenticates: shared.
    `${expressHeader}import { Entity } from 'electrodb';
const Products = new Entity({
  model: { entity: 'product', version: '1', service: 'shop' },
  attributes: { productId: { type: 'string' }, title: { type: 'string' } },
  indexes: { primary: { pk: { field: 'pk', composite: ['productId'] }, sk: { field: 'sk', composite: [] } } },
}, { table: 'app', client: ddb });
app.post('/products', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  await Products.put({ productId: String(req.body.id), title: String(req.body.title) }).go();
  res.sendStatus(204);
});
app.get('/products/:id', async (req, res) => {
  const out = await Products.get({ productId: req.params.id }).go();
  res.json({ title: out.data?.title });
});`,
  ],
  invalid: [
    // Another route stores the caller's id in the entity's items: they are someone's.
    unscopedAt(`${expressHeader}import { Entity } from 'electrodb';
const Notes = new Entity({
  model: { entity: 'note', version: '1', service: 'app' },
  attributes: { ownerId: { type: 'string' }, noteId: { type: 'string' }, text: { type: 'string' } },
  indexes: { primary: { pk: { field: 'pk', composite: ['noteId'] }, sk: { field: 'sk', composite: [] } } },
}, { table: 'app', client: ddb });
app.post('/notes', async (req, res) => {
  await Notes.put({ noteId: String(Date.now()), ownerId: req.user!.sub, text: String(req.body.text) }).go();
  res.sendStatus(204);
});
app.get('/notes/:id', async (req, res) => {
  const out = await Notes.get({ noteId: req.params.id }).go(); // ✗
  res.json({ text: out.data?.text });
});`),
    // dynamoose: a save that stores the caller's id.
    unscopedAt(`${dyn}
app.post('/notes', async (req, res) => {
  await new Note({ ownerId: req.user!.sub, noteId: String(Date.now()), text: 't' }).save();
  res.sendStatus(204);
});
app.get('/notes/:owner/:id', async (req, res) => {
  const note = await Note.get({ ownerId: req.params.owner, noteId: req.params.id }); // ✗✗
  res.json({ text: note.text });
});`),
  ],
});

/** An entity injected into a repository class as `typeof UserEntity` is judged as that entity. */
const injected = (entity: string) => `${expressHeader}import { Entity } from 'electrodb';
const ${entity} = new Entity({
  model: { entity: 'x', version: '1', service: 'app' },
  attributes: { id: { type: 'string' }, name: { type: 'string' } },
  indexes: { primary: { pk: { field: 'pk', composite: ['id'] }, sk: { field: 'sk', composite: [] } } },
}, { table: 'app', client: ddb });
class Repository {
  constructor(private readonly entity: typeof ${entity}) {}
  create(name: string) { return this.entity.put({ id: String(Date.now()), name }).go(); }
  read(id: string) { return this.entity.get({ id }).go(); }
}
const repository = new Repository(${entity});
app.post('/things', async (req, res) => {
  await repository.create(String(req.body.name));
  res.sendStatus(204);
});
app.get('/things/:id', async (req, res) => {
  const out = await repository.read(req.params.id); // ✗
  res.json(out.data);
});`;

ruleTester.run('no-unscoped-key (injected entities)', unscoped, {
  // Written with no owner: shared.
  valid: [injected('TagEntity').replace(' // ✗', '')],
  // The injected entity's own name says its items are users' records.
  invalid: [
    unscopedAt(injected('UserEntity')),
    { ...unscopedAt(injected('TagEntity')), options: [{ evidence: 'none' }] },
  ],
});

/** An ElectroDB catalog whose `apiKey` attribute is declared with `options`. */
const catalog = (options: string) => `${expressHeader}import { Entity } from 'electrodb';
const Partners = new Entity({
  model: { entity: 'partner', version: '1', service: 'shop' },
  attributes: { partnerId: { type: 'string' }, title: { type: 'string' }, apiKey: { type: 'string'${options} } },
  indexes: { primary: { pk: { field: 'pk', composite: ['partnerId'] }, sk: { field: 'sk', composite: [] } } },
}, { table: 'app', client: ddb });
app.post('/partners', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  await Partners.put({ partnerId: String(req.body.id), title: String(req.body.title), apiKey: String(req.body.key) }).go();
  res.sendStatus(204);
});
app.get('/partners/:id', async (req, res) => {
  res.json((await Partners.get({ partnerId: req.params.id }).go()).data); // ✗
});`;

ruleTester.run('no-raw-item-response (data mapper evidence)', raw, {
  valid: [
    // A hidden attribute is never returned by a read: the shared catalog sends nothing sensitive.
    catalog(', hidden: true').replace(' // ✗', ''),
    // The schema declares nothing sensitive, and the catalog is shared.
    `${expressHeader}import dynamoose from 'dynamoose';
const Product = dynamoose.model('Product', new dynamoose.Schema({ productId: String, title: String }));
app.post('/products', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  await Product.create({ productId: String(req.body.id), title: String(req.body.title) });
  res.sendStatus(204);
});
app.get('/products/:id', async (req, res) => {
  res.json(await Product.get({ productId: req.params.id }));
});`,
  ],
  invalid: [
    invalidAt(catalog(''), 'rawItem'),
    // The schema declares a password hash: the whole item is sent.
    invalidAt(
      `${expressHeader}import dynamoose from 'dynamoose';
const Member = dynamoose.model('Member', new dynamoose.Schema({ memberId: String, title: String, passwordHash: String }));
app.post('/members', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  await Member.create({ memberId: String(req.body.id), title: String(req.body.title) });
  res.sendStatus(204);
});
app.get('/members/:id', async (req, res) => {
  res.json(await Member.get({ memberId: req.params.id })); // ✗
});`,
      'rawItem',
    ),
  ],
});

/** A document's `toJSON()` is its item (dynamoose): as raw as the document. */
ruleTester.run('no-raw-item-response (document toJSON)', raw, {
  valid: [
    {
      code: `${dyn}
app.get('/notes/:owner', async (req, res) => {
  const note = await Note.get({ ownerId: req.params.owner, noteId: 'n' });
  res.json({ text: note.toJSON().text });
});`,
      options: [{ evidence: 'none' as const }],
    },
  ],
  invalid: [
    {
      ...invalidAt(
        `${dyn}
app.get('/notes/:owner', async (req, res) => {
  const note = await Note.get({ ownerId: req.params.owner, noteId: 'n' });
  res.json(note.toJSON()); // ✗
});`,
        'rawItem',
      ),
      options: [{ evidence: 'none' as const }],
    },
  ],
});
