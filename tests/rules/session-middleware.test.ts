import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Session middleware (fresh-r A): a middleware reads the account the request names and goes on
 * only if the bearer token matches a session stored in that account's item; the client has then
 * proved it holds the account's secret, so the name is the caller's identity in every procedure or
 * route the middleware runs before (`strict` too: it is a guard, not evidence). A procedure without
 * the middleware, a check of an attribute that is no secret, a check against a value the client did
 * not send, a check that does not stop the request, and a key the middleware did not check stay reported.
 */
const ruleTester = createRuleTesterWithTypes();
const options = [{ evidence: 'none' }] as const;

const trpc = (
  middleware: string,
  resolverKey = 'input.account',
  build = 'protectedProcedure',
) => `import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { timingSafeEqual } from 'crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const t = initTRPC.context<{ authToken: string; region: string }>().create();
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
function almostEqual(attempt: string, real: string) {
  if (attempt.length !== real.length) {
    return false;
  }
  return timingSafeEqual(Buffer.from(attempt), Buffer.from(real));
}
const AccountInput = z.object({ account: z.string(), other: z.string() });
const protectedProcedure = t.procedure.input(AccountInput).use(async ({ ctx, input, next }) => {
  const { Item } = await doc.send(new GetCommand({ TableName: 'Accounts', Key: { account: input.account } }));
${middleware}
  return next({ ctx: { ...ctx, account: input.account } });
});
export const router = t.router({
  update: ${build}.input(z.object({ metadata: z.string() })).mutation(async ({ input }) => {
    await doc.send(new UpdateCommand({ TableName: 'Accounts', Key: { account: ${resolverKey} }, UpdateExpression: 'SET metadata = :m', ExpressionAttributeValues: { ':m': input.metadata } })); // ✗
    return { success: true };
  }),
});`;

const sessions = `  const sessions = (Item?.sessions ?? []) as { token: string; expiry: number }[];`;
const unauthorized = `throw new TRPCError({ code: 'UNAUTHORIZED' });`;

const express = (check: string) => `${expressHeader}
const app = express();
async function requireSession(req: Request, res: Response, next: () => void) {
  // The authentication's own read: a login step for \`recommended\`, reported by \`strict\`.
  const { Item } = await ddb.send(new GetCommand({ TableName: 'Accounts', Key: { account: req.params.account } })); // ✗
  ${check}
  next();
}
app.get('/accounts/:account', requireSession, async (req: Request, res: Response) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Accounts', Key: { account: req.params.account } })); // ✗
  res.json({ metadata: out.Item?.metadata });
});`;

/**
 * flock's form: the middleware asks a driver whether the session is valid; the driver's
 * `checkSession` answers `{ success: true }` only once `getAccount` returned, which it does only past
 * the token check (the stored sessions rebuilt through a `Map` on the way).
 */
const driver = (
  getAccountCheck: string,
  middlewareCheck = 'if (!validSession.success)',
) => `import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { timingSafeEqual } from 'crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
function almostEqual(attempt: string, real: string) {
  if (attempt.length !== real.length) return false;
  return timingSafeEqual(Buffer.from(attempt), Buffer.from(real));
}
function activeRecords(value: unknown): { token: string; expiry: number }[] {
  const byToken = new Map<string, { token: string; expiry: number }>();
  for (const entry of Array.isArray(value) ? value : []) byToken.set(entry.token, { token: entry.token, expiry: entry.expiry });
  return Array.from(byToken.values()).filter((record) => record.expiry > Date.now());
}
class Driver {
  client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  async getAccount({ account, session }: { account: string; session: string }) {
    const response = await this.client.send(new GetCommand({ TableName: 'Accounts', Key: { account } }));
    if (response?.Item) {
      const sessions = activeRecords(response.Item.sessions);
      if (${getAccountCheck}) {
        return { ...response.Item, session };
      }
      throw new Error('Invalid session token');
    }
    throw new Error(\`Could not find account \${account}\`);
  }
  async checkSession({ account, session }: { account: string; session: string }): Promise<{ success: boolean }> {
    try {
      const result = await this.getAccount({ account, session });
      if (result) return { success: true };
      return { success: false };
    } catch {
      return { success: false };
    }
  }
  async updateMetadata({ account, metadata }: { account: string; metadata: string }) {
    await this.client.send(new UpdateCommand({ TableName: 'Accounts', Key: { account }, UpdateExpression: 'SET metadata = :m', ExpressionAttributeValues: { ':m': metadata } }));
  }
}
const t = initTRPC.context<{ authToken: string; vault: Driver }>().create();
const protectedProcedure = t.procedure.input(z.object({ account: z.string() })).use(async ({ ctx, input, next }) => {
  const { account } = input;
  const validSession = await ctx.vault.checkSession({ account, session: ctx.authToken });
  ${middlewareCheck} {
    throw new TRPCError({ code: 'UNAUTHORIZED' });
  }
  return next({ ctx: { ...ctx, account } });
});
export const router = t.router({
  update: protectedProcedure.input(z.object({ metadata: z.string() })).mutation(async ({ input, ctx }) => {
    await ctx.vault.updateMetadata({ account: input.account, metadata: input.metadata }); // ✗
    return { success: true };
  }),
});`;

