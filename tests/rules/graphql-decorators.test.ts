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
