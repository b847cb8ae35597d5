import unscopedRule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { lambda } from './framework-headers.js';

/**
 * A function handed to a wrapper receives what the wrapper passes when it calls it:
 * `export const handler = wrap(async ({ event, userId }) => …)` with `wrap = (handler) => async
 * (event) => handler({ event, userId: … })` gives the callback the wrapper's own `event` (a
 * request object) and the caller the wrapper read from the authorizer.
 */
const ruleTester = createRuleTesterWithTypes();
const audit: [{ evidence: 'none' }] = [{ evidence: 'none' }];
const wrapper = (passed: string) => `${lambda}interface Params {
  event: { pathParameters?: Record<string, string | undefined> | null; body?: string | null };
  userId?: string;
}
function wrap(handler: (params: Params) => Promise<unknown>) {
  return async (event: APIGatewayProxyEvent) => {
    const userId = event.requestContext.authorizer?.claims.sub as string | undefined;
    return handler(${passed});
  };
}
`;
const unscoped = (code: string) => ({ ...invalidAt(code, 'unscopedKey' as const), options: audit });

ruleTester.run('no-unscoped-key (parameters of functions handed to wrappers)', unscopedRule, {
  valid: [
    // The wrapper hands the callback the caller it read from the authorizer: a scoped key.
    {
      code: `${wrapper('{ event, userId }')}export const handler = wrap(async ({ userId }) => {
  return ddb.send(new GetCommand({ TableName: 'profiles', Key: { userId } }));
});`,
      options: audit,
    },
    // The wrapper hands the callback an event it built itself, not the request's.
    {
      code: `${wrapper("{ event: { pathParameters: { id: 'home' } }, userId }")}export const handler = wrap(async ({ event }) => {
  return ddb.send(new GetCommand({ TableName: 'pages', Key: { id: event.pathParameters?.id } }));
});`,
      options: audit,
    },
    // The request's path parameter selects an item under the caller the wrapper passed.
    {
      code: `${wrapper('{ event, userId }')}export const handler = wrap(async ({ event, userId }) => {
  return ddb.send(new GetCommand({ TableName: 'notes', Key: { userId, noteId: event.pathParameters?.id } }));
});`,
      options: audit,
    },
    // The same function by name, handed to a wrapper that builds the event it passes.
    {
      code: `${wrapper("{ event: { pathParameters: { id: 'home' } }, userId }")}const main = async ({ event }: Params) =>
  ddb.send(new GetCommand({ TableName: 'pages', Key: { id: event.pathParameters?.id } }));
export const handler = wrap(main);`,
      options: audit,
    },
  ],
  invalid: [
    // The callback's `event` is the wrapper's: the path parameter selects any caller's item.
    unscoped(`${wrapper('{ event, userId }')}export const handler = wrap(async ({ event }) => {
  return ddb.send(new GetCommand({ TableName: 'notes', Key: { id: event.pathParameters?.id } })); // ✗
});`),
    // Handed by its name in its own file: `wrap(main)`.
    unscoped(`${wrapper('{ event, userId }')}async function main({ event }: Params) {
  return ddb.send(new GetCommand({ TableName: 'notes', Key: { id: event.pathParameters?.id } })); // ✗
}
export const handler = wrap(main);`),
    // Positional: `handler(event, userId)` passes the request to the callback's first parameter.
    unscoped(`${lambda}
function wrapPlain(handler: (event: { body?: string | null }, userId?: string) => Promise<unknown>) {
  return async (event: APIGatewayProxyEvent) => handler(event, event.requestContext.authorizer?.claims.sub as string);
}
export const handler = wrapPlain(async (request) => {
  const body = JSON.parse(request.body ?? '{}') as { id: string };
  return ddb.send(new GetCommand({ TableName: 'notes', Key: { id: body.id } })); // ✗
});`),
  ],
});

/**
 * A generic wrapper (`wrap<TEvent = MyEvent>(…) => async (event: TEvent) => …`) types its event by
 * an unconstrained type parameter: no more than an untyped `event`, recognised by its name. The
 * caller it reads through a helper that maps a placeholder to `undefined`
 * (`principalId === 'unknown' ? undefined : principalId`) is the authorizer's principal.
 */
const generic = (userId: string) => `${lambda}
interface MyEvent { body?: string | null; requestContext: { authorizer?: { principalId?: string } } }
function details(event: MyEvent) {
  let principalId = 'unknown';
  if (event.requestContext.authorizer && event.requestContext.authorizer.principalId) {
    principalId = event.requestContext.authorizer.principalId;
  }
  const userId = ${userId};
  return { userId };
}
function wrapGeneric<TEvent = MyEvent>(handler: (p: { event: TEvent; userId?: string }) => Promise<unknown>) {
  return async (event: TEvent) => {
    const { userId } = details(event as MyEvent);
    return handler({ event, userId });
  };
}
`;
ruleTester.run('no-unscoped-key (generic wrappers, placeholder principals)', unscopedRule, {
  valid: [
    {
      code: `${generic("principalId === 'unknown' ? undefined : principalId")}export const handler = wrapGeneric(async ({ event, userId }) => {
  const body = JSON.parse(event.body ?? '{}') as { id: string };
  return ddb.send(new GetCommand({ TableName: 'notes', Key: { userId, id: body.id } }));
});`,
      options: audit,
    },
  ],
  invalid: [
    // The body's id alone selects the item.
    unscoped(`${generic("principalId === 'unknown' ? undefined : principalId")}export const handler = wrapGeneric(async ({ event }) => {
  const body = JSON.parse(event.body ?? '{}') as { id: string };
  return ddb.send(new GetCommand({ TableName: 'notes', Key: { id: body.id } })); // ✗
});`),
    // The comparison excludes another string: the placeholder 'unknown' may still be the user.
    unscoped(`${generic("principalId === 'none' ? undefined : principalId")}export const handler = wrapGeneric(async ({ event, userId }) => {
  const body = JSON.parse(event.body ?? '{}') as { id: string };
  return ddb.send(new GetCommand({ TableName: 'notes', Key: { userId, id: body.id } })); // ✗
});`),
  ],
});

/**
 * What the wrapper passes is read in the call that handed it the function: a helper that runs a
 * callback for each id it is given (`forEachId(ids, (id) => …)`) passes the caller's ids.
 */
const forEachId = (ids: string) => `${lambda}
function forEachId(ids: string[], run: (id: string) => Promise<unknown>) {
  return Promise.all(ids.map((id) => run(id)));
}
export const handler = async (event: APIGatewayProxyEvent) => {
  const { ids } = JSON.parse(event.body ?? '{}') as { ids: string[] };
  await forEachId(${ids}, (id) => ddb.send(new GetCommand({ TableName: 'notes', Key: { id } }))); // ✗
  return { statusCode: 204, body: '' };
};`;
ruleTester.run('no-unscoped-key (callbacks run for the values a helper is given)', unscopedRule, {
  valid: [{ code: forEachId("['home', 'about']").replace(' // ✗', ''), options: audit }],
  invalid: [unscoped(forEachId('ids'))],
});