const good = (code: string) => ({ code: code.replace(' // ✗', ''), options });
const bad = (code: string) => ({ ...invalidAt(code, 'unscopedKey' as const), options });
/** Route middleware: only the middleware's own read is reported. */
const goodRoute = (code: string) => bad(code.replace(/ \/\/ ✗\n {2}res\.json/, '\n  res.json'));

ruleTester.run('no-unscoped-key (session middleware)', noUnscopedKey, {
  valid: [
    // The bearer token matches one of the account's unexpired sessions (a helper around `timingSafeEqual`).
    good(
      trpc(`${sessions}
  if (!sessions.some((s) => s.expiry > Date.now() && same(s.token, ctx.authToken))) ${unauthorized}`),
    ),
    // A helper that returns false early and the comparator last; the name reached through a destructured input.
    good(
      trpc(`${sessions}
  const { account } = input;
  if (!account || !sessions.some((s) => almostEqual(ctx.authToken, s.token))) ${unauthorized}`),
    ),
    // The driver form: a truthy `success` only past the session check two calls down.
    good(driver('sessions.some((active) => almostEqual(session, active.token))')),
    // An API key stored in the item, compared with `!==`.
    good(trpc(`  if (!Item || Item.apiKey !== ctx.authToken) ${unauthorized}`)),
  ],
  invalid: [
    // A procedure the middleware does not run before.
    bad(
      trpc(
        `${sessions}\n  if (!sessions.some((s) => same(s.token, ctx.authToken))) ${unauthorized}`,
        'input.account',
        't.procedure.input(AccountInput)',
      ),
    ),
    // The attribute compared is no secret: the client names an account and its region alike.
    bad(trpc(`  if (Item?.region !== input.other) ${unauthorized}`)),
    // The stored token is compared with a constant, not with anything the client sent.
    bad(trpc(`  if (Item?.token !== 'pending') ${unauthorized}`)),
    // A helper that compares only the lengths proves nothing of the token.
    bad(
      trpc(
        `${sessions}\n  const sameLength = (a: string, b: string) => a.length === b.length;\n  if (!sessions.some((s) => sameLength(s.token, ctx.authToken))) ${unauthorized}`,
      ),
    ),
    // The check does not stop the request.
    bad(trpc(`${sessions}\n  if (!sessions.some((s) => same(s.token, ctx.authToken))) console.warn('no session');`)),
    // The check runs after the resolver did (`await next()` first).
    bad(
      trpc(
        `${sessions}\n  const result = await next();\n  if (!sessions.some((s) => same(s.token, ctx.authToken))) ${unauthorized}\n  if (result.ok) return result;`,
      ),
    ),
    // The procedure keys by another input field than the one the middleware checked.
    bad(trpc(`  if (Item?.apiKey !== ctx.authToken) ${unauthorized}`, 'input.other')),
    // Route middleware: the session header against the stored session token, else 401.
    goodRoute(express(`if (Item?.sessionToken !== req.headers['x-session']) return res.sendStatus(401);`)),
    // The driver checks nothing of the client's: the success is anyone's.
    bad(driver('sessions.length > 0')),
    // The middleware tests the result object, which is always truthy (`{ success: false }` too).
    bad(driver('sessions.some((active) => almostEqual(session, active.token))', 'if (!validSession)')),
    // Express: the middleware compares an attribute that is no secret.
    bad(express(`if (Item?.owner !== req.headers['x-owner']) return res.sendStatus(401);`)),
  ],
});
