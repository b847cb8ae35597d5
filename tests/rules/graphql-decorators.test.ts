import raw from '../../rules/no-raw-item-response.js';
import unscoped from '../../rules/no-unscoped-key.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { docClient } from './framework-headers.js';

/**
 * GraphQL resolver classes (TypeGraphQL, `@nestjs/graphql`): `@Arg('id')`/`@Args()` parameters are
 * client data and the context a `@Ctx()`/`@Context()` parameter injects holds the caller. The
 * decorators are matched by name (declared here as TypeGraphQL declares them).
 */
const ruleTester = createRuleTesterWithTypes();
const resolver = (key: string) => `${docClient}
declare function Resolver(): ClassDecorator;
declare function Query(): MethodDecorator;
declare function Arg(name: string): ParameterDecorator;
declare function Ctx(): ParameterDecorator;
interface AppContext { user: { sub: string }; req: { headers: Record<string, string> } }
@Resolver()
export class NoteResolver {
  @Query()
  async note(@Arg('id') id: string, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: ${key} })); // ✗
    return out.Item?.text as string | undefined;
  }
}`;

ruleTester.run('no-unscoped-key (GraphQL resolver classes)', auditMode(unscoped), {
  valid: [
    // The caller's own partition, from the injected context.
    resolver('{ ownerId: ctx.user.sub, noteId: id }').replace(' // ✗', ''),
  ],
  invalid: [
    invalidAt(resolver('{ noteId: id }'), 'unscopedKey'),
    // The argument in the owner's place: the client names whose note.
    invalidAt(resolver("{ ownerId: id, noteId: 'n' }"), 'unscopedKey'),
  ],
});

/** A resolver map whose schema (in the program) declares the `note` field as `type`. */
const jsonField = (type: string) => `${docClient}
export const typeDefs = \`#graphql
  scalar JSON
  type Note { id: ID!, text: String }
  type Query { note(id: ID!, options: NoteOptions): ${type} }
\`;
export const resolvers = {
  Query: {
    note: async (_parent: unknown, args: { id: string }, ctx: { user: { sub: string } }) => {
      const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: args.id } }));
      return out.Item; // ✗
    },
  },
};`;

const rawTester = createRuleTesterWithTypes();
rawTester.run('no-raw-item-response (GraphQL JSON scalars)', auditMode(raw), {
  // The schema's output type projects the item.
  valid: [jsonField('Note').replace(' // ✗', '')],
  // A JSON scalar passes the whole item through (SPEC §5).
  invalid: [invalidAt(jsonField('JSON'), 'rawItem'), invalidAt(jsonField('[JSON!]'), 'rawItem')],
});
