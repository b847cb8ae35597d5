import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportsWithRootProject, temporaryRootProject } from '../root-project.js';

/**
 * AppSync pipeline resolvers written one file per function (`Query.getEntity0.ts`,
 * `Query.getEntity1.ts`, wired in that order by the deployment): function N runs only after the
 * functions before it went through, and `util.unauthorized()` in any of them ends the resolver. A
 * caller check of an earlier function guards the later functions' accesses; a read whose item the
 * next function checks the caller against reaches no one the check stops.
 */
const { root, write } = temporaryRootProject('pipeline-steps-');

const header = `import { AppSyncIdentityCognito, Context, DynamoDBGetItemRequest, util } from '@aws-appsync/utils';
`;
/** The caller's membership of the entity the client names, and an exit unless it exists. */
const membershipOfArgument = (exit = 'util.unauthorized();') => `${header}
export function request(ctx: Context): DynamoDBGetItemRequest {
  const { sub } = ctx.identity as AppSyncIdentityCognito;
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ userId: sub, entityId: ctx.args.id }) };
}
export function response(ctx: Context) {
  const { sub } = ctx.identity as AppSyncIdentityCognito;
  if (!ctx.result?.userId || ctx.result.userId !== sub) {
    ${exit}
  }
  return ctx.result;
}
`;
/** The same read, handed on unchecked. */
const membershipUnchecked = `${header}
export function request(ctx: Context): DynamoDBGetItemRequest {
  const { sub } = ctx.identity as AppSyncIdentityCognito;
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ userId: sub, entityId: ctx.args.id }) };
}
export function response(ctx: Context) {
  return ctx.result;
}
`;
/** The entity the client names, read by id. */
const readById = `${header}
export function request(ctx: Context): DynamoDBGetItemRequest {
  const { id } = ctx.args;
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id }) };
}
export function response(ctx: Context) {
  return ctx.result;
}
`;
/** The contact the client names, deleted by id. */
const deleteById = `${header}
export function request(ctx: Context) {
  const { id } = ctx.args;
  return { operation: 'DeleteItem', key: util.dynamodb.toMapValues({ id }) };
}
export function response(ctx: Context) {
  return ctx.result;
}
`;
/** The caller's membership of the entity of the item the step before read; the item only past it. */
const membershipOfPrevious = `${header}
export function request(ctx: Context): DynamoDBGetItemRequest {
  const { sub } = ctx.identity as AppSyncIdentityCognito;
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ userId: sub, entityId: ctx.prev.result?.entityId }) };
}
export function response(ctx: Context) {
  if (!ctx.result) {
    util.unauthorized();
  }
  return ctx.prev.result;
}
`;

const app = (folder: string, files: Record<string, string>) => {
  write(`${folder}/package.json`, `{ "name": "${folder}" }`);
  for (const [name, text] of Object.entries(files)) write(`${folder}/resolvers/${name}`, text);
};
app('member-first', { 'Query.getEntity0.ts': membershipOfArgument(), 'Query.getEntity1.ts': readById });
app('read-first', { 'Query.getContact0.ts': readById, 'Query.getContact1.ts': membershipOfPrevious });
// Look-alikes: an earlier function that checks nothing, or only ends its own step (`return`).
app('unchecked-first', { 'Query.getEntity0.ts': membershipUnchecked, 'Query.getEntity1.ts': readById });
app('returns-first', { 'Query.getEntity0.ts': membershipOfArgument('return null;'), 'Query.getEntity1.ts': readById });
// Functions numbered from 1: no pipeline read this way, so the check of the first guards nothing.
app('gap', { 'Query.getEntity1.ts': membershipOfArgument(), 'Query.getEntity2.ts': readById });
// A delete before the check: the item is gone whatever the next function decides.
app('write-first', { 'Mutation.deleteContact0.ts': deleteById, 'Mutation.deleteContact1.ts': membershipOfPrevious });

const lint = (file: string) => reportsWithRootProject(root, path.join(root, file), 'recommended');
const unscoped = 'dynamodb-security/no-unscoped-key';
const unvalidated = 'dynamodb-security/no-unvalidated-input';

describe('AppSync pipeline functions guarded by the functions around them', () => {
  it("scopes a later function's access by an earlier function's caller check, leaving its text unvalidated", async () => {
    expect(await lint('member-first/resolvers/Query.getEntity1.ts')).toEqual([`5 ${unvalidated}`]);
  });

  it('scopes a read whose item the next function checks the caller against', async () => {
    expect(await lint('read-first/resolvers/Query.getContact0.ts')).toEqual([`5 ${unvalidated}`]);
  });

  it('keeps the access after an earlier function that checks nothing, or whose exit only ends its step', async () => {
    expect(await lint('unchecked-first/resolvers/Query.getEntity1.ts')).toEqual([`5 ${unscoped}`]);
    expect(await lint('returns-first/resolvers/Query.getEntity1.ts')).toEqual([`5 ${unscoped}`]);
  });

  it('keeps a function whose numbers do not start at 0, and a write the check comes after', async () => {
    expect(await lint('gap/resolvers/Query.getEntity2.ts')).toEqual([`5 ${unscoped}`]);
    expect(await lint('write-first/resolvers/Mutation.deleteContact0.ts')).toEqual([`5 ${unscoped}`]);
  });
});
