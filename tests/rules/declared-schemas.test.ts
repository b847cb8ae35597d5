import unvalidated from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';
import { bundler, docClient, trpc } from './framework-headers.js';

/**
 * What a declared schema proves about each field (SPEC §4, "string-only schemas do not validate"):
 * a format, an anchored pattern or a closed type validates; `z.string()`, with or without a length
 * or a trim, does not. The same reading serves a parse, a tRPC procedure's `.input(schema)` and
 * h3's validated readers. Every query is scoped to the caller; only the sort key is the client's.
 */
const ruleTester = createRuleTesterWithTypes();
const express = (setup: string, value: string) => `${expressHeader}import { z } from 'zod';
app.get('/orders', async (req, res) => {
${setup}
  const out = await ddb.send(new QueryCommand({
    TableName: 'Orders',
    KeyConditionExpression: 'userId = :uid AND orderId = :id',
    ExpressionAttributeValues: { ':uid': req.user!.sub, ':id': ${value} }, // ✗
  }));
  res.json(out.Items?.map((item) => ({ id: item.id })));
});`;
const procedure = (declaration: string, value = 'input.id', setup = '') => `${trpc}${setup}
export const router = t.router({
  orders: ${declaration}.query(async ({ input, ctx }) => {
    const out = await ddb.send(new QueryCommand({ TableName: 'Orders', KeyConditionExpression: 'userId = :uid AND orderId = :id', ExpressionAttributeValues: { ':uid': ctx.user!.sub, ':id': ${value} } })); // ✗
    return out.Items?.map((item) => ({ id: item.id as string }));
  }),
});`;
const h3 = (read: string) => `import { defineEventHandler, readValidatedBody, getValidatedQuery } from 'h3';
import { z } from 'zod';
${docClient}
const Body = z.object({ id: z.string().uuid(), note: z.string().min(1) });
export default defineEventHandler(async (event) => {
  const user = event.context.user as { id: string };
  ${read}
  const out = await ddb.send(new QueryCommand({ TableName: 'Orders', KeyConditionExpression: 'userId = :uid AND orderId = :id', ExpressionAttributeValues: { ':uid': user.id, ':id': value } })); // ✗
  return out.Items?.map((item) => ({ id: item.id as string }));
});`;
const elysia = (options: string) => `import { Elysia, t } from 'elysia';
${docClient}declare function caller(authorization: string | undefined): { sub: string };
new Elysia()
  .derive(({ headers }) => ({ user: caller(headers.authorization) }))
  .get(
    '/orders/:id',
    async ({ params, user }) => {
      const out = await ddb.send(new QueryCommand({ TableName: 'Orders', KeyConditionExpression: 'userId = :uid AND orderId = :id', ExpressionAttributeValues: { ':uid': user.sub, ':id': params.id } })); // ✗
      return out.Items?.map((item) => ({ id: item.id as string }));
    },
    ${options},
  );`;
const bad = (code: string, filename?: string) => ({
  ...invalidAt(code, 'unvalidatedInput' as const),
  ...(filename ? { filename } : {}),
});
const good = (code: string, filename?: string) => ({
  code: code.replace(' // ✗', ''),
  ...(filename ? { filename } : {}),
});

ruleTester.run('no-unvalidated-input (declared schemas)', unvalidated, {
  valid: [
    good(express(`  const { id } = z.object({ id: z.string().uuid() }).parse(req.query);`, 'id')),
    good(express(`  const id = z.string().trim().regex(/^[a-z0-9]{8}$/).parse(req.query.id);`, 'id')),
    good(express(`  const { id } = z.object({ id: z.enum(['a', 'b']) }).strict().parse(req.query);`, 'id')),
    good(
      express(
        `  const q = z.object({ id: z.coerce.number().int() }).safeParse(req.query);\n  if (!q.success) return res.sendStatus(400);`,
        'q.data.id',
      ),
    ),
    // Fields added by `.extend` are read from the extension.
    good(
      express(
        `  const Base = z.object({ note: z.string() });\n  const { id } = Base.extend({ id: z.string().uuid() }).parse(req.query);`,
        'id',
      ),
    ),
    // A custom refinement is a check the engine cannot read: trusted, like any validator.
    good(
      express(
        `  const { id } = z.object({ id: z.string().refine((s) => s.startsWith('o_')) }).parse(req.query);`,
        'id',
      ),
    ),
    good(procedure('t.procedure.input(z.object({ id: z.string().uuid() }))'), bundler),
    // A reusable base procedure declares the input.
    good(
      procedure('withId', 'input.id', 'const withId = t.procedure.input(z.object({ id: z.string().ulid() }));'),
      bundler,
    ),
    good(
      express(`  const { id } = z.object({ id: z.union([z.literal('a'), z.literal('b')]) }).parse(req.query);`, 'id'),
    ),
    good(elysia(`{ params: t.Object({ id: t.String({ format: 'uuid' }) }) }`), bundler),
    good(elysia(`{ params: t.Object({ id: t.Optional(t.String({ pattern: '^[0-9a-f]{32}$' })) }) }`), bundler),
    good(elysia(`{ params: t.Object({ id: t.Union([t.Literal('a'), t.Literal('b')]) }) }`), bundler),
    good(h3(`const { id: value } = await readValidatedBody(event, Body.parse);`), bundler),
    good(h3(`const { id: value } = await readValidatedBody(event, (body) => Body.parse(body));`), bundler),
  ],
  invalid: [
    bad(express(`  const { id } = z.object({ id: z.string() }).parse(req.query);`, 'id')),
    bad(express(`  const id = z.string().min(1).max(64).trim().parse(req.query.id);`, 'id')),
    bad(
      express(
        `  const Query = z.object({ id: z.string().optional() });\n  const { id } = Query.parse(req.query);`,
        'id',
      ),
    ),
    // An unanchored pattern constrains nothing.
    bad(express(`  const { id } = z.object({ id: z.string().regex(/[a-z]/) }).parse(req.query);`, 'id')),
    bad(express(`  const { id } = z.object({ id: z.union([z.literal('a'), z.string()]) }).parse(req.query);`, 'id')),
    bad(elysia(`{ params: t.Object({ id: t.String({ maxLength: 64 }) }) }`), bundler),
    bad(elysia(`{ params: t.Object({ id: t.String({ pattern: '[0-9]' }) }) }`), bundler),
    bad(procedure('t.procedure.input(z.object({ id: z.string() }))'), bundler),
    bad(procedure('t.procedure.input(z.object({ id: z.string().uuid(), note: z.string() }))', 'input.note'), bundler),
    bad(h3(`const { note: value } = await readValidatedBody(event, Body.parse);`), bundler),
    bad(
      h3(
        `const { id: value } = getValidatedQuery(event, z.object({ id: z.string().max(40) }).parse) as unknown as { id: string };`,
      ),
      bundler,
    ),
  ],
});
