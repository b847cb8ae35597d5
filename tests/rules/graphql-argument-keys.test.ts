import rule from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { docClient, expressValidatorApp } from './framework-headers.js';
import { injectionsAt } from './injection-cases.js';

/**
 * A GraphQL server checks a request's arguments against the schema before any resolver runs and
 * rejects fields an input type does not declare, so the keys of an argument the schema types as an
 * input type are the schema's allow-list: names built from them are no client's choice, whatever
 * the declared fields hold. An argument or field typed as a JSON scalar lets any keys through, and
 * an argument no schema the program sees declares is no allow-list.
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

const updatePost = 'type Mutation { updatePost(post: PostInput!): Post }';
/** `destructured`: the handler passes the input's fields on as a copy of a `...rest`. */
const appsync = (
  schemaFile: string,
  reported = false,
  destructured = false,
) => `import type { AppSyncResolverEvent } from 'aws-lambda';
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
export const handler = async (event: AppSyncResolverEvent<{ post: PostInput }>) => {
  const username = (event.identity as { username: string }).username;
  ${
    destructured
      ? 'const { post: { id, ...rest } } = event.arguments;\n  return updatePost({ ...rest, id }, username);'
      : 'return updatePost(event.arguments.post, username);'
  }${reported ? ' // ✗ expression' : ''}
};`;

/**
 * An APPSYNC_JS resolver: the input's other fields, destructured from `ctx.args.input`, become
 * `SET #k = :k` in a helper (`request`, its file naming no field, so the schema's fields declaring
 * an `input` argument must all type it as an input type). `mark` goes on the returned request.
 */
const resolver = (
  schema: string,
  read = 'const { input } = ctx.args;\n  const { id, ...values } = input;',
  mark = '',
) =>
  `import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
${schema ? `export const schema = \`${schema}\`;` : ''}
function updateRequest(key: Record<string, unknown>, data: Record<string, unknown>): DynamoDBUpdateItemRequest {
  const sets: string[] = [];
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    expressionNames[\`#\${k}\`] = k;
    sets.push(\`#\${k} = :\${k}\`);
    expressionValues[\`:\${k}\`] = v;
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(key),
    update: { expression: \`SET \${sets.join(', ')}\`, expressionNames, expressionValues: util.dynamodb.toMapValues(expressionValues) },
  };
}
export function request(ctx: Context<{ input: { id: string; [field: string]: unknown } }>) {
  ${read}
  return updateRequest({ id }, { ...values, updatedAt: util.time.nowISO8601() });${mark}
}
export function response(ctx: Context) {
  return ctx.result;
}`;
const contactSchema = (input: string) => `type Contact { id: ID!, firstName: String, meta: AWSJSON }
  scalar AWSJSON
  input UpdateContactInput { id: ID!, firstName: String, meta: AWSJSON }
  type Mutation { updateContact(input: ${input}): Contact, archiveContact(input: UpdateContactInput): Contact }`;

ruleTester.run('no-expression-injection: keys of GraphQL arguments', rule, {
  valid: [
    // The input type declares title and body: no other key reaches the resolver.
    apollo(declaredPatch, setClause),
    // A JSON field inside the input type: the input's own keys are still the declared fields.
    apollo('scalar JSON\n  input NotePatch { title: String, extra: JSON }', setClause),
    // AppSync validates \`event.arguments\` against its schema the same way.
    appsync(`input PostInput { id: ID!, title: String, content: String } ${updatePost}`),
    appsync(`scalar AWSJSON input PostInput { id: ID!, title: String, meta: AWSJSON } ${updatePost}`),
    // An APPSYNC_JS resolver: the rest of a destructured input, through a helper's \`Object.entries\`.
    resolver(contactSchema('UpdateContactInput!')),
    resolver(contactSchema('UpdateContactInput!'), 'const { id, ...values } = ctx.arguments.input;'),
    // A Lambda resolver destructuring the input (\`const { post: { id, ...rest } } = event.arguments\`).
    appsync(`input PostInput { id: ID!, title: String, content: String } ${updatePost}`, false, true),
  ],
  invalid: [
    // A JSON argument passes any keys.
    injectionsAt(
      apollo('scalar JSON', `${setClause} // ✗ expression`, true).replace('patch: NotePatch!', 'patch: JSON!'),
    ),
    // The keys of a JSON field inside a declared input are the client's.
    injectionsAt(
      apollo('scalar JSON\n  input NotePatch { title: String, extra: JSON }', `${setClause} // ✗ expression`, true)
        .replace('Object.keys(args.patch)', 'Object.keys(args.patch.extra)')
        .replace('= args.patch[field]!', '= String(args.patch.extra[field])'),
    ),
    injectionsAt(appsync(`scalar AWSJSON type Mutation { updatePost(post: AWSJSON!): Post }`, true)),
    injectionsAt(appsync(`scalar AWSJSON type Mutation { updatePost(post: AWSJSON!): Post }`, true, true)),
    // A schema that declares no such argument, or no schema the program sees: nothing bounds the keys.
    injectionsAt(appsync('input PostInput { id: ID!, title: String, content: String }', true)),
    injectionsAt(resolver('', undefined, ' // ✗ expression')),
    // An input declared as AWSJSON.
    injectionsAt(resolver(contactSchema('AWSJSON!'), undefined, ' // ✗ expression')),
    // A REST body's keys, through the same \`...rest\`: no schema bounds them.
    injectionsAt(`${expressValidatorApp}import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
app.patch('/contacts/:id', async (req: express.Request, res: express.Response) => {
  const { id, ...values } = req.body as Record<string, string>;
  const names: Record<string, string> = {};
  const sets = Object.keys(values).map((k) => {
    names[\`#\${k}\`] = k; // ✗ attributeName
    return \`#\${k} = :\${k}\`;
  });
  await ddb.send(new UpdateCommand({
    TableName: 'Contacts',
    Key: { id: req.params.id },
    UpdateExpression: \`SET \${sets.join(', ')}\`, // ✗ expression
    ExpressionAttributeNames: names,
  }));
  res.json({ id });
});`),
    // The keys are bounded, the values are not: a value spliced into the text is still injection.
    injectionsAt(apollo(declaredPatch, 'UpdateExpression: `SET title = ${args.patch.title}`, // ✗ expression')),
  ],
});
