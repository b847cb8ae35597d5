import rule from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

const ruleTester = createRuleTesterWithTypes();
/** The validator libraries and the app's own checks, declared once for every case. */
const validation = `import { z } from 'zod';
import Joi from 'joi';
import * as yup from 'yup';
import * as v from 'valibot';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { validate as uuidValidate } from 'uuid';
import validator from 'validator';
import { ListQuery, NoteParams } from './schemas.js';
import { IsUUID, validateOrReject } from 'class-validator';
import { plainToInstance } from 'class-transformer';
const ajv = new Ajv();
const StatusQuery = Type.Object({ status: Type.Union([Type.Literal('open'), Type.Literal('closed')]) });
const STATUSES: readonly string[] = ['open', 'closed'];
const STATUS_SET = new Set(['open', 'closed']);
const STATUS_LABELS = { open: 'OPEN', closed: 'CLOSED' };
const STATUS_PATTERN = /^(?:open|closed)$/;
type Status = 'open' | 'closed';
type NoteId = string & { readonly __brand: 'NoteId' };
function isNoteId(value: string): value is NoteId { return /^[0-9a-f-]{36}$/.test(value); }
function assertNoteId(value: string): asserts value is NoteId { if (!isNoteId(value)) throw new Error('bad id'); }
function isText(value: unknown): value is string { return typeof value === 'string'; }
function toStatus(value: string): Status { return value === 'closed' ? 'closed' : 'open'; }
declare function isKnownNote(value: string): boolean;
declare const validateQuery: ValidateFunction<{ status: Status }>;
`;
const code = (body: string) => expressHeader + validation + body;
/** Each line marked `// ✗` must get exactly one report. */
const invalid = (body: string) => invalidAt(code(body), 'unvalidatedInput' as const);

/** A caller-scoped GSI query whose `:status` is `value` (written after `setup`). */
const statusQuery = (setup: string, value: string) =>
  code(`
app.get('/orders', async (req, res) => {
${setup}
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    IndexName: 'user-status-index',
    KeyConditionExpression: 'userId = :uid AND #status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':status': ${value} },
  }));
  res.json(out.Items?.map((item) => ({ id: item.id })));
});`);

