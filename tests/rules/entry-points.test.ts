import raw from '../../rules/no-raw-item-response.js';
import unscoped from '../../rules/no-unscoped-key.js';
import unvalidated from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { bundler, docClient, js, trpc } from './framework-headers.js';

/**
 * Entry points that are not REST handlers (SPEC §3): server actions, tRPC, GraphQL resolvers,
 * AppSync, React Router, SvelteKit, h3, Elysia, and Hono context variables. Each source form is
 * reported, each principal form is scoped (audit mode: the pattern, not the evidence).
 */
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string, filename = bundler) => ({ ...invalidAt(code, 'unscopedKey' as const), filename });
const good = (code: string, filename = bundler) => ({ code, filename });

export const appsyncLambda = `import type { AppSyncResolverEvent } from 'aws-lambda';
${docClient}`;
export const appsyncJs = `import { util, type Context } from '@aws-appsync/utils';
${docClient}`;

ruleTester.run('no-unscoped-key (entry points)', auditMode(unscoped), {
  valid: [
    // Server action: the key comes from the session, the client picks only the sort key.
    good(`'use server';
import { getServerSession } from 'next-auth';
${docClient}
export async function getNote(noteId: string) {
  const session = await getServerSession();
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: session!.user!.id, noteId } }));
  return out.Item;
}`),
    // Not a server action: no directive, a plain module's export.
    good(`${docClient}
export async function getSeries(series: { owner: string }) {
  const out = await ddb.send(new GetCommand({ TableName: 'Series', Key: { PK: series.owner } }));
  return out.Item;
}`),
    // A non-exported helper of a 'use server' module is no action.
    good(`'use server';
${docClient}
async function load(owner: string) {
  return (await ddb.send(new GetCommand({ TableName: 'Series', Key: { PK: owner } }))).Item;
}
export async function mine() { return load('constant'); }`),
    // tRPC: the caller from the context.
    good(`${trpc}
export const router = t.router({
  me: t.procedure.query(async ({ ctx }) => {
    const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: ctx.user!.sub } }));
    return out.Item;
  }),
  note: t.procedure.input(z.object({ id: z.string() })).query(async ({ input, ctx }) => {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.session.userId, noteId: input.id } }));
    return out.Item;
  }),
});`),
    // GraphQL resolver map: the context user.
    good(`${docClient}
export const resolvers = {
  Query: {
    me: async (_parent: unknown, _args: unknown, ctx: { user: { sub: string } }) =>
      (await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: ctx.user.sub } }))).Item,
  },
};`),
    // AppSync Lambda resolver: the Cognito identity.
    good(`${appsyncLambda}
export const handler = async (event: AppSyncResolverEvent<{ id: string }>) => {
  const identity = event.identity as { sub: string };
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: identity.sub, noteId: event.arguments.id } }));
  return out.Item;
};`),
    // AppSync JavaScript resolver: ctx.identity.
    good(`${appsyncJs}
export function request(ctx: Context<{ id: string }>) {
  const sub = (ctx.identity as { sub: string }).sub;
  return ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: sub, noteId: ctx.args.id } }));
}`),
    // SvelteKit: locals.user set by the handle hook.
    good(`import type { RequestEvent } from '@sveltejs/kit';
${docClient}
export async function GET({ locals }: RequestEvent) {
  const user = (locals as { user: { id: string } }).user;
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: user.id } }));
  return new Response(JSON.stringify(out.Item));
}`),
    // h3: event.context.user.
    good(`import { defineEventHandler } from 'h3';
${docClient}
export default defineEventHandler(async (event) => {
  const user = event.context.user as { id: string };
  return (await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: user.id } }))).Item;
});`),
    // Hono: a variable the JWT middleware stored from a verified token.
    good(`import { Hono } from 'hono';
import { verify } from 'hono/jwt';
${docClient}const app = new Hono<{ Variables: { userId: string } }>();
app.use('*', async (c, next) => {
  const payload = await verify(c.req.header('authorization') ?? '', 'secret', 'HS256');
  c.set('userId', payload.sub as string);
  await next();
});
app.get('/me', async (c) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: c.get('userId') } }));
  return c.json(out.Item);
});
app.get('/me2', async (c) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: c.var.userId } }));
  return c.json(out.Item);
});`),
    // Provenance: a helper named like a request handler's parameter, called with a server-built object.
    good(
      `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
function cookieOf(req) { return req.cookies.session; }
async function job() {
  const sid = cookieOf({ cookies: { session: 'system' } });
  return ddb.send(new GetCommand({ TableName: 'Sessions', Key: { sid } }));
}
module.exports = { job };`,
      js,
    ),
  ],
  invalid: [
    // SPEC §4: a server action's parameter is request data.
    bad(`'use server';
${docClient}
export async function updateSeries(series: { owner: string; title: string }) {
  await ddb.send(new GetCommand({ TableName: 'Series', Key: { PK: series.owner } })); // ✗
}
export const removeNote = async (noteId: string) => {
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId } })); // ✗
};
export async function fromForm(formData: FormData) {
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId: String(formData.get('id')) } })); // ✗
}`),
    // An inline action: the function body starts with the directive.
    bad(`${docClient}
export default function Page() {
  async function remove(noteId: string) {
    'use server';
    await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId } })); // ✗
  }
  return remove;
}`),
    // tRPC v10+: the procedure's input.
    bad(`${trpc}
export const router = t.router({
  note: t.procedure.input(z.object({ id: z.string() })).query(async ({ input }) => {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: input.id } })); // ✗
    return out.Item;
  }),
  remove: t.procedure.input(z.string()).mutation(async (opts) => {
    await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId: opts.input } })); // ✗
  }),
});`),
    // tRPC v9: resolve({ input, ctx }) in an options object.
    bad(
      `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const router = {};
module.exports = router.query('getTemplate', {
  async resolve(req) {
    const out = await ddb.send(new GetCommand({ TableName: 'Templates', Key: { PK: req.input } })); // ✗
    return out.Item;
  },
});`,
      js,
    ),
    // GraphQL resolver map (Apollo, Yoga, Mercurius): the arguments.
    bad(`${docClient}
export const resolvers = {
  Query: {
    note: async (_parent: unknown, args: { id: string }) =>
      (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: args.id } }))).Item, // ✗
  },
  Mutation: {
    async deleteNote(_parent: unknown, { id }: { id: string }, ctx: { user: { sub: string } }) {
      await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId: id } })); // ✗
      return ctx.user.sub;
    },
  },
};`),
    // AppSync Lambda resolver, typed and hand-typed.
    bad(`${appsyncLambda}
export const handler = async (event: AppSyncResolverEvent<{ id: string }>) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: event.arguments.id } })); // ✗
  return out.Item;
};
type MyEvent = { info: { fieldName: string }; arguments: { input: { userId: string } }; identity: { sub: string } };
export const main = async (event: MyEvent) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Cards', Key: { userId: event.arguments.input.userId } })); // ✗
  return out.Item;
};`),
    // AppSync JavaScript resolver: ctx.args, typed and by its exported name.
    bad(`${appsyncJs}
export function request(ctx: Context<{ id: string }>) {
  return ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: ctx.args.id } })); // ✗
}`),
    bad(
      `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export function request(ctx) {
  return ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: ctx.args.id } })); // ✗
}
exports.handler = async (event) => {
  return ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: event.arguments.id } })); // ✗
};`,
      js,
    ),
    // React Router / Remix loader and action.
    bad(`import type { LoaderFunctionArgs, ActionFunctionArgs } from 'react-router';
${docClient}
export async function loader({ params }: LoaderFunctionArgs) {
  return (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }))).Item; // ✗
}
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId: String(form.get('id')) } })); // ✗
  return null;
}`),
    // SvelteKit: +server handler and form action.
    bad(`import type { RequestEvent } from '@sveltejs/kit';
${docClient}
export async function GET({ params, url }: RequestEvent) {
  const a = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } })); // ✗
  const b = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: url.searchParams.get('other') } })); // ✗
  return new Response(JSON.stringify([a.Item, b.Item]));
}
export const actions = {
  remove: async ({ request, cookies }: RequestEvent) => {
    const data = await request.formData();
    await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId: String(data.get('id')) } })); // ✗
    await ddb.send(new DeleteCommand({ TableName: 'Sessions', Key: { sid: cookies.get('sid') } })); // ✗
  },
};`),
    // h3 / Nuxt.
    bad(`import { defineEventHandler, getRouterParam, getQuery, readBody, getHeader, getCookie } from 'h3';
${docClient}
export default defineEventHandler(async (event) => {
  const id = getRouterParam(event, 'id');
  const { owner } = getQuery(event) as { owner: string };
  const body = await readBody<{ noteId: string }>(event);
  await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: id } })); // ✗
  await ddb.send(new GetCommand({ TableName: 'Owners', Key: { ownerId: owner } })); // ✗
  await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: body.noteId } })); // ✗
  await ddb.send(new GetCommand({ TableName: 'Tenants', Key: { tenantId: getHeader(event, 'x-tenant') } })); // ✗
  await ddb.send(new GetCommand({ TableName: 'Sessions', Key: { sid: getCookie(event, 'sid') } })); // ✗
});`),
    // Elysia.
    bad(`import { Elysia } from 'elysia';
${docClient}
new Elysia()
  .get('/notes/:id', async ({ params }) => (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }))).Item) // ✗
  .post('/notes', async ({ body }) => {
    const { noteId } = body as { noteId: string };
    await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId } })); // ✗
  });`),
    // Hono: a variable that middleware took from a header is request data.
    bad(`import { Hono } from 'hono';
${docClient}const app = new Hono<{ Variables: { userId: string } }>();
app.use('*', async (c, next) => {
  c.set('userId', c.req.header('x-user-id') ?? '');
  await next();
});
app.get('/me', async (c) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId: c.get('userId') } })); // ✗
  return c.json(out.Item);
});`),
  ],
});

