import rule from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { docClient } from './framework-headers.js';
import { injectionsAt } from './injection-cases.js';

/**
 * A GraphQL server checks a request's arguments against the schema before any resolver runs and
 * rejects fields an input type does not declare, so the keys of a resolver's arguments are the
 * schema's allow-list: names built from them are no client's choice. A JSON scalar taken as an
 * argument or an input field lets any keys through.
 */
const ruleTester = createRuleTesterWithTypes();
const header = `${docClient}import { UpdateCommand } from '@aws-sdk/lib-dynamodb';`;
/** `reported`: the marks of the three reports names built from client keys get. */
const apollo = (schema: string, body: string, reported = false) => `${header}
export const typeDefs = \`#graphql
  ${schema}
  type Note { id: ID!, title: String }
  type Mutation { updateNote(id: ID!, patch: NotePatch!): Note }
\`;
type Ctx = { user: { sub: string } };
export const resolvers = {
  Mutation: {
    updateNote: async (_parent: unknown, args: { id: string; patch: Record<string, string> }, ctx: Ctx) => {
      const names: Record<string, string> = {};
      const values: Record<string, string> = {};
      const sets = Object.keys(args.patch).map((field) => {
        names[\`#\${field}\`] = field;${reported ? ' // ✗ attributeName' : ''}
        values[\`:\${field}\`] = args.patch[field]!;${reported ? ' // ✗ placeholder' : ''}
        return \`#\${field} = :\${field}\`;
      });
      await ddb.send(new UpdateCommand({
        TableName: 'Notes',
        Key: { ownerId: ctx.user.sub, noteId: args.id },
        ${body}
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }));
      return { id: args.id };
    },
  },
};`;
const declaredPatch = 'input NotePatch { title: String, body: String }';
const setClause = 'UpdateExpression: `SET ${sets.join(", ")}`,';

const appsync = (schemaFile: string, reported = false) => `import type { AppSyncResolverEvent } from 'aws-lambda';
${header}
export const schema = \`type Post { id: ID!, title: String } ${schemaFile}\`;
type PostInput = { id: string; title?: string; content?: string };
async function updatePost(post: Record<string, unknown>, username: string) {
  let expression = 'SET ';
  const values: Record<string, unknown> = { ':owner': username };
  for (const attribute of Object.keys(post)) {
    if (attribute === 'id') continue;
    expression += \`\${attribute} = :\${attribute}, \`;
    values[\`:\${attribute}\`] = post[attribute];
  }
  await ddb.send(new UpdateCommand({
    TableName: 'Posts',
    Key: { id: post.id as string },
    UpdateExpression: expression.slice(0, -2),
    ConditionExpression: '#owner = :owner',
    ExpressionAttributeNames: { '#owner': 'owner' },
    ExpressionAttributeValues: values,
  }));
}
export const handler = async (event: AppSyncResolverEvent<{ post: PostInput }>) =>
  updatePost(event.arguments.post, (event.identity as { username: string }).username);${reported ? ' // ✗ expression' : ''}`;

ruleTester.run('no-expression-injection: keys of GraphQL arguments', rule, {
  valid: [
    // The input type declares title and body: no other key reaches the resolver.
    apollo(declaredPatch, setClause),
    // AppSync validates `event.arguments` against its schema the same way.
    appsync('input PostInput { id: ID!, title: String, content: String }'),
  ],
  invalid: [
    // A JSON argument passes any keys.
    injectionsAt(
      apollo('scalar JSON', `${setClause} // ✗ expression`, true).replace('patch: NotePatch!', 'patch: JSON!'),
    ),
    // So does an input type with a JSON field, somewhere in the schema.
    injectionsAt(
      apollo(
        'scalar AWSJSON\n  input NotePatch { title: String, extra: AWSJSON }',
        `${setClause} // ✗ expression`,
        true,
      ),
    ),
    injectionsAt(appsync('scalar AWSJSON input PostInput { id: ID!, title: String, meta: AWSJSON }', true)),
    // The keys are bounded, the values are not: a value spliced into the text is still injection.
    injectionsAt(apollo(declaredPatch, 'UpdateExpression: `SET title = ${args.patch.title}`, // ✗ expression')),
  ],
});
