import rule from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader } from './express-cases.js';
import { injectionsAt } from './injection-cases.js';

/**
 * What removes content taint for injection (ARCHITECTURE.md): allow-list membership, constant lookups,
 * literal-union or enum types, and number/boolean types; a regex or a schema string check does not.
 * The guards and types are recognised by the shared sanitization core of the engine.
 */
const ruleTester = createRuleTesterWithTypes();
const header = `${expressHeader}import { z } from 'zod';
const SORTABLE = ['createdAt', 'title', 'color'];
const VIEWS = new Set(['summary', 'full']);
`;
const code = (body: string) => header + body;
const invalid = (body: string) => injectionsAt(code(body));

ruleTester.run('no-expression-injection (allow-lists)', rule, {
  valid: [
    // Array membership with an early exit.
    code(`
app.get('/notes/sorted', async (req, res) => {
  const sort = String(req.query.sort);
  if (!SORTABLE.includes(sort)) return res.sendStatus(400);
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', IndexName: \`by-\${sort}\`, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(out.Items);
});`),
    // Set membership, inside the guarded branch.
    code(`
app.get('/notes/view', async (req, res) => {
  const view = String(req.query.view);
  if (VIEWS.has(view)) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', ProjectionExpression: view, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
    return res.json(out.Items);
  }
  res.sendStatus(400);
});`),
    // Equality with literals, and a switch over literals.
    code(`
app.get('/notes/order', async (req, res) => {
  const order = req.query.order;
  if (order !== 'asc' && order !== 'desc') return res.sendStatus(400);
  const field = String(req.query.field);
  switch (field) {
    case 'title':
    case 'color':
      break;
    default:
      return res.sendStatus(400);
  }
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', IndexName: \`by-\${field}-\${order}\`, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(out.Items);
});`),
    // Number, boolean and literal-union types (declared, not asserted).
    code(`
enum Sort { Created = 'by-created', Title = 'by-title' }
async function listNotes(owner: string, limit: number, archived: boolean, sort: Sort, select: 'COUNT' | 'ALL_ATTRIBUTES') {
  return ddb.send(new QueryCommand({ TableName: 'Notes', IndexName: sort, Select: select, KeyConditionExpression: 'ownerId = :o', FilterExpression: \`size(tags) < \${limit} AND archived = \${archived}\`, ExpressionAttributeValues: { ':o': owner } }));
}
app.get('/notes/typed', async (req, res) => {
  const body: { limit: number; archived: boolean; sort: Sort; select: 'COUNT' | 'ALL_ATTRIBUTES' } = req.body;
  res.json(await listNotes(req.user!.sub, body.limit, body.archived, body.sort, body.select));
});`),
    // Equal to an enum member, read through the enum or an import alias of the member: one of the
    // values the code wrote (the request body is \`any\`, which the comparison does not narrow).
    code(`
enum Index { Created = 'by-created', Title = 'by-title' }
app.get('/notes/enum-member', async (req, res) => {
  const index = req.body.index;
  if (index !== Index.Title) return res.sendStatus(400);
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', IndexName: index, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(out.Items);
});`),
    code(`
namespace Indexes { export enum Index { Created = 'by-created', Title = 'by-title' } }
import ByCreation = Indexes.Index.Created;
app.get('/notes/enum-alias', async (req, res) => {
  const index = req.body.index;
  if (index !== ByCreation) return res.sendStatus(400);
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', IndexName: index, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(out.Items);
});`),
    // A schema enum is an allow-list.
    code(`
app.get('/notes/schema', async (req, res) => {
  const { index } = z.object({ index: z.enum(['by-created', 'by-title']) }).parse(req.query);
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', IndexName: index, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(out.Items);
});`),
  ],
  invalid: [
    // A schema string check, even anchored, still lets the client pick the attribute.
    invalid(`
app.get('/notes/field', async (req, res) => {
  const { field } = z.object({ field: z.string().regex(/^[a-z]+$/) }).parse(req.query);
  const out = await ddb.send(new QueryCommand({
    TableName: 'Notes',
    KeyConditionExpression: 'ownerId = :o',
    ProjectionExpression: field, // ✗ attributeName
    ExpressionAttributeValues: { ':o': req.user!.sub },
  }));
  res.json(out.Items);
});`),
    // Equal to a property of an object the request filled is no allow-list.
    invalid(`
app.get('/notes/same', async (req, res) => {
  const sort = String(req.query.sort);
  if (sort !== req.body.Title) return res.sendStatus(400);
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', IndexName: sort, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } })); // ✗ selector
  res.json(out.Items);
});`),
    // A membership test whose failure does not stop the request guards nothing.
    invalid(`
app.get('/notes/loose', async (req, res) => {
  const sort = String(req.query.sort);
  if (!SORTABLE.includes(sort)) console.warn('unknown sort', sort);
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', IndexName: sort, KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': req.user!.sub } })); // ✗ selector
  res.json(out.Items);
});`),
  ],
});