const unvalidatedTester = createRuleTesterWithTypes();
unvalidatedTester.run('no-unvalidated-input (entry points)', auditMode(unvalidated), {
  valid: [
    // The sort key is checked against an allow-list.
    good(`import type { LoaderFunctionArgs } from 'react-router';
import { getServerSession } from 'next-auth';
${docClient}
const KINDS = ['draft', 'published'];
export async function loader({ params }: LoaderFunctionArgs) {
  const session = await getServerSession();
  const kind = params.kind ?? '';
  if (!KINDS.includes(kind)) throw new Response('bad', { status: 400 });
  const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o AND kind = :k', ExpressionAttributeValues: { ':o': session!.user!.email, ':k': kind } }));
  return out.Items;
}`),
  ],
  invalid: [
    // The caller's own partition, but the client's unchecked sort key (a GraphQL ID is no validation).
    {
      ...invalidAt(
        `${docClient}
export const resolvers = {
  Query: {
    notes: async (_parent: unknown, args: { kind: string }, ctx: { user: { sub: string } }) =>
      (await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o AND kind = :k', ExpressionAttributeValues: { ':o': ctx.user.sub, ':k': args.kind } }))).Items, // ✗
  },
};`,
        'unvalidatedInput' as const,
      ),
      filename: bundler,
    },
  ],
});

