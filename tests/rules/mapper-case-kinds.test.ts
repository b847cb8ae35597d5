import injection from '../../rules/no-expression-injection.js';
import raw from '../../rules/no-raw-item-response.js';
import unvalidated from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { injectionsAt } from './injection-cases.js';

/**
 * The case kinds of issue 16 that the data-mapper suite lacked: unvalidated filter values of
 * dynamodb-toolbox (v0 and v1+ `filters`), ElectroDB `where` operators, OneTable and AppSync
 * filters; client-chosen attribute names in dynamoose `.where(name)`; raw and projected items of
 * toolbox, dynamoose and OneTable reads.
 */
const t = createRuleTesterWithTypes();
const dyn = `${expressHeader}import dynamoose from 'dynamoose';
const Note = dynamoose.model('Note', new dynamoose.Schema({
  ownerId: { type: String, hashKey: true },
  noteId: { type: String, rangeKey: true },
  text: String,
  status: String,
}));
`;
const toolboxV2 = `${expressHeader}import { Table, Entity, item, string, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand } from 'dynamodb-toolbox';
const AppTable = new Table({ name: 'app', partitionKey: { name: 'pk', type: 'string' }, sortKey: { name: 'sk', type: 'string' }, documentClient: ddb });
const NoteEntity = new Entity({
  name: 'Note',
  table: AppTable,
  schema: item({ pk: string().key(), sk: string().key(), text: string(), status: string() }),
});
`;
const toolboxV0 = `${expressHeader}import { Entity } from 'dynamodb-toolbox';
const NoteV0: any = new (Entity as any)({ name: 'Note', attributes: { ownerId: { partitionKey: true }, noteId: { sortKey: true }, text: 'string', status: 'string' } });
`;
const oneTable = `${expressHeader}import { Table } from 'dynamodb-onetable';
import type { Model } from 'dynamodb-onetable';
declare const NoteModel: Model<{ ownerId: string; noteId: string; text: string; status: string }>;
`;
const appsync = `import { util, type Context } from '@aws-appsync/utils';
import * as ddbjs from '@aws-appsync/utils/dynamodb';
import type { AppSyncIdentityCognito } from '@aws-appsync/utils';
`;
const electro = `${expressHeader}import { Entity } from 'electrodb';
const Notes = new Entity({
  model: { entity: 'note', version: '1', service: 'app' },
  attributes: { ownerId: { type: 'string' }, noteId: { type: 'string' }, text: { type: 'string' }, status: { type: 'string' } },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['ownerId'] }, sk: { field: 'sk', composite: ['noteId'] } },
  },
}, { table: 'app', client: ddb });
`;
t.run('no-unvalidated-input (data mapper filters)', auditMode(unvalidated), {
  valid: [
    `${toolboxV2}
app.get('/n', async (req, res) => {
  const out = await NoteEntity.build(QueryCommand).query({ partition: req.user!.sub }).options({ filters: { Note: { attr: 'status', eq: 'open' } } }).send();
  res.json(out.Items?.length);
});`,
    `${electro}
app.get('/n', async (req, res) => {
  const s = String(req.query.s);
  if (s !== 'open' && s !== 'done') return res.sendStatus(400);
  const out = await Notes.query.primary({ ownerId: req.user!.sub }).where((a, op) => op.eq(a.status, s)).go();
  res.json(out.data.length);
});`,
  ],
  invalid: [
    invalidAt(
      `${toolboxV2}
app.get('/n', async (req, res) => {
  const out = await NoteEntity.build(QueryCommand).query({ partition: req.user!.sub }).options({ filters: { Note: { attr: 'status', eq: String(req.query.s) } } }).send(); // ✗
  res.json(out.Items?.length);
});`,
      'unvalidatedInput',
    ),
    invalidAt(
      `${toolboxV0}
app.get('/n', async (req, res) => {
  const out = await NoteV0.query(req.user!.sub, { filters: { attr: 'status', eq: req.query.s } }); // ✗
  res.json(out.Items?.length);
});`,
      'unvalidatedInput',
    ),
    invalidAt(
      `${oneTable}
app.get('/n', async (req, res) => {
  const out = await NoteModel.find({ ownerId: req.user!.sub, status: String(req.query.s) }); // ✗
  res.json(out.length);
});`,
      'unvalidatedInput',
    ),
    invalidAt(
      `${appsync}
export function request(ctx: Context<{ status: string }>) {
  const { sub } = ctx.identity as AppSyncIdentityCognito;
  return ddbjs.query({ query: { ownerId: { eq: sub } }, filter: { status: { eq: ctx.args.status } } }); // ✗
}
export function response(ctx: Context) { return ctx.result; }`,
      'unvalidatedInput',
    ),
    invalidAt(
      `${appsync}
export function request(ctx: Context<{ status: string }>) {
  const { sub } = ctx.identity as AppSyncIdentityCognito;
  return { operation: 'Query', query: { expression: 'ownerId = :o', expressionValues: util.dynamodb.toMapValues({ ':o': sub }) }, filter: { expression: '#s = :s', expressionNames: { '#s': 'status' }, expressionValues: util.dynamodb.toMapValues({ ':s': ctx.args.status }) } }; // ✗
}
export function response(ctx: Context) { return ctx.result; }`,
      'unvalidatedInput',
    ),
    invalidAt(
      `${electro}
app.get('/n', async (req, res) => {
  const out = await Notes.query.primary({ ownerId: req.user!.sub }).where((a, op) => op.eq(a.status, String(req.query.s))).go(); // ✗
  res.json(out.data.length);
});`,
      'unvalidatedInput',
    ),
  ],
});
t.run('no-expression-injection (data mapper attribute names)', injection, {
  valid: [
    `${dyn}
app.get('/n', async (req, res) => {
  const notes = await Note.query('ownerId').eq(req.user!.sub).where('status').eq(String(req.query.s)).exec();
  res.json(notes.length);
});`,
    `${dyn}
const FIELD = 'status';
app.get('/n', async (req, res) => {
  const notes = await Note.query('ownerId').eq(req.user!.sub).where(FIELD).eq(String(req.query.s)).exec();
  res.json(notes.length);
});`,
    // ElectroDB operators parameterise the value: no expression text from the client.
    `${electro}
app.get('/n', async (req, res) => {
  const out = await Notes.query.primary({ ownerId: req.user!.sub }).where((a, op) => op.eq(a.status, String(req.query.s))).go();
  res.json(out.data.length);
});`,
  ],
  invalid: [
    injectionsAt(`${dyn}
app.get('/n', async (req, res) => {
  const notes = await Note.query('ownerId').eq(req.user!.sub).where(String(req.query.field)).eq('x').exec(); // ✗ attributeName
  res.json(notes.length);
});`),
    injectionsAt(`${appsync}
export function request(ctx: Context<{ expr: string }>) {
  const { sub } = ctx.identity as AppSyncIdentityCognito;
  return { operation: 'Query', query: { expression: 'ownerId = :o', expressionValues: util.dynamodb.toMapValues({ ':o': sub }) }, filter: { expression: ctx.args.expr } }; // ✗ expression
}
export function response(ctx: Context) { return ctx.result; }`),
  ],
});
t.run('no-raw-item-response (data mapper items)', auditMode(raw), {
  valid: [
    `${toolboxV0}
app.get('/n/:id', async (req, res) => {
  const out = await NoteV0.get({ ownerId: req.user!.sub, noteId: req.params.id }, { attributes: ['text'] });
  res.json(out.Item);
});`,
    `${oneTable}
app.get('/n/:id', async (req, res) => {
  const out = await NoteModel.get({ ownerId: req.user!.sub, noteId: req.params.id }, { fields: ['text'] });
  res.json(out);
});`,
    `${dyn}
app.get('/n/:id', async (req, res) => {
  const note = await Note.get({ ownerId: req.user!.sub, noteId: req.params.id });
  res.json({ text: note.text });
});`,
  ],
  invalid: [
    invalidAt(
      `${toolboxV2}
app.get('/n/:id', async (req, res) => {
  const out = await NoteEntity.build(GetItemCommand).key({ pk: req.user!.sub, sk: req.params.id }).send();
  res.json(out.Item); // ✗
});`,
      'rawItem',
    ),
    invalidAt(
      `${dyn}
app.get('/n/:id', async (req, res) => {
  const note = await Note.get({ ownerId: req.user!.sub, noteId: req.params.id });
  res.json(note.toJSON()); // ✗
});`,
      'rawItem',
    ),
    invalidAt(
      `${dyn}
app.get('/n', async (req, res) => {
  const notes = await Note.scan().exec();
  res.json(notes); // ✗
});`,
      'rawItem',
    ),
    invalidAt(
      `${toolboxV2}
app.get('/n', async (req, res) => {
  const out = await NoteEntity.build(QueryCommand).query({ partition: req.user!.sub }).send();
  res.json(out.Items); // ✗
});`,
      'rawItem',
    ),
  ],
});
