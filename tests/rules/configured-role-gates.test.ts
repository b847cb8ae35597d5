import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { lambda } from './framework-headers.js';

/**
 * Role gates of Lambda handlers (SPEC §4, privileged access; fresh-n supplix): a check that ends
 * the request unless the verified caller's groups include an allowed group is a role gate, written
 * inline or in a wrapper the handler is passed to (`export const get = handler(async (event) => …)`),
 * and whether the allowed list is a constant naming administrative roles or configuration read from
 * the environment (`process.env.ALLOWED_GROUPS`, set per route by the deployment). A check that does
 * not end the request, that tests a group the client sends, or that an empty configuration switches
 * off (`allowed.length > 0 && …`: the routes left unconfigured are open), is none.
 */
const ruleTester = createRuleTesterWithTypes();
const audit = [{ evidence: 'none' }] as const;
const quiet = (text: string) => text.replaceAll(' // ✗', '');

const groupsOf = `type Ev = APIGatewayProxyEventV2WithJWTAuthorizer;
function getAllowedGroups() {
  return process.env.ALLOWED_GROUPS ? process.env.ALLOWED_GROUPS.split(',') : [];
}
function userGroups(event: Ev): string[] {
  return (event.requestContext.authorizer.jwt.claims['cognito:groups'] as unknown as string[]) || [];
}
`;

/** A handler wrapper whose gate is `check` (over `allowed` and `groups`), ending the request with `exit`. */
const wrapped = (allowed: string, check: string, exit = `return { statusCode: 403, body: '' };`, extra = '') =>
  `${lambda}${groupsOf}
function handler(lambda: (event: Ev) => Promise<unknown>, fixedGroups?: string[]) {
  return async function (event: Ev) {
    const allowed = ${allowed};
    const groups = userGroups(event);
    if (${check}) { ${exit} }
    return { statusCode: 200, body: JSON.stringify(await lambda(event)) };
  };
}
export const getTenant = handler(async (event) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Tenants', Key: { tenantId: event.pathParameters!.tenantId } })); // ✗
  return { name: out.Item?.name };
}${extra});`;

const fromEnv = `fixedGroups ?? (process.env.ALLOWED_GROUPS ? process.env.ALLOWED_GROUPS.split(',') : [])`;
const someAllowed = `!allowed.some((g) => groups.includes(g))`;

/** The gate written in the handler itself. */
const inline = (allowed: string, check: string) =>
  `${lambda}${groupsOf}
export const getTenant = async (event: Ev) => {
  const groups = userGroups(event);
  const allowed = ${allowed};
  if (${check}) return { statusCode: 403, body: '' };
  const out = await ddb.send(new GetCommand({ TableName: 'Tenants', Key: { tenantId: event.pathParameters!.tenantId } })); // ✗
  return { statusCode: 200, body: JSON.stringify({ name: out.Item?.name }) };
};`;

ruleTester.run('no-unscoped-key (configured role gates)', noUnscopedKey, {
  valid: [
    // In a wrapper, the list from the environment (configured per route) or bound by the caller to admins.
    { code: quiet(wrapped(fromEnv, someAllowed)), options: audit },
    { code: quiet(wrapped(fromEnv, someAllowed, undefined, `, ['top-level-admins']`)), options: audit },
    {
      code: quiet(
        wrapped(
          `(process.env.ALLOWED_GROUPS || '').split(',').map((g) => g.trim())`,
          `!groups.some((g) => allowed.includes(g))`,
        ),
      ),
      options: audit,
    },
    { code: quiet(wrapped(fromEnv, someAllowed, `throw new Error('Unauthorised');`)), options: audit },
    { code: quiet(wrapped(`getAllowedGroups()`, someAllowed)), options: audit },
    // A wrapper gated by one administrative group.
    { code: quiet(wrapped(`[]`, `!groups.includes('admins')`)), options: audit },
    // A wrapper gated by a constant list of administrative groups, handed the handler by name.
    {
      code: quiet(
        wrapped(`['admins']`, `!allowed.some((g) => groups.includes(g))`)
          .replace(
            'export const getTenant = handler(async (event) => {',
            'export const getTenant = handler(main);\nasync function main(event: Ev) {',
          )
          .replace(/\}\);$/, '}'),
      ),
      options: audit,
    },
    // Inline, the list or the one group from the environment.
    {
      code: quiet(inline(`(process.env.ALLOWED_GROUPS || '').split(',')`, `!allowed.some((g) => groups.includes(g))`)),
      options: audit,
    },
    { code: quiet(inline(`process.env.ADMIN_GROUP ?? ''`, `!groups.includes(allowed)`)), options: audit },
  ],
  invalid: [
    // A configured gate that an empty configuration switches off: which routes the deployment
    // configures is not in the code, so the wrapper gates none of them for sure.
    {
      ...invalidAt(wrapped(fromEnv, `allowed.length > 0 && !allowed.some((g) => groups.includes(g))`), 'unscopedKey'),
      options: audit,
    },
    // The wrapper's check does not end the request.
    { ...invalidAt(wrapped(fromEnv, someAllowed, `console.warn('not allowed');`), 'unscopedKey'), options: audit },
    // The wrapper tests the groups the client sends.
    {
      ...invalidAt(
        wrapped(fromEnv, `!allowed.some((g) => (JSON.parse(event.body ?? '{}').groups as string[]).includes(g))`),
        'unscopedKey',
      ),
      options: audit,
    },
    // A caller binds the wrapper to a group that is no administrative role.
    { ...invalidAt(wrapped(fromEnv, someAllowed, undefined, `, ['employees']`), 'unscopedKey'), options: audit },
    // A constant list of groups that are no administrative roles.
    { ...invalidAt(wrapped(`['members']`, `!allowed.some((g) => groups.includes(g))`), 'unscopedKey'), options: audit },
    // The allowed list is the client's.
    {
      ...invalidAt(
        inline(`String(event.queryStringParameters?.groups).split(',')`, `!allowed.some((g) => groups.includes(g))`),
        'unscopedKey',
      ),
      options: audit,
    },
    // Inline check that does not end the request.
    {
      ...invalidAt(
        inline(
          `(process.env.ALLOWED_GROUPS || '').split(',')`,
          `!allowed.some((g) => groups.includes(g))) console.warn('x'); if (false`,
        ),
        'unscopedKey',
      ),
      options: audit,
    },
  ],
});
