import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';

/**
 * APPSYNC_JS requests whose `condition` or `filter` is a condition object converted by
 * `util.transform.toDynamoDBConditionExpression` / `toDynamoDBFilterExpression` (SPEC §3): a write
 * whose condition requires the owner to equal the caller succeeds only on the caller's own item
 * (and where only administrators go without it, their path is privileged); a scan filtered by
 * the client's own filter object, or by request values, reads every user's items.
 */
const t = createRuleTesterWithTypes();
const appsync = `import { util, type Context } from '@aws-appsync/utils';
import type { AppSyncIdentityCognito } from '@aws-appsync/utils';
const isAdmin = (groups: string[] | null) => !!groups && groups.includes('Admins');
`;
const response = `export function response(ctx: Context) { return ctx.result; }`;
const update = (body: string) => `${appsync}
export function request(ctx: Context<{ input: { id: string; owner: string; rating: number }; strict?: boolean }>) {
  const { sub, groups } = ctx.identity as AppSyncIdentityCognito;
  const { id, rating } = ctx.args.input;
${body}
}
${response}`;
const updating = (condition: string, mark = '') =>
  `  return { operation: 'UpdateItem', key: util.dynamodb.toMapValues({ id }), condition: ${condition}, update: { expression: 'SET rating = :r', expressionValues: util.dynamodb.toMapValues({ ':r': rating }) } };${mark}`;
const scan = (body: string) => `${appsync}
export function request(ctx: Context<{ filter?: Record<string, unknown>; q: string; limit?: number }>) {
  const { sub } = ctx.identity as AppSyncIdentityCognito;
  const { filter, limit = 20 } = ctx.args;
${body}
}
${response}`;
const bad = (code: string) => invalidAt(code, 'unscopedKey' as const);

t.run('no-unscoped-key (AppSync condition objects)', auditMode(unscoped), {
  valid: [
    // The owner condition, converted: only the caller's own item is updated.
    update(`  const condition = JSON.parse(util.transform.toDynamoDBConditionExpression({ id: { attributeExists: true }, owner: { eq: sub } }));
${updating('condition')}`),
    // Added for every caller but an administrator: the admin path is privileged.
    update(`  let condition = {};
  if (!isAdmin(groups)) {
    condition = JSON.parse(util.transform.toDynamoDBConditionExpression({ owner: { eq: sub } }));
  }
${updating('condition')}`),
    // The same as a conditional, and a condition object held in a constant.
    update(`  const owned = { owner: { eq: sub } };
${updating('isAdmin(groups) ? {} : JSON.parse(util.transform.toDynamoDBConditionExpression(owned))')}`),
    // A scan whose filter is made of constants only.
    scan(
      `  return { operation: 'Scan', filter: JSON.parse(util.transform.toDynamoDBFilterExpression({ status: { eq: 'PUBLISHED' } })), limit };`,
    ),
    // A scan filtered to the caller's items, whatever else the client narrows it by.
    scan(
      `  return { operation: 'Scan', filter: JSON.parse(util.transform.toDynamoDBFilterExpression({ owner: { eq: sub }, title: { contains: ctx.args.q } })), limit };`,
    ),
  ],
  invalid: [
    // The owner compared with an argument: the client names whose item.
    bad(
      update(
        updating(
          'JSON.parse(util.transform.toDynamoDBConditionExpression({ owner: { eq: ctx.args.input.owner } }))',
          ' // ✗',
        ),
      ),
    ),
    // A condition on another attribute only (existence): any item by id.
    bad(
      update(`  let condition = {};
  if (!isAdmin(groups)) condition = JSON.parse(util.transform.toDynamoDBConditionExpression({ id: { attributeExists: true } }));
${updating('condition', ' // ✗')}`),
    ),
    // Compared with the caller, but not for equality, or as one alternative of several.
    bad(update(updating('JSON.parse(util.transform.toDynamoDBConditionExpression({ owner: { ne: sub } }))', ' // ✗'))),
    bad(
      update(
        updating(
          'JSON.parse(util.transform.toDynamoDBConditionExpression({ or: [{ owner: { eq: sub } }, { shared: { eq: true } }] }))',
          ' // ✗',
        ),
      ),
    ),
    // The same with the utils helper, whose condition is the object itself.
    bad(`${appsync}import * as ddbjs from '@aws-appsync/utils/dynamodb';
export function request(ctx: Context<{ id: string }>) {
  const { sub } = ctx.identity as AppSyncIdentityCognito;
  return ddbjs.remove({ key: { id: ctx.args.id }, condition: { owner: { ne: sub } } }); // ✗
}
${response}`),
    // The condition is added only when the client asks for it, or only for administrators.
    bad(
      update(`  let condition = {};
  if (ctx.args.strict) condition = JSON.parse(util.transform.toDynamoDBConditionExpression({ owner: { eq: sub } }));
${updating('condition', ' // ✗')}`),
    ),
    bad(
      update(`  let condition = {};
  if (isAdmin(groups)) condition = JSON.parse(util.transform.toDynamoDBConditionExpression({ owner: { eq: sub } }));
${updating('condition', ' // ✗')}`),
    ),
    // The client's own filter on a scan: every user's items.
    bad(
      scan(
        `  return { operation: 'Scan', filter: filter ? JSON.parse(util.transform.toDynamoDBFilterExpression(filter)) : undefined, limit }; // ✗`,
      ),
    ),
    bad(
      scan(`  const clientFilter = JSON.parse(util.transform.toDynamoDBFilterExpression(ctx.args.filter ?? {})); // ✗
  return { operation: 'Scan', filter: clientFilter, limit };`),
    ),
    // A scan filtered by a request value in a constant-shaped filter.
    bad(
      scan(
        `  return { operation: 'Scan', filter: JSON.parse(util.transform.toDynamoDBFilterExpression({ title: { contains: ctx.args.q } })), limit }; // ✗`,
      ),
    ),
  ],
});
