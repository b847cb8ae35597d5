import path from 'node:path';
import rule from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { injectionsAt } from './injection-cases.js';

/**
 * Flows across functions and files: each case is a route module of the typed project in
 * `tests/fixtures/layered/`, whose query builders live in `repositories/search.ts`. Reports land
 * on the argument that carries the request value out of the route.
 */
const ruleTester = createRuleTesterWithTypes();
const filename = path.join(fixturesDir, 'layered/routes.ts');
const header = `import { Router } from 'express';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './db.js';
import {
  buildSearch, colorFilter, notesFrom, notesWhere, runQuery, searchNotes, searchNotesBound, sortedNotes, SearchRepository,
} from './repositories/search.js';
export const router = Router();
`;
const valid = (body: string) => ({ code: header + body, filename });
const invalid = (body: string) => ({ ...injectionsAt(header + body), filename });

ruleTester.run('no-expression-injection (flow)', rule, {
  valid: [
    // A repository that binds the term, and one that maps the sort through a constant lookup.
    valid(`
router.get('/notes/search', async (req, res) => {
  res.json([await searchNotesBound(req.user!.sub, String(req.query.q)), await sortedNotes(req.user!.sub, String(req.query.sort))]);
});`),
    // A builder called with constants, and a spliced value that is a number.
    valid(`
router.get('/notes/red', async (req, res) => {
  res.json(await runQuery(buildSearch(req.user!.sub, { color: 'red' })));
});
router.get('/notes/size', async (req, res) => {
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: colorFilter(String(Number(req.query.n))), ExpressionAttributeValues: { ':o': req.user!.sub } }));
  res.json(out.Items);
});`),
  ],
  invalid: [
    // A repository in another file splices its parameter: reported on the argument.
    invalid(`
router.get('/notes/find', async (req, res) => {
  res.json(await searchNotes(req.user!.sub, String(req.query.q))); // ✗ expression
});`),
    // A builder in another file returns the input; a runner in another file sends it.
    invalid(`
router.get('/notes/filter', async (req, res) => {
  res.json(await runQuery(buildSearch(req.user!.sub, req.query as Record<string, string>))); // ✗ expression
});`),
    // The client's whole input handed to a runner in another file, directly or through a local helper.
    invalid(`
async function passOn(input: any) {
  return runQuery(input.query);
}
router.post('/notes/query', async (req, res) => {
  res.json([await runQuery(req.body), await passOn(req.body)]); // ✗ selector ✗ selector
});`),
    // Table names, PartiQL fragments and projections handed to repositories.
    invalid(`
router.get('/t/:table', async (req, res) => {
  const rows = await notesFrom(req.params.table, req.user!.sub); // ✗ selector
  const more = await notesWhere(\`noteId = '\${req.query.id}'\`); // ✗ statement
  const some = await new SearchRepository().project(req.user!.sub, String(req.query.fields).split(',')); // ✗ attributeName
  res.json([rows, more, some]);
});`),
    // A helper that returns the spliced string, used in a literal written in the route: reported in the literal.
    invalid(`
router.get('/notes/color', async (req, res) => {
  const out = await ddb.send(new QueryCommand({
    TableName: 'Notes',
    KeyConditionExpression: 'ownerId = :o',
    FilterExpression: colorFilter(String(req.query.color)), // ✗ expression
    ExpressionAttributeValues: { ':o': req.user!.sub },
  }));
  res.json(out.Items);
});`),
    // Local helpers and closures in the same file. The reading function includes its closures, so
    // both land in the input literal: the filter on the spread that carries it, the projection on its value.
    invalid(`
function byStatus(status: string) {
  return { TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: 'status = ' + status };
}
router.get('/notes/status', async (req, res) => {
  const params = { ...byStatus(String(req.query.status)), ExpressionAttributeValues: { ':o': req.user!.sub } };
  const send = (fields: string) => ddb.send(new QueryCommand({ ...params, ProjectionExpression: fields })); // ✗ expression ✗ attributeName
  res.json((await send(String(req.query.fields))).Items);
});`),
  ],
});
