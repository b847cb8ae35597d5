import raw from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { bundler, docClient } from './framework-headers.js';

/**
 * Issue 16, SPEC §5 decisions: what an Elysia or h3 (Nuxt) handler returns is the response, in
 * every handler form (expression or block body, no parameter, wrapped in an object, grouped or
 * chained routes); a field of the item, or an object of named fields, is not the item.
 */
const ruleTester = createRuleTesterWithTypes();
const rawAt = (code: string) => ({ ...invalidAt(code, 'rawItem' as const), filename: bundler });
const good = (code: string) => ({ code, filename: bundler });
const elysia = `import { Elysia } from 'elysia';
${docClient}`;
const h3 = `import { defineEventHandler, eventHandler, getRouterParam } from 'h3';
${docClient}`;
const scan = `await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'k = :k', ExpressionAttributeValues: { ':k': 'all' } }))`;

ruleTester.run('no-raw-item-response (Elysia and h3 returns)', auditMode(raw), {
  valid: [
    good(`${elysia}
new Elysia().get('/notes/:id', async ({ params }) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }));
  return { title: out.Item?.title as string };
});`),
    good(`${elysia}
new Elysia().get('/notes', async () => (${scan}).Items?.map((note) => ({ id: note.noteId as string })));`),
    good(`${h3}
export default defineEventHandler(async (event) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: getRouterParam(event, 'id') } }));
  return { title: out.Item?.title as string };
});`),
    good(`${h3}
export default eventHandler(async () => {
  const out = ${scan};
  return { count: out.Items?.length ?? 0 };
});`),
  ],
  invalid: [
    // Elysia: block body, no parameter, wrapped in an object, a group, a chain after `use`.
    rawAt(`${elysia}
new Elysia().get('/notes/:id', async ({ params, set }) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }));
  if (!out.Item) {
    set.status = 404;
    return { message: 'not found' };
  }
  return out.Item; // ✗
});`),
    rawAt(`${elysia}
new Elysia().get('/notes', async () => (${scan}).Items); // ✗`),
    rawAt(`${elysia}
new Elysia().get('/notes', async () => {
  const out = ${scan};
  return { items: out.Items }; // ✗
});`),
    rawAt(`${elysia}
const plugin = new Elysia();
export const app = new Elysia().use(plugin).group('/api', (api) =>
  api.get('/notes/:id', async ({ params }) => (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }))).Item), // ✗
);`),
    // h3: no parameter, eventHandler, wrapped in an object.
    rawAt(`${h3}
export default defineEventHandler(async () => {
  const out = ${scan};
  return out.Items; // ✗
});`),
    rawAt(`${h3}
export default eventHandler(async (event) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: getRouterParam(event, 'id') } }));
  return { note: out.Item }; // ✗
});`),
  ],
});