ruleTester.run('no-unvalidated-input', rule, {
  valid: [
    // The canonical IDOR lookup is also unvalidated, but no-unscoped-key reports it: one finding per flaw (SPEC §2).
    code(`
app.get('/users/:userId', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.params.userId } }));
  res.json({ name: out.Item?.name, email: out.Item?.email });
});`),
    // Principal-derived keys carry no request text.
    code(`
app.get('/users/me', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.user!.sub } }));
  res.json({ name: out.Item?.name });
});`),
    // A value proven equal to the principal is validated too.
    code(`
app.get('/users/:userId', async (req, res) => {
  if (req.params.userId !== req.user!.sub) return res.sendStatus(403);
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: req.params.userId } }));
  res.json({ name: out.Item?.name });
});`),
    // Data written by an update is not a selecting value.
    code(`
app.patch('/me', async (req, res) => {
  await ddb.send(new UpdateCommand({
    TableName: 'Users',
    Key: { userId: req.user!.sub },
    UpdateExpression: 'SET displayName = :name',
    ExpressionAttributeValues: { ':name': req.body.displayName },
  }));
  res.sendStatus(204);
});`),
    // zod: parse, and a schema imported from another file.
    statusQuery(`  const { status } = z.object({ status: z.string().regex(/^[a-z]+$/) }).parse(req.query);`, 'status'),
    statusQuery(`  const query = ListQuery.parse(req.query);`, 'query.status'),
    statusQuery(`  const query = await ListQuery.parseAsync(req.query);`, 'query.status'),
    // zod safeParse with its success check (the data of a failed parse is undefined).
    statusQuery(
      `  const parsed = ListQuery.safeParse(req.query);
  if (!parsed.success) return res.status(400).json(parsed.error.issues);`,
      'parsed.data.status',
    ),
    // joi: validate with the error check, validateAsync, attempt.
    statusQuery(
      `  const { value, error } = Joi.object({ status: Joi.string().valid('open', 'closed') }).validate(req.query);
  if (error) return res.sendStatus(400);`,
      'value.status',
    ),
    statusQuery(`  const q = await Joi.object({ status: Joi.string() }).validateAsync(req.query);`, 'q.status'),
    statusQuery(`  const status = Joi.attempt(req.query.status, Joi.string().valid('open'));`, 'status'),
    // yup: validate, validateSync, cast.
    statusQuery(
      `  const q = await yup.object({ status: yup.string().oneOf(['open']) }).validate(req.query);`,
      'q.status',
    ),
    statusQuery(`  const q = yup.object({ status: yup.string() }).validateSync(req.query);`, 'q.status'),
    // valibot: parse and safeParse.
    statusQuery(`  const q = v.parse(v.object({ status: v.picklist(['open', 'closed']) }), req.query);`, 'q.status'),
    statusQuery(
      `  const result = v.safeParse(v.object({ status: v.string() }), req.query);
  if (!result.success) return res.sendStatus(400);`,
      'result.output.status',
    ),
    // ajv: a compiled validator is a type guard.
    statusQuery(
      `  const validate = ajv.compile<{ status: string }>({ type: 'object', properties: { status: { type: 'string', enum: ['open'] } }, required: ['status'] });
  const query: unknown = req.query;
  if (!validate(query)) return res.sendStatus(400);`,
      'query.status',
    ),
    statusQuery(
      `  const query: unknown = req.query;
  if (!validateQuery(query)) return res.sendStatus(400);`,
      'query.status',
    ),
    // TypeBox: Value.Check and a compiled checker.
    statusQuery(
      `  const query: unknown = req.query;
  if (!Value.Check(StatusQuery, query)) return res.sendStatus(400);`,
      'query.status',
    ),
    statusQuery(
      `  const query: unknown = req.query;
  if (!TypeCompiler.Compile(StatusQuery).Check(query)) return res.sendStatus(400);`,
      'query.status',
    ),
    // Anchored patterns: test, exec, match, a RegExp constant, inside the guarded branch.
    statusQuery(
      `  const status = String(req.query.status);
  if (!/^[a-z]{1,16}$/.test(status)) return res.sendStatus(400);`,
      'status',
    ),
    statusQuery(
      `  const status = String(req.query.status);
  if (STATUS_PATTERN.exec(status) === null) return res.sendStatus(400);`,
      'status',
    ),
    statusQuery(
      `  const status = String(req.query.status);
  if (!status.match(new RegExp('^(?:open|closed)$'))) return res.sendStatus(400);`,
      'status',
    ),
    code(`
app.get('/notes/:noteId', async (req, res) => {
  if (/^[0-9a-f-]{36}$/.test(req.params.noteId)) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } }));
    res.json({ title: out.Item?.title });
  }
});`),
    // uuid and validator.js format checks.
    code(`
app.get('/notes/:noteId', async (req, res) => {
  if (!uuidValidate(req.params.noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } }));
  res.json({ title: out.Item?.title });
});`),
    code(`
app.get('/notes/:noteId', async (req, res) => {
  const { noteId } = req.params;
  if (!validator.isUUID(noteId)) throw new Error('bad id');
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: noteId } }));
  res.json({ title: out.Item?.title });
});`),
    // Allow-lists: includes, Set#has, Object.hasOwn, equality chains, switch with an exiting default.
    statusQuery(
      `  const status = String(req.query.status);
  if (!STATUSES.includes(status)) return res.sendStatus(400);`,
      'status',
    ),
    statusQuery(
      `  const status = String(req.query.status);
  if (!STATUS_SET.has(status)) return res.sendStatus(400);`,
      'status',
    ),
    statusQuery(
      `  const status = String(req.query.status);
  if (!Object.hasOwn(STATUS_LABELS, status)) return res.sendStatus(400);`,
      'status',
    ),
    statusQuery(
      `  const status = String(req.query.status);
  if (status !== 'open' && status !== 'closed') return res.sendStatus(400);`,
      'status',
    ),
    statusQuery(
      `  const status = String(req.query.status);
  if (!(status === 'open' || status === 'closed')) return res.sendStatus(400);`,
      'status',
    ),
    statusQuery(
      `  const status = String(req.query.status);
  switch (status) {
    case 'open':
    case 'closed':
      break;
    default:
      return res.sendStatus(400);
  }`,
      'status',
    ),
    // A constant lookup picks a constant.
    statusQuery(`  const status = STATUS_LABELS[String(req.query.status) as keyof typeof STATUS_LABELS];`, 'status'),
    // Types: a number, a boolean, a literal union narrowed by a check, an enum, a branded id.
    code(`
app.get('/orders/:n', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Orders', Key: { pk: req.user!.sub, sk: Number(req.params.n) } }));
  res.json({ total: out.Item?.total });
});`),
    code(`
app.get('/notes/:noteId', async (req, res) => {
  const noteId = req.params.noteId;
  if (!isNoteId(noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: noteId } }));
  res.json({ title: out.Item?.title });
});`),
    code(`
app.get('/notes/:noteId', async (req, res) => {
  const noteId = req.params.noteId;
  assertNoteId(noteId);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: noteId } }));
  res.json({ title: out.Item?.title });
});`),
    statusQuery(`  const status = toStatus(String(req.query.status));`, 'status'),
    // A configured validator.
    {
      code: code(`
app.get('/notes/:noteId', async (req, res) => {
  const noteId = req.params.noteId;
  if (!isKnownNote(noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: noteId } }));
  res.json({ title: out.Item?.title });
});`),
      options: [{ validators: ['isKnownNote'] }],
    },
    // A boolean helper whose result is an anchored test of its argument.
    code(`
const NOTE_ID = /^[0-9a-f-]{36}$/;
const isValidNoteId = (value: string) => NOTE_ID.test(value);
app.get('/notes/:noteId', async (req, res) => {
  if (!isValidNoteId(req.params.noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } }));
  res.json({ title: out.Item?.title });
});`),
    // class-validator outside NestJS.
    code(`
class NoteRef { @IsUUID() noteId!: string; }
app.get('/notes/:noteId', async (req, res) => {
  const ref = plainToInstance(NoteRef, req.params);
  await validateOrReject(ref);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: ref.noteId } }));
  res.json({ title: out.Item?.title });
});`),
    // A check kept in a constant.
    code(`
app.get('/notes/:noteId', async (req, res) => {
  const { noteId } = req.params;
  const wellFormed = /^[0-9a-f-]{36}$/.test(noteId);
  if (!wellFormed) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: noteId } }));
  res.json({ title: out.Item?.title });
});`),
    // A helper that throws unless the pattern matches, and route middleware that ends the request.
    code(`
function requireNoteId(value: string): void {
  if (!/^[0-9a-f-]{36}$/.test(value)) throw new Error('bad id');
}
app.get('/notes/:noteId', async (req, res) => {
  requireNoteId(req.params.noteId);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } }));
  res.json({ title: out.Item?.title });
});`),
    code(`
function checkNoteId(req: Request, res: Response, next: () => void) {
  if (!/^[0-9a-f-]{36}$/.test(req.params.noteId)) return res.sendStatus(400);
  next();
}
app.get('/notes/:noteId', checkNoteId, async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } }));
  res.json({ title: out.Item?.title });
});`),
    // Validated in the route, used in a repository in the same file.
    code(`
async function findNote(owner: string, noteId: string) {
  return ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: owner, sk: noteId } }));
}
app.get('/notes/:noteId', async (req, res) => {
  const { noteId } = NoteParams.parse(req.params);
  const out = await findNote(req.user!.sub, noteId);
  res.json({ title: out.Item?.title });
});`),
  ],
  invalid: [
    // Scoped partition, but the client shapes the sort key.
    invalid(`
app.get('/items', async (req, res) => {
  const out = await ddb.send(new GetCommand({
    TableName: 'App',
    Key: { pk: req.user!.sub, sk: \`\${req.user!.sub}#\${req.query.status}\` }, // ✗
  }));
  res.json({ id: out.Item?.id });
});`),
    // The seed-analog GSI query: the client picks any status.
    invalid(`
app.get('/orders', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    IndexName: 'user-status-index',
    KeyConditionExpression: 'userId = :uid AND #status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':status': req.query.status }, // ✗
  }));
  res.json(out.Items?.map((item) => ({ id: item.id })));
});`),
    // Filter and condition values select items too.
    invalid(`
app.get('/orders', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    KeyConditionExpression: 'userId = :uid',
    FilterExpression: 'category = :category',
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':category': req.query.category }, // ✗
  }));
  res.json(out.Items?.map((item) => ({ id: item.id })));
});`),
    invalid(`
app.delete('/orders', async (req, res) => {
  await ddb.send(new DeleteCommand({
    TableName: 'Orders',
    Key: { userId: req.user!.sub, orderId: 'latest' },
    ConditionExpression: '#state = :state',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':state': req.body.state }, // ✗
  }));
  res.sendStatus(204);
});`),
    // Unanchored and partly anchored patterns are not validators.
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  if (!/[0-9a-f-]{36}/.test(req.params.noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  if (!/^open|closed$/.test(req.params.noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  if (!/^.*$/.test(req.params.noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  if (!/^[a-z]+$/m.test(req.params.noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    // Validating one value and using another.
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  if (!uuidValidate(req.params.noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: String(req.query.noteId) } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    // A parse whose result is thrown away validates nothing.
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  NoteParams.parse(req.params);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    // A check that does not exit protects nothing after it.
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  if (!uuidValidate(req.params.noteId)) console.warn('odd id');
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    // A type assertion is not validation.
    invalid(`
app.get('/orders', async (req, res) => {
  const status = req.query.status as Status;
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    KeyConditionExpression: 'userId = :uid AND #status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':status': status }, // ✗
  }));
  res.json(out.Items?.map((item) => ({ id: item.id })));
});`),
    // A string-typed predicate (lodash-style `isString`) checks the type, not the text.
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  const noteId: unknown = req.params.noteId;
  if (!isText(noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    // An allow-list that is a string is a substring test.
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  if (!'open closed'.includes(req.params.noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    // Across a function: reported on the argument that carries the value on.
    invalid(`
async function findNote(owner: string, noteId: string) {
  return ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: owner, sk: noteId } }));
}
app.get('/notes/:noteId', async (req, res) => {
  const out = await findNote(req.user!.sub, req.params.noteId); // ✗
  res.json({ title: out.Item?.title });
});`),
    // Without the option, a function the plugin cannot see into validates nothing.
    invalid(`
app.get('/notes/:noteId', async (req, res) => {
  const noteId = req.params.noteId;
  if (!isKnownNote(noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    // Middleware that checks another parameter.
    invalid(`
function checkNoteId(req: Request, res: Response, next: () => void) {
  if (!/^[0-9a-f-]{36}$/.test(req.params.noteId)) return res.sendStatus(400);
  next();
}
app.get('/notes/:noteId/:tag', checkNoteId, async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.tag } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    // joi hands back the input when validation fails: without the error check it proves nothing.
    invalid(`
app.get('/orders', async (req, res) => {
  const { value } = Joi.object({ status: Joi.string().valid('open') }).validate(req.query);
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    KeyConditionExpression: 'userId = :uid AND #status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':status': value.status }, // ✗
  }));
  res.json(out.Items?.length);
});`),
    // A DTO instance nobody validated, and a boolean helper that does not constrain the text.
    invalid(`
class NoteRef { @IsUUID() noteId!: string; }
app.get('/notes/:noteId', async (req, res) => {
  const ref = plainToInstance(NoteRef, req.params);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: ref.noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    invalid(`
const isPresent = (value: string) => value.length > 0;
app.get('/notes/:noteId', async (req, res) => {
  if (!isPresent(req.params.noteId)) return res.sendStatus(400);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { pk: req.user!.sub, sk: req.params.noteId } })); // ✗
  res.json({ title: out.Item?.title });
});`),
    // A check undone by a later assignment.
    invalid(`
app.get('/orders', async (req, res) => {
  let status = String(req.query.status);
  if (!STATUSES.includes(status)) return res.sendStatus(400);
  if (typeof req.query.legacy === 'string') status = req.query.legacy;
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    KeyConditionExpression: 'userId = :uid AND #status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':status': status }, // ✗
  }));
  res.json(out.Items?.length);
});`),
    // Fields a passthrough schema does not declare come back as the client sent them.
    invalid(`
app.get('/orders', async (req, res) => {
  const query = ListQuery.passthrough().parse(req.query);
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    KeyConditionExpression: 'userId = :uid AND #status = :status',
    FilterExpression: 'folder = :folder',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':status': query.status, ':folder': query.folder }, // ✗
  }));
  res.json(out.Items?.length);
});`),
    // Put key attributes.
    invalid(`
app.post('/notes', async (req, res) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { pk: req.user!.sub, sk: req.body.slug, text: req.body.text } })); // ✗
  res.sendStatus(201);
});`),
  ],
});
