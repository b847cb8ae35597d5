import noUnscopedKey from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * A Lambda that an AppSync JavaScript resolver invokes with its whole context (`payload: { ctx }`)
 * receives the GraphQL arguments as `event.ctx.arguments` and the caller as `event.ctx.identity`.
 */
const ruleTester = createRuleTesterWithTypes();

const notes = (key: string) => `import type { Handler } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const create: Handler = async (event) => {
  await ddb.send(new PutCommand({ TableName: 'Notes', Item: { ownerId: event.ctx.identity.sub, noteId: crypto.randomUUID(), text: String(event.ctx.arguments.text) } }));
};

export const handler: Handler = async (event) => {
  const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ${key}, noteId: String(event.ctx.arguments.noteId) } }));
  return { text: out.Item?.text };
};

// The resolver that invokes it with its whole context.
export function request(ctx: unknown) {
  return { operation: 'Invoke', payload: { ctx } };
}`;

ruleTester.run('no-unscoped-key (Lambdas invoked with the whole AppSync context)', noUnscopedKey, {
  valid: [notes('event.ctx.identity.sub')],
  invalid: [
    invalidAt(
      notes('String(event.ctx.arguments.ownerId)').replace(
        'noteId: String(event.ctx.arguments.noteId) } }));',
        'noteId: String(event.ctx.arguments.noteId) } })); // ✗✗',
      ),
      'unscopedKey',
    ),
  ],
});
