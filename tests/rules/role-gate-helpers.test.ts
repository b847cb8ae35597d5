import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { expressHeader, invalidAt } from './express-cases.js';

/**
 * Role gates one call deeper (SPEC §4, privileged access; fresh-y E): a helper that tests the
 * caller's role and calls a function that never returns when the test fails (AppSync's
 * `util.unauthorized()`, or a function whose body always throws) makes what follows its call
 * privileged, as the same test written inline does; so does a predicate helper that returns a
 * truthy value only past such a test, under `if (!isAuthorised(ctx)) util.unauthorized()`. A key
 * chosen as `isAdmin(groups) ? clientValue : sub` is the caller's own for everyone else: the
 * client chooses it only on the privileged branch. The look-alikes stay reported: a helper whose
 * failed test does not stop the request, a predicate true for callers who are no admins, a ternary
 * whose condition is no role test, and the ternary the other way round.
 */
const ruleTester = createRuleTesterWithTypes();
const quiet = (text: string) => text.replaceAll(' // ✗', '');

const appsync = `import { util } from '@aws-appsync/utils';
import type { AppSyncIdentityCognito, Context } from '@aws-appsync/utils';
const isAdmin = (groups: string[] | null) => !!groups && (groups.includes('Admins') || groups.includes('SuperAdmins'));
`;
const resolver = (body: string) => `${appsync}${body}
export function response(ctx: Context) {
  return ctx.result;
}`;

/** A GetItem by the client's `id`, past `gate` (statements before the read). */
const gatedGet = (helper: string, gate: string) =>
  resolver(`${helper}
export function request(ctx: Context) {
  const { id } = ctx.args;
  ${gate}
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id }) }; // ✗
}`);

// The helper of the audit: true only for an administrator of the user pool, false for other auth types.
const isAuthorised = (onFailure: string, otherwise = 'return false;') => `
const isAuthorised = (ctx: Context) => {
  if (util.authType() === 'User Pool Authorization') {
    const { groups } = ctx.identity as AppSyncIdentityCognito;
    if (!isAdmin(groups)) {
      ${onFailure}
    }
    return true;
  }
  ${otherwise}
};`;
const requireAdmin = (onFailure: string) => `
const requireAdmin = (ctx: Context) => {
  const { groups } = ctx.identity as AppSyncIdentityCognito;
  if (!isAdmin(groups)) ${onFailure}
};`;

/** A query of ratings by the owner `choice` picks from the caller's `sub` and the client's `owner`. */
const ratingsBy = (choice: string) =>
  resolver(`
export function request(ctx: Context) {
  const { sub, groups } = ctx.identity as AppSyncIdentityCognito;
  const { owner } = ctx.args;
  const userId = ${choice};
  return {
    operation: 'Query',
    index: 'ratingsByUser',
    query: {
      expression: '#owner = :owner',
      expressionNames: { '#owner': 'owner' },
      expressionValues: util.dynamodb.toMapValues({ ':owner': userId }), // ✗
    },
  };
}`);

// Express: a helper whose failed role test calls a function that always throws (no `never` annotation).
const express = (deny: string, body: string) => `${expressHeader}
class HttpError extends Error {
  constructor(readonly status: number) { super(String(status)); }
}
function deny(${deny}
function assertAdmin(user: { role?: string } | undefined) {
  if (user?.role !== 'admin') deny(403);
}
app.get('/accounts/:id', async (req, res) => {
  ${body}
  const out = await ddb.send(new GetCommand({ TableName: 'Accounts', Key: { id: req.params.id } })); // ✗
  res.json({ name: out.Item?.name });
});`;
const alwaysThrows = `status: number) {
  throw new HttpError(status);
}`;
const throwsSometimes = `status: number) {
  if (status >= 400) throw new HttpError(status);
}`;
const returnsFirst = `status: number) {
  if (status < 500) return;
  throw new HttpError(status);
}`;

ruleTester.run('no-unscoped-key (role gates in helpers and ternaries)', auditMode(noUnscopedKey), {
  valid: [
    // The audit's `getOption`: the predicate is true only past the helper's own role test.
    quiet(gatedGet(isAuthorised('util.unauthorized();'), 'if (!isAuthorised(ctx)) { util.unauthorized(); }')),
    // The same helper failing with `util.error(…)`, awaited through an async helper.
    quiet(
      gatedGet(
        isAuthorised(`util.error('Forbidden', 'Unauthorized');`).replace(
          '(ctx: Context) =>',
          'async (ctx: Context) =>',
        ),
        'if (!(await isAuthorised(ctx))) util.unauthorized();',
      ).replace('export function request', 'export async function request'),
    ),
    // A helper called as a statement that stops every non-administrator.
    quiet(gatedGet(requireAdmin('util.unauthorized();'), 'requireAdmin(ctx);')),
    // Its failure calls a function whose body always throws.
    quiet(express(alwaysThrows, 'assertAdmin(req.user);')),
    // The audit's `listRatingsByUser`: others get their own `sub`, and the reversed condition.
    quiet(ratingsBy('!isAdmin(groups) ? sub : owner')),
    quiet(ratingsBy('isAdmin(groups) ? owner : sub')),
  ],
  invalid: [
    // A helper that tests the role but lets the request go on.
    invalidAt(gatedGet(requireAdmin(`console.warn('not an admin');`), 'requireAdmin(ctx);'), 'unscopedKey'),
    // A helper that only returns: its caller goes on.
    invalidAt(gatedGet(requireAdmin('return;'), 'requireAdmin(ctx);'), 'unscopedKey'),
    // The predicate is true for every caller: its failed test does not stop the request.
    invalidAt(
      gatedGet(isAuthorised(`console.warn('not an admin');`), 'if (!isAuthorised(ctx)) util.unauthorized();'),
      'unscopedKey',
    ),
    // Called as a statement, the audit's helper returns normally for callers of other auth types.
    invalidAt(gatedGet(isAuthorised('util.unauthorized();'), 'isAuthorised(ctx);'), 'unscopedKey'),
    // The failure's function returns for some statuses.
    invalidAt(express(throwsSometimes, 'assertAdmin(req.user);'), 'unscopedKey'),
    // It throws as its last statement, but returns before it for some statuses.
    invalidAt(express(returnsFirst, 'assertAdmin(req.user);'), 'unscopedKey'),
    // The condition is no role test, or the client's value is on the branch everyone else takes.
    invalidAt(ratingsBy('ctx.args.all ? owner : sub'), 'unscopedKey'),
    invalidAt(ratingsBy('isAdmin(groups) ? sub : owner'), 'unscopedKey'),
    invalidAt(ratingsBy('!isAdmin(groups) ? owner : sub'), 'unscopedKey'),
  ],
});