const rawTester = createRuleTesterWithTypes();
rawTester.run('no-raw-item-response (entry points)', auditMode(raw), {
  valid: [
    // A GraphQL resolver's item is projected by the schema's output type.
    good(`${docClient}
export const resolvers = {
  Query: {
    note: async (_parent: unknown, args: { id: string }) =>
      (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: args.id } }))).Item,
  },
};`),
    // A loader that returns named fields.
    good(`import type { LoaderFunctionArgs } from 'react-router';
${docClient}
export async function loader({ params }: LoaderFunctionArgs) {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }));
  return { title: out.Item?.title };
}`),
  ],
  invalid: [
    {
      ...invalidAt(
        `import type { LoaderFunctionArgs } from 'react-router';
import { data } from 'react-router';
${docClient}
export async function loader({ params }: LoaderFunctionArgs) {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }));
  return data(out.Item); // ✗
}`,
        'rawItem' as const,
      ),
      filename: bundler,
    },
    {
      ...invalidAt(
        `import { json, type RequestEvent } from '@sveltejs/kit';
${docClient}
export async function GET({ params }: RequestEvent) {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }));
  return json(out.Item); // ✗
}`,
        'rawItem' as const,
      ),
      filename: bundler,
    },
  ],
});

/** Returned values of the new entry points are responses (SPEC §5 decisions), whatever their parameters' annotations. */
const rawReturnTester = createRuleTesterWithTypes();
const rawAt = (code: string) => ({ ...invalidAt(code, 'rawItem' as const), filename: bundler });
rawReturnTester.run('no-raw-item-response (entry point returns)', auditMode(raw), {
  valid: [
    // tRPC: only a field of the item.
    good(`${trpc}
export const router = t.router({
  note: t.procedure.input(z.object({ id: z.string() })).query(async ({ input }) => {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: input.id } }));
    return { title: out.Item?.title as string };
  }),
});`),
    // Not a server action (no directive): a plain module's function returns to its caller.
    good(`${docClient}
export async function getNote(noteId: string) {
  return (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId } }))).Item;
}`),
    // A callback of some other library's `query`: not a handler.
    good(`${docClient}
declare const store: { query(cb: (q: string) => unknown): void };
store.query(async (q) => (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: q } }))).Item);`),
    // A GraphQL resolver map: the schema projects.
    good(`${docClient}
export const resolvers = {
  Query: { note: async (_p: unknown, args: { id: string }) => (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: args.id } }))).Item },
};`),
  ],
  invalid: [
    rawAt(`${trpc}
export const router = t.router({
  note: t.procedure.input(z.object({ id: z.string() })).query(async ({ input }) => {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: input.id } }));
    return out.Item; // ✗
  }),
  all: t.procedure.query(async () => (await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'k = :k', ExpressionAttributeValues: { ':k': 'x' } }))).Items), // ✗
});`),
    rawAt(`'use server';
${docClient}
export async function getNote(noteId: string) {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId } }));
  return out.Item; // ✗
}`),
    rawAt(`${docClient}
export async function loader({ params }: { params: { id: string } }) {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }));
  return out.Item; // ✗
}`),
    rawAt(`import { defineEventHandler, getRouterParam } from 'h3';
${docClient}
export default defineEventHandler(async (event) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: getRouterParam(event, 'id') } }));
  return out.Item; // ✗
});`),
    rawAt(`import { Elysia } from 'elysia';
${docClient}
new Elysia().get('/notes/:id', async ({ params }) => (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }))).Item); // ✗`),
    // A Next.js route handler: one report, on what Response.json sends (its return is the Response).
    rawAt(`${docClient}
export async function GET(request: Request) {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: new URL(request.url).searchParams.get('id') } }));
  return Response.json(out.Item); // ✗
}`),
    rawAt(`${docClient}
export const actions = {
  default: async ({ params }: { params: { id: string } }) => {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: params.id } }));
    return out.Item; // ✗
  },
};`),
  ],
});

