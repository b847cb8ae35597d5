import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { lambda } from './framework-headers.js';

/**
 * Result chains (neverthrow): the callback of a result's `map`, `andThen`, `asyncAndThen`,
 * `asyncMap` or `match` receives the value the result holds, and the chain's result holds what
 * the callback returns; `ok(x)`, `okAsync(x)`, `fromPromise(p, …)` and `fromSafePromise(p)` hold
 * their argument. `mapErr` and `orElse` handle the error: their callback does not get the value.
 */
const ruleTester = createRuleTesterWithTypes();
const header = `${lambda}import { ok, okAsync, err, ResultAsync, fromPromise } from 'neverthrow';
import type { Result } from 'neverthrow';
type Params = { id: string };
function load(id: string) {
  return fromPromise(ddb.send(new GetCommand({ TableName: 'notes', Key: { id } })), () => new Error('db'));
}
function parse(event: Pick<APIGatewayProxyEvent, 'pathParameters'>): Result<Params, Error> {
  const id = event.pathParameters?.id;
  return id ? ok({ id }) : err(new Error('id'));
}
const callerOf = (event: APIGatewayProxyEvent) => String(event.requestContext.authorizer?.claims.sub);
`;
const audit: [{ evidence: 'none' }] = [{ evidence: 'none' }];
const ok = (body: string) => ({ code: header + body, options: audit });
const bad = (body: string) => ({ ...invalidAt(header + body, 'unscopedKey' as const), options: audit });

ruleTester.run('no-unscoped-key (result chains)', unscoped, {
  valid: [
    // The result holds the caller's own id.
    ok(`export const h = (event: APIGatewayProxyEvent) => okAsync(callerOf(event)).andThen((sub) => load(sub));`),
    // `map` replaces the held value with what its callback returns.
    ok(
      `export const h = (event: APIGatewayProxyEvent) => parse(event).map(() => ({ id: 'settings' })).asyncAndThen((p) => load(p.id));`,
    ),
    // `mapErr`'s callback receives the error, not the value.
    ok(`export const h = (event: APIGatewayProxyEvent) => parse(event).mapErr((e) => load(e.message));`),
  ],
  invalid: [
    bad(
      `export const h = (event: Pick<APIGatewayProxyEvent, 'pathParameters'>) => parse(event).asyncAndThen((params) => load(params.id)); // ✗`,
    ),
    bad(
      `export const h = (event: APIGatewayProxyEvent) => okAsync(event.pathParameters?.id ?? '').map((id) => ({ id })).andThen((p) => load(p.id)); // ✗`,
    ),
    bad(
      `export const h = (event: APIGatewayProxyEvent) => ResultAsync.fromSafePromise(Promise.resolve(event.pathParameters?.id ?? '')).andThen((id) => load(id)); // ✗`,
    ),
    bad(
      `export const h = (event: APIGatewayProxyEvent) => parse(event).match((p) => load(p.id), () => undefined); // ✗`,
    ),
    // `orElse` recovers from the error; the value it passes on is still the client's.
    bad(
      `export const h = (event: APIGatewayProxyEvent) => parse(event).orElse(() => ok({ id: 'x' })).asyncAndThen((p) => load(p.id)); // ✗`,
    ),
  ],
});
