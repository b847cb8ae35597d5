import raw from '../../rules/no-raw-item-response.js';
import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { bundler, docClient, js } from './framework-headers.js';

/**
 * Session functions beyond the two modelled spellings (Auth.js v5 `auth` bound in the app,
 * next-auth v4 `unstable_getServerSession` and `getSession({ req })`, Clerk), and tRPC v10+
 * resolvers that destructure their options where the library's types are missing or older.
 * Audit mode: the pattern (a principal-derived key is scoped, a client key is not).
 */
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string, filename = bundler) => ({ ...invalidAt(code, 'unscopedKey' as const), filename });
const good = (code: string, filename = bundler) => ({ code, filename });

const pagesRoute = `import type { NextApiRequest, NextApiResponse } from 'next';
${docClient}`;
// tRPC v10+ written against missing types (`initTRPC` unresolved): the builder is untyped.
const untypedTrpc = `import { z } from 'zod';
${docClient}declare const t: any;
declare const protectedProcedure: any;
`;

ruleTester.run('no-unscoped-key (session functions)', auditMode(unscoped), {
  valid: [
    // Auth.js v5: `auth` destructured from NextAuth(…) in the app.
    good(`'use server';
import NextAuth from 'next-auth';
${docClient}
export const { auth } = NextAuth({ providers: [] });
export async function getNote(noteId: string) {
  const session = await auth();
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: session!.user!.id, noteId } }));
  return out.Item;
}`),
    // next-auth v4: unstable_getServerSession.
    good(`import { unstable_getServerSession } from 'next-auth/next';
${pagesRoute}
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await unstable_getServerSession(req, res, { providers: [] });
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { owner: session!.user!.email, noteId: req.query.id as string } }));
  res.json(out.Item);
}`),
    // next-auth v4: getSession({ req }) from next-auth/react in a pages API route (plain JavaScript).
    good(
      `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const { getSession } = require('next-auth/react');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export default async function handler(req, res) {
  const session = await getSession({ req });
  const out = await ddb.send(new GetCommand({ TableName: 'Dashboards', Key: { pk: \`USER#\${session.user.id}\`, sk: req.query.sk } }));
  res.json(out.Item);
}`,
      js,
    ),
    // Clerk (types not installed): getAuth(req).userId.
    good(`import { getAuth } from '@clerk/nextjs/server';
${pagesRoute}
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { userId } = getAuth(req);
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { userId: userId!, noteId: req.query.id as string } }));
  res.json(out.Item);
}`),
    // tRPC v10+ without types: the context's caller.
    good(`${untypedTrpc}
export const router = t.router({
  mine: protectedProcedure.input(z.object({ id: z.string() })).query(async ({ input, ctx }) => {
    const out = await ddb.send(new GetCommand({ TableName: 'Quests', Key: { creatorId: ctx.auth.userId, questId: input.id } }));
    return out.Item;
  }),
});`),
    // Look-alikes: a `.query` callback that destructures no resolver option, and a declared parameter type.
    good(`${docClient}
declare const cache: any;
export const load = cache.query(async ({ id }: any) => (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id } }))).Item);
export const typed = cache.query(async ({ input }: { input: { id: string } }) =>
  (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: input.id } }))).Item);`),
  ],
  invalid: [
    // The same session functions do not scope a key the client picks.
    bad(`'use server';
import NextAuth from 'next-auth';
${docClient}
export const { auth } = NextAuth({ providers: [] });
export async function removeNote(ownerId: string, noteId: string) {
  const session = await auth();
  if (!session) throw new Error('unauthorized');
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { ownerId, noteId } })); // ✗ ✗
}`),
    bad(`import { getAuth } from '@clerk/nextjs/server';
${pagesRoute}
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { userId } = getAuth(req);
  if (!userId) return res.status(401).end();
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { userId: req.query.user as string } })); // ✗
  res.json(out.Item);
}`),
    // tRPC v10+ without types: the destructured input is request data.
    bad(`${untypedTrpc}
export const router = t.router({
  userById: t.procedure.input(z.object({ id: z.string() })).query(async ({ input }) => {
    const out = await ddb.send(new GetCommand({ TableName: 'Main', Key: { PK: \`USER#\${input.id}\` } })); // ✗
    return out.Item;
  }),
  reject: protectedProcedure.input(z.object({ questId: z.string() })).mutation(async ({ input: { questId }, ctx }) => {
    await ddb.send(new DeleteCommand({ TableName: 'Main', Key: { PK: \`QUEST#\${questId}\` } })); // ✗
    return ctx.auth.userId;
  }),
});`),
  ],
});

ruleTester.run('no-raw-item-response (untyped tRPC resolvers)', auditMode(raw), {
  valid: [],
  invalid: [
    {
      ...invalidAt(
        `${untypedTrpc}
export const router = t.router({
  userById: t.procedure.input(z.object({ id: z.string() })).query(async ({ input }) => {
    const out = await ddb.send(new GetCommand({ TableName: 'Main', Key: { PK: \`USER#\${input.id}\` } }));
    return out.Item; // ✗
  }),
});`,
        'rawItem' as const,
      ),
      filename: bundler,
    },
  ],
});
