import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { bundler, docClient } from './framework-headers.js';

/**
 * A GraphQL resolver map often holds functions written elsewhere (`{ Mutation: { editUser } }`
 * of an imported `editUser`, `note: getNote`), or is built by assignment
 * (`resolvers['Mutation']['x'] = fn`, as generated resolver indexes do): each such function is a
 * resolver, its second parameter the client's arguments, exactly as one written inline.
 */
const ruleTester = createRuleTesterWithTypes();
const bad = (code: string) => ({ ...invalidAt(code, 'unscopedKey' as const), filename: bundler });
const good = (code: string) => ({ code, filename: bundler });

const apollo = `import { ApolloServer } from '@apollo/server';
${docClient}
const getNote = async (_parent: unknown, args: { id: string }) =>
  (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { id: args.id } }))).Item; // ✗
async function removeNote(_parent: unknown, args: { id: string }) {
  await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { id: args.id } })); // ✗
  return true;
}
`;

ruleTester.run('no-unscoped-key (resolvers held by reference)', auditMode(unscoped), {
  valid: [
    // The same functions held by a map that is no resolver map: their parameters are their callers'.
    good(`${apollo.replaceAll(' // ✗', '')}
export const helpers = { getNote, removeNote };`),
  ],
  invalid: [
    // Shorthand members and a member naming the function.
    bad(`${apollo}
export const server = new ApolloServer({ typeDefs: '', resolvers: { Query: { getNote }, Mutation: { removeNote: removeNote } } });`),
    // A map built by assignment, of referenced and of inline functions.
    bad(`${apollo}
const resolvers: Record<string, Record<string, unknown>> = { Query: {}, Mutation: {} };
resolvers['Query']['getNote'] = getNote;
resolvers.Mutation.removeNote = removeNote;
resolvers['Mutation']['archiveNote'] = async (_parent: unknown, args: { id: string }) =>
  ddb.send(new DeleteCommand({ TableName: 'Archive', Key: { id: args.id } })); // ✗
export const server = new ApolloServer({ typeDefs: '', resolvers });`),
  ],
});
