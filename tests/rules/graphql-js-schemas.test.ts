import raw from '../../rules/no-raw-item-response.js';
import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { docClient } from './framework-headers.js';

/**
 * A field resolver of a graphql-js object type receives the client's arguments as its second
 * parameter and the server's context as its third: `new GraphQLObjectType({ name, fields: { note:
 * { args, resolve: (parent, args, context) => … } } })`, also with `fields: () => ({ … })` and a
 * field config typed `GraphQLFieldConfig`. Where graphql is untyped, the place decides: `resolve`
 * of a field under `fields` of a `GraphQLObjectType` constructor. Its return is projected by the
 * field's output type, as a resolver map's is.
 */
const ruleTester = createRuleTesterWithTypes();
const graphql = `import { GraphQLObjectType, GraphQLSchema, GraphQLString, GraphQLNonNull } from 'graphql';
import type { GraphQLFieldConfig } from 'graphql';
${docClient}interface Context { user: { sub: string } }
const noteType = new GraphQLObjectType({ name: 'Note', fields: { id: { type: GraphQLString }, text: { type: GraphQLString } } });
`;
const args = `args: { id: { type: new GraphQLNonNull(GraphQLString) } }`;
const schema = (key: string, thunk = false) => `${graphql}
const fields = {
  note: {
    type: noteType,
    ${args},
    resolve: async (_parent: unknown, args: { id: string }, ctx: Context) => {
      const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: ${key} })); // ✗
      return out.Item;
    },
  },
};
export const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, Context>({ name: 'Query', fields: ${thunk ? '() => (fields)' : 'fields'} }),
});`;
const inline = (key: string, thunk = false) => `${graphql}
export const schema = new GraphQLSchema({
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: ${thunk ? '() => ({' : '{'}
      deleteNote: {
        type: GraphQLString,
        ${args},
        async resolve(_parent, args, ctx) {
          await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: ${key} })); // ✗
          return 'ok';
        },
      },
    }${thunk ? ')' : ''},
  }),
});`;
const configured = (key: string) => `${graphql}
export const note: GraphQLFieldConfig<unknown, Context, { id: string }> = {
  type: noteType,
  ${args},
  resolve: async (_parent, args, ctx) => (await ddb.send(new GetCommand({ TableName: 'Notes', Key: ${key} }))).Item, // ✗
};`;
// A field config and a fields map held by constants of the file: shorthand and spread.
const held = (key: string) => `${graphql}
const note = {
  type: noteType,
  ${args},
  resolve: async (_parent: unknown, args: { id: string }, ctx: Context) =>
    (await ddb.send(new GetCommand({ TableName: 'Notes', Key: ${key} }))).Item, // ✗
};
const noteFields = { note };
export const query = new GraphQLObjectType({ name: 'Query', fields: () => ({ ...noteFields }) });`;
// graphql without types: the constructor is \`any\`, its name and the place decide.
const untyped = (constructor: string, key: string) => `${docClient}declare const ${constructor}: any;
export const query = new ${constructor}({
  name: 'Query',
  fields: () => ({
    note: { type: 'Note', resolve: async (parent, args, context) => (await ddb.send(new GetCommand({ TableName: 'Notes', Key: ${key} }))).Item }, // ✗
  }),
});`;
const clean = (code: string) => code.replaceAll(' // ✗', '');

ruleTester.run('no-unscoped-key (graphql-js code-first schemas)', auditMode(unscoped), {
  valid: [
    // The caller from the server's context keys the note: scoped.
    clean(schema('{ ownerId: ctx.user.sub, noteId: args.id }')),
    clean(inline('{ ownerId: ctx.user.sub, noteId: args.id }')),
    clean(configured('{ ownerId: ctx.user.sub, noteId: args.id }')),
    clean(held('{ ownerId: ctx.user.sub, noteId: args.id }')),
    // The same constants never given to an object type: no schema serves them.
    clean(held('{ noteId: args.id }')).replace(/export const query[^\n]*/, ''),
    clean(untyped('GraphQLObjectType', '{ ownerId: context.user.sub, noteId: args.id }')),
    // Look-alikes: a `resolve` under `fields` of another constructor, and a typed class of the program
    // that happens to be called GraphQLObjectType, are no GraphQL schema.
    clean(untyped('FormBuilder', '{ noteId: args.id }')),
    `${docClient}class GraphQLObjectType { constructor(readonly options: { name: string; fields: Record<string, { resolve(parent: unknown, args: { id: string }): unknown }> }) {} }
export const query = new GraphQLObjectType({
  name: 'Query',
  fields: { note: { resolve: async (_parent, args) => (await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: args.id } }))).Item } },
});`,
  ],
  invalid: [
    invalidAt(schema('{ noteId: args.id }'), 'unscopedKey'),
    invalidAt(schema('{ noteId: args.id }', true), 'unscopedKey'),
    // The argument in the owner's place: the client names whose note.
    invalidAt(inline('{ ownerId: args.id, noteId: "n" }'), 'unscopedKey'),
    invalidAt(inline('{ noteId: args.id }', true), 'unscopedKey'),
    invalidAt(configured('{ noteId: args.id }'), 'unscopedKey'),
    invalidAt(held('{ noteId: args.id }'), 'unscopedKey'),
    invalidAt(untyped('GraphQLObjectType', '{ noteId: args.id }'), 'unscopedKey'),
  ],
});

// A field declared with a JSON scalar passes the resolver's whole return through.
const json = (type: string, scalar = 'declare const GraphQLJSON: any;') => `${graphql}${scalar}
export const query = new GraphQLObjectType<unknown, Context>({
  name: 'Query',
  fields: {
    note: {
      type: ${type},
      ${args},
      resolve: async (_parent, args, ctx) => {
        const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: args.id } }));
        return out.Item; // ✗
      },
    },
  },
});`;

ruleTester.run('no-raw-item-response (graphql-js code-first schemas)', auditMode(raw), {
  // The field's output type projects the returned item (SPEC §5).
  valid: [
    clean(schema('{ ownerId: ctx.user.sub, noteId: args.id }')),
    clean(configured('{ noteId: args.id }')),
    clean(json('noteType')),
    clean(json('new GraphQLNonNull(noteType)')),
  ],
  invalid: [
    invalidAt(json('GraphQLJSON'), 'rawItem'),
    invalidAt(json('new GraphQLNonNull(GraphQLJSON)'), 'rawItem'),
    invalidAt(json('GraphQLJSONObject', "import { GraphQLJSONObject } from 'graphql-scalars';"), 'rawItem'),
  ],
});