/**
 * A GraphQL resolver's context is what the server's context function returned: request data when
 * built from a header, the caller when built from a verified token.
 */
const apollo = `import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import jwt from 'jsonwebtoken';
${docClient}`;

ruleTester.run('no-unscoped-key (GraphQL context functions)', auditMode(unscoped), {
  valid: [
    // The context's user id is the subject of a verified token.
    good(`${apollo}
const resolvers = {
  Query: {
    note: async (_p: unknown, { id }: { id: string }, { userId }: { userId: string }) =>
      (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: userId, noteId: id } }))).Item,
  },
};
const server = new ApolloServer({ typeDefs: '', resolvers });
void startStandaloneServer(server, {
  context: async ({ req }) => ({ userId: (jwt.verify(req.headers.authorization ?? '', 'secret') as { sub: string }).sub }),
});`),
    // No context function in the program: the context's user is the caller by its name.
    good(`${docClient}
export const resolvers = {
  Query: {
    note: async (_p: unknown, { id }: { id: string }, ctx: { user: { sub: string } }) =>
      (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: id } }))).Item,
  },
};`),
    // Plain JavaScript (Apollo on Lambda): the user id comes from the authorizer API Gateway ran.
    good(
      `const { ApolloServer } = require('apollo-server-lambda');
const AWS = require('aws-sdk');
const db = new AWS.DynamoDB.DocumentClient();
const resolvers = {
  Query: {
    products: async (parent, args, { userId }) => (await db.get({ TableName: 'Products', Key: { userId, id: args.id } }).promise()).Item,
  },
};
const server = new ApolloServer({ typeDefs: '', resolvers, context: ({ event }) => ({ userId: event.requestContext.authorizer.claims.sub }) });
exports.handler = server.createHandler();`,
      js,
    ),
  ],
  invalid: [
    // The context's user id is a client header: any caller names any owner.
    bad(`${apollo}
const resolvers = {
  Query: {
    note: async (_p: unknown, { id }: { id: string }, { userId }: { userId: string }) =>
      (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: userId, noteId: id } }))).Item, // ✗ ✗
  },
};
const server = new ApolloServer({ typeDefs: '', resolvers });
void startStandaloneServer(server, {
  context: async ({ req }) => ({ userId: req.headers['x-user-id'] as string }),
});`),
    // A context \`user\` built from a header is no caller, whatever its name.
    bad(`${apollo}
export const resolvers = {
  Mutation: {
    deleteNote: async (_p: unknown, args: { id: string }, ctx: { user: { id: string } }) => {
      await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.id, noteId: args.id } })); // ✗ ✗
      return true;
    },
  },
};
void startStandaloneServer(new ApolloServer({ typeDefs: '', resolvers }), {
  context: async ({ req }) => ({ user: { id: String(req.headers['x-user-id']) } }),
});`),
    // Plain JavaScript (Apollo on Lambda), the header read in a helper.
    bad(
      `const { ApolloServer } = require('apollo-server-lambda');
const AWS = require('aws-sdk');
const db = new AWS.DynamoDB.DocumentClient();
const getUserId = ({ headers }) => headers['X-User-Id'] || '';
const resolvers = {
  Query: {
    products: async (parent, args, { userId }) =>
      (await db.query({ TableName: 'Products', KeyConditionExpression: '#u = :u', ExpressionAttributeNames: { '#u': 'userId' }, ExpressionAttributeValues: { ':u': userId } }).promise()).Items, // ✗
  },
};
const server = new ApolloServer({ typeDefs: '', resolvers, context: ({ event }) => ({ userId: getUserId(event), db }) });
exports.handler = server.createHandler();`,
      js,
    ),
  ],
});

