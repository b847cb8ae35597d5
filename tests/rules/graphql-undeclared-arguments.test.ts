import rule from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { docClient } from './framework-headers.js';

/**
 * A GraphQL server rejects arguments, and fields of input types, that the schema does not declare
 * before any resolver runs: `{ noteId: randomUUID(), ...args.note }` cannot take `noteId` from the
 * client when `NoteInput` declares none, and `args.ownerId` is absent when the field declares no
 * such argument. Where the schema does declare it, or is not in sight, the pattern is reported.
 */
const ruleTester = createRuleTesterWithTypes();
const resolvers = (noteInput: string, body: string) => `${docClient}import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
export const typeDefs = \`#graphql
  input NoteInput { ${noteInput} }
  type Note { noteId: ID!, title: String }
  type Query { notes(limit: Int): [Note!]! }
  type Mutation { createNote(note: NoteInput!): Note }
\`;
type Ctx = { user: { sub: string } };
type Args = { note: Record<string, string>; ownerId?: string; limit?: number };
export const resolvers = {
  Query: {
    notes: async (_parent: unknown, args: Args, ctx: Ctx) => {
      const { Items = [] } = await ddb.send(new QueryCommand({
        TableName: 'Lists',
        KeyConditionExpression: 'ownerId = :o',
        ExpressionAttributeValues: { ':o': args.ownerId ?? ctx.user.sub },
        Limit: args.limit,
      }));
      return Items;
    },
  },
  Mutation: {
    createNote: async (_parent: unknown, args: Args, ctx: Ctx) => {
      ${body}
    },
  },
};`;
const spread = `const item = { noteId: randomUUID(), ownerId: ctx.user.sub, ...args.note }; // ✗
      await ddb.send(new PutCommand({ TableName: 'Notes', Item: item }));
      return item;`;
const destructured = spread
  .replace('...args.note', '...note')
  .replace('const item', 'const { note } = args;\n      const item');

ruleTester.run('no-unscoped-key: arguments the GraphQL schema does not declare', auditMode(rule), {
  valid: [
    // NoteInput has no noteId (and Query.notes no ownerId argument): the client can set neither.
    resolvers('title: String!, body: String', spread.replace(' // ✗', '')),
    resolvers('title: String!, body: String', destructured.replace(' // ✗', '')),
  ],
  invalid: [
    // The input type declares the key attribute: the client picks the item it overwrites.
    invalidAt(resolvers('noteId: ID, title: String!', spread), 'unscopedKey'),
    invalidAt(resolvers('noteId: ID, title: String!', destructured), 'unscopedKey'),
    // A field that declares the argument: the client lists another owner's notes.
    invalidAt(
      resolvers('title: String!', spread.replace(' // ✗', ''))
        .replace('notes(limit: Int)', 'notes(limit: Int, ownerId: ID)')
        .replace(
          "ExpressionAttributeValues: { ':o': args.ownerId ?? ctx.user.sub },",
          "ExpressionAttributeValues: { ':o': args.ownerId ?? ctx.user.sub }, // ✗",
        ),
      'unscopedKey',
    ),
    // No schema in sight: nothing bounds the arguments.
    invalidAt(
      resolvers('title: String!', spread)
        .replace(/export const typeDefs = `[^`]*`;/, '')
        .replace(
          "ExpressionAttributeValues: { ':o': args.ownerId ?? ctx.user.sub },",
          "ExpressionAttributeValues: { ':o': args.ownerId ?? ctx.user.sub }, // ✗",
        ),
      'unscopedKey',
    ),
  ],
});
