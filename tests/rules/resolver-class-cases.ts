import { invalidAt } from './express-cases.js';
import { injectionsAt } from './injection-cases.js';

/**
 * How a GraphQL resolver-class library (TypeGraphQL, `@nestjs/graphql`) spells what the shared
 * cases need: its imports and a `Note` object type, an argument, the context and the caller in it,
 * and the field-resolver decorator with its parent parameter.
 */
export interface ResolverDialect {
  /** Imports, a `ddb` client, a `Note` object type, a context type, and `GraphQLJSON` in scope. */
  readonly header: string;
  /** `@Arg('id')`, `@Args('id')`. */
  readonly arg: (name: string) => string;
  /** The context parameter: `@Ctx() ctx: AppContext`. */
  readonly context: string;
  /** The caller read from that parameter: `ctx.user.sub`. */
  readonly caller: string;
  /** `FieldResolver`, `ResolveField`. */
  readonly fieldResolver: string;
  /** The parent parameter of a field resolver: `@Root() note: Note`. */
  readonly parent: string;
}

/**
 * The cases every resolver-class library shares (SPEC §3–5): arguments are client data, the
 * context holds the caller, and a method's declared object type projects the item it returns
 * unless that type is a JSON scalar. Each test file adds its library's own cases.
 */
export function resolverClassCases(d: ResolverDialect) {
  const resolver = (body: string) => `${d.header}@Resolver(() => Note)
export class NoteResolver {
${body}
}`;
  const ownNote = `const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ${d.caller}, noteId: id } }));`;
  const statusQuery = (status: string) =>
    `const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':o': ${d.caller}, ':s': ${status} } }));`;
  return {
    resolver,
    unscoped: {
      valid: [
        // The caller's own partition, from the context.
        resolver(`  @Query(() => Note, { nullable: true })
  async note(${d.arg('id')} id: string, ${d.context}) {
    ${ownNote}
    return out.Item as Note | undefined;
  }`),
        // A dominating ownership check against the context's caller.
        resolver(`  @Query(() => [Note])
  async notesOf(${d.arg('ownerId')} ownerId: string, ${d.context}) {
    if (ownerId !== ${d.caller}) throw new Error('forbidden');
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ownerId } }));
    return (out.Items ?? []) as Note[];
  }`),
      ],
      invalid: [
        invalidAt(
          resolver(`  @Query(() => Note, { nullable: true })
  async note(${d.arg('id')} id: string) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: id } })); // ✗
    return out.Item as Note | undefined;
  }`),
          'unscopedKey',
        ),
        // The argument in the owner's place, beside a context the resolver never uses for the key.
        invalidAt(
          resolver(`  @Query(() => [Note])
  async notesOf(${d.arg('ownerId')} ownerId: string, ${d.context}) {
    console.log(${d.caller});
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ownerId } })); // ✗
    return (out.Items ?? []) as Note[];
  }`),
          'unscopedKey',
        ),
      ],
    },
    unvalidated: {
      // An allow-listed filter value.
      valid: [
        resolver(`  @Query(() => [Note])
  async byStatus(${d.arg('status')} status: string, ${d.context}) {
    if (status !== 'open' && status !== 'done') throw new Error('bad status');
    ${statusQuery('status')}
    return (out.Items ?? []) as Note[];
  }`),
      ],
      // A GraphQL String argument is not validated content (SPEC §4).
      invalid: [
        invalidAt(
          resolver(`  @Query(() => [Note])
  async byStatus(${d.arg('status')} status: string, ${d.context}) {
    ${statusQuery('status')} // ✗
    return (out.Items ?? []) as Note[];
  }`),
          'unvalidatedInput',
        ),
      ],
    },
    injection: {
      valid: [
        resolver(`  @Query(() => [Note])
  async sorted(${d.arg('field')} field: string, ${d.context}) {
    if (field !== 'text' && field !== 'status') throw new Error('bad field');
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ProjectionExpression: field, ExpressionAttributeValues: { ':o': ${d.caller} } }));
    return (out.Items ?? []) as Note[];
  }`),
      ],
      invalid: [
        injectionsAt(
          resolver(`  @Query(() => [Note])
  async filtered(${d.arg('field')} field: string, ${d.context}) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: \`\${field} = :v\`, ExpressionAttributeValues: { ':o': ${d.caller}, ':v': 'x' } })); // ✗ expression
    return (out.Items ?? []) as Note[];
  }`),
        ),
      ],
    },
    raw: {
      valid: [
        // The object type projects the item: only its fields reach the client.
        resolver(`  @Query(() => Note, { nullable: true })
  async note(${d.arg('id')} id: string, ${d.context}) {
    ${ownNote}
    return out.Item as Note | undefined;
  }`),
        // A JSON scalar query whose value is a projection.
        resolver(`  @Query(() => GraphQLJSON, { nullable: true })
  async noteJson(${d.arg('id')} id: string, ${d.context}) {
    ${ownNote}
    return { id: out.Item?.id as string, text: out.Item?.text as string };
  }`),
      ],
      invalid: [
        // A JSON scalar passes the whole item through (SPEC §5).
        invalidAt(
          resolver(`  @Query(() => GraphQLJSON, { nullable: true })
  async noteJson(${d.arg('id')} id: string, ${d.context}) {
    ${ownNote}
    return out.Item; // ✗
  }`),
          'rawItem',
        ),
        // A field resolver of a JSON field.
        invalidAt(
          resolver(`  @${d.fieldResolver}(() => GraphQLJSON)
  async details(${d.parent}) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: note.id } }));
    return out.Item; // ✗
  }`),
          'rawItem',
        ),
      ],
    },
  };
}