/** A request object narrowed by a utility type of the standard library is still that request object. */
const lambdaEvent = `import type { APIGatewayProxyEvent } from 'aws-lambda';
${docClient}`;

ruleTester.run('no-unscoped-key (request objects narrowed by utility types)', auditMode(unscoped), {
  valid: [
    // A hand-written type with the same property name is no request object.
    good(`${lambdaEvent}
type Job = { pathParameters: { id: string } };
export default async (job: Pick<Job, 'pathParameters'>) =>
  (await ddb.send(new GetCommand({ TableName: 'Jobs', Key: { id: job.pathParameters.id } }))).Item;`),
  ],
  invalid: [
    bad(`${lambdaEvent}
export default async (event: Pick<APIGatewayProxyEvent, 'pathParameters'>) =>
  (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: event.pathParameters?.id } }))).Item; // ✗
export const other = async (event: Readonly<Omit<APIGatewayProxyEvent, 'body'>>) =>
  (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: event.queryStringParameters?.id } }))).Item; // ✗`),
  ],
});

/** A field resolver of a type in a resolver map (beside `Query`/`Mutation`) gets GraphQL arguments too. */
ruleTester.run('no-unscoped-key (GraphQL field resolvers)', auditMode(unscoped), {
  valid: [
    // The parent value is the item the server loaded, not client data; the principal scopes the key.
    good(`${docClient}
export const resolvers = {
  Query: { me: (_p: unknown, _a: unknown, ctx: { user: { sub: string } }) => ({ id: ctx.user.sub }) },
  User: {
    settings: async (user: { id: string }) =>
      (await ddb.send(new GetCommand({ TableName: 'Settings', Key: { userId: user.id } }))).Item,
  },
};`),
    // An object of the same shape that is no resolver map (no Query/Mutation beside it).
    good(`${docClient}
export const handlers = {
  User: {
    settings: async (_user: unknown, args: { userId: string }) =>
      (await ddb.send(new GetCommand({ TableName: 'Settings', Key: { userId: args.userId } }))).Item,
  },
};`),
  ],
  invalid: [
    bad(`${docClient}
export const resolvers = {
  Query: { me: (_p: unknown, _a: unknown, ctx: { user: { sub: string } }) => ({ id: ctx.user.sub }) },
  User: {
    notes: async (_user: { id: string }, args: { ownerId: string }) =>
      (await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': args.ownerId } }))).Items, // ✗
  },
};`),
  ],
});
