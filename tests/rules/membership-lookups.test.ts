import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * Membership by lookup: a read keyed by the caller and another value (`{ userId: sub, entityId }`)
 * that must find something, or execution stops, proves that the caller belongs to that value. Later
 * accesses keyed by it are scoped, and so is an item whose attribute the lookup was keyed by
 * (read, look up, act). The lookup may go through a read wrapper, a `let` assigned in a `try`, and a
 * helper that throws when its argument is missing.
 */
const ruleTester = createRuleTesterWithTypes();

const header = `import type { AppSyncResolverHandler } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const { TABLE_TASK, TABLE_ENTITY_USER, TABLE_PAYMENT } = process.env;
const getRecord = async (tableName: string, keys: Record<string, any>): Promise<any> => {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: keys }));
  return Item;
};
const validateEntityUser = (entityUser: unknown) => {
  if (!entityUser) {
    throw new Error('UNAUTHORISED_ENTITY');
  }
};
const logMissing = (entityUser: unknown) => {
  if (!entityUser) {
    return;
  }
};
const queryPayments = async (entityId: string) => {
  const out = await ddb.send(new QueryCommand({ TableName: TABLE_PAYMENT, KeyConditionExpression: 'entityId = :e', ExpressionAttributeValues: { ':e': entityId } }));
  return out.Items ?? [];
};
type Args = { input: { taskId: string; entityId: string; userId: string } };
`;

const handler = (body: string) => `${header}
export const handler: AppSyncResolverHandler<Args, unknown> = async (ctx) => {
  const { sub } = ctx.identity as { sub: string };
  const { taskId, entityId, userId } = ctx.arguments.input;
${body}
};`;

ruleTester.run('no-unscoped-key (membership lookups)', rule, {
  valid: [
    // Through a read wrapper, with the presence test written out.
    handler(`  const entityUser = await getRecord(TABLE_ENTITY_USER ?? '', { userId: sub, entityId });
  if (!entityUser) throw new Error('UNAUTHORISED');
  return queryPayments(entityId);`),
    // The presence test inside a helper that throws.
    handler(`  const entityUser = await getRecord(TABLE_ENTITY_USER ?? '', { userId: sub, entityId });
  validateEntityUser(entityUser);
  return queryPayments(entityId);`),
    // The lookup assigned once to a \`let\` inside a \`try\`.
    handler(`  let entityUser;
  try {
    entityUser = await getRecord(TABLE_ENTITY_USER ?? '', { userId: sub, entityId });
  } catch (err) {
    throw new Error('LOOKUP_FAILED');
  }
  validateEntityUser(entityUser);
  return queryPayments(entityId);`),
    // Read, look up, act: the lookup is keyed by the task's entity, so the task (its read and the
    // delete by the same id) is the caller's entity's.
    handler(`  const task = await getRecord(TABLE_TASK ?? '', { id: taskId });
  if (!task) throw new Error('NO_TASK');
  const entityUser = await getRecord(TABLE_ENTITY_USER ?? '', { userId: sub, entityId: task.entityId });
  validateEntityUser(entityUser);
  await ddb.send(new DeleteCommand({ TableName: TABLE_TASK, Key: { id: taskId } }));
  return task;`),
  ],
  invalid: [
    // The lookup is keyed by a user the client names, not the caller.
    invalidAt(
      handler(`  const entityUser = await getRecord(TABLE_ENTITY_USER ?? '', { userId, entityId }); // ✗
  validateEntityUser(entityUser);
  return queryPayments(entityId); // ✗`),
      'unscopedKey',
    ),
    // The lookup's result is never checked.
    invalidAt(
      handler(`  const entityUser = await getRecord(TABLE_ENTITY_USER ?? '', { userId: sub, entityId });
  console.log(entityUser);
  return queryPayments(entityId); // ✗`),
      'unscopedKey',
    ),
    // The check does not stop the caller: the helper returns.
    invalidAt(
      handler(`  const entityUser = await getRecord(TABLE_ENTITY_USER ?? '', { userId: sub, entityId });
  logMissing(entityUser);
  return queryPayments(entityId); // ✗`),
      'unscopedKey',
    ),
    // The lookup is keyed by the client's entity, not the task's: the task may be another entity's.
    invalidAt(
      handler(`  const task = await getRecord(TABLE_TASK ?? '', { id: taskId }); // ✗
  const entityUser = await getRecord(TABLE_ENTITY_USER ?? '', { userId: sub, entityId });
  validateEntityUser(entityUser);
  await ddb.send(new DeleteCommand({ TableName: TABLE_TASK, Key: { id: taskId } })); // ✗
  return task;`),
      'unscopedKey',
    ),
  ],
});
