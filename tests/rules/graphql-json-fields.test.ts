import raw from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { docClient } from './framework-headers.js';

/**
 * A JSON field inside a resolver's output type (`Query.note: Note`, `Note.details: JSON`) passes
 * whatever the resolver puts there whole: `{ id, details: item }` sends the item (SPEC §5); the
 * item's own `details` attribute, or the item returned as a `Note`, is projected.
 */
const ruleTester = createRuleTesterWithTypes();
const resolvers = (returned: string, list = false) => `${docClient}
export const typeDefs = \`#graphql
  scalar JSON
  type Note { id: ID!, details: JSON }
  type Query { note(id: ID!): Note, notes: [Note!]! }
\`;
export const resolvers = {
  Query: {
    ${list ? 'notes' : 'note'}: async (_parent: unknown, args: { id: string }, ctx: { user: { sub: string } }) => {
      const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: args.id } }));
      const item = out.Item ?? {};
      return ${returned};
    },
  },
};`;

ruleTester.run('no-raw-item-response (GraphQL JSON fields of output types)', auditMode(raw), {
  valid: [
    resolvers('item'),
    resolvers('{ id: item.id as string, details: item.details as unknown }'),
    resolvers('[{ id: item.id as string, details: item.details as unknown }]', true),
  ],
  invalid: [
    invalidAt(resolvers('{ id: item.id as string, details: item } // ✗'), 'rawItem'),
    invalidAt(resolvers('[item].map((one) => ({ id: one.id as string, details: one })) // ✗', true), 'rawItem'),
  ],
});
