import injection from '../../rules/no-expression-injection.js';
import raw from '../../rules/no-raw-item-response.js';
import unscoped from '../../rules/no-unscoped-key.js';
import unvalidated from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { injectionsAt } from './injection-cases.js';

/**
 * TypeGraphQL resolver classes against the real `type-graphql` types: `@Arg()`/`@Args()` are
 * client data, the `@Ctx()` context holds the caller, and a `@Query(() => Note)` returns an item
 * projected by its object type, unless the field's type is a JSON scalar (SPEC §3–5).
 */
const ruleTester = createRuleTesterWithTypes();
const header = `import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { GraphQLScalarType } from 'graphql';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const AnyJson = new GraphQLScalarType({ name: 'JSON', serialize: (value) => value });
const When = new GraphQLScalarType({ name: 'Date', serialize: (value) => value });
interface AppContext { user: { sub: string }; req: { headers: Record<string, string | undefined> } }
@ObjectType()
export class Note {
  @Field(() => ID) id!: string;
  @Field() text!: string;
}
@ArgsType()
export class NoteArgs {
  @Field(() => ID) id!: string;
  @Field({ nullable: true }) status?: string;
}
`;
const resolver = (body: string) => `${header}@Resolver(() => Note)
export class NoteResolver {
${body}
}`;

ruleTester.run('no-unscoped-key (TypeGraphQL)', auditMode(unscoped), {
  valid: [
    // The caller's own partition, from the `@Ctx()` context.
    resolver(`  @Query(() => Note, { nullable: true })
  async note(@Arg('id', () => ID) id: string, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: id } }));
    return out.Item as Note | undefined;
  }`),
    // A destructured context user is the caller too.
    resolver(`  @Mutation(() => Boolean)
  async deleteNote(@Arg('id') id: string, @Ctx() { user }: AppContext) {
    await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { ownerId: user.sub, noteId: id } }));
    return true;
  }`),
    // A dominating ownership check against the context user.
    resolver(`  @Query(() => [Note])
  async notesOf(@Arg('ownerId') ownerId: string, @Ctx() ctx: AppContext) {
    if (ownerId !== ctx.user.sub) throw new Error('forbidden');
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ownerId } }));
    return (out.Items ?? []) as Note[];
  }`),
  ],
  invalid: [
    invalidAt(
      resolver(`  @Query(() => Note, { nullable: true })
  async note(@Arg('id', () => ID) id: string) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: id } })); // ✗
    return out.Item as Note | undefined;
  }`),
      'unscopedKey',
    ),
    // The argument in the owner's place, beside a context the resolver never uses for the key.
    invalidAt(
      resolver(`  @Query(() => [Note])
  async notesOf(@Arg('ownerId') ownerId: string, @Ctx() ctx: AppContext) {
    console.log(ctx.user.sub);
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ownerId } })); // ✗
    return (out.Items ?? []) as Note[];
  }`),
      'unscopedKey',
    ),
    // `@Args()` classes are client data, field by field.
    invalidAt(
      resolver(`  @Mutation(() => Boolean)
  async deleteNote(@Args() { id }: NoteArgs) {
    await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { noteId: id } })); // ✗
    return true;
  }`),
      'unscopedKey',
    ),
  ],
});

const unvalidatedTester = createRuleTesterWithTypes();
unvalidatedTester.run('no-unvalidated-input (TypeGraphQL)', auditMode(unvalidated), {
  valid: [
    // An allow-listed filter value.
    resolver(`  @Query(() => [Note])
  async byStatus(@Arg('status') status: string, @Ctx() ctx: AppContext) {
    if (status !== 'open' && status !== 'done') throw new Error('bad status');
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':o': ctx.user.sub, ':s': status } }));
    return (out.Items ?? []) as Note[];
  }`),
  ],
  invalid: [
    // A GraphQL String argument is not validated content (SPEC §4).
    invalidAt(
      resolver(`  @Query(() => [Note])
  async byStatus(@Arg('status') status: string, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':o': ctx.user.sub, ':s': status } })); // ✗
    return (out.Items ?? []) as Note[];
  }`),
      'unvalidatedInput',
    ),
    invalidAt(
      resolver(`  @Query(() => [Note])
  async byStatus(@Args() args: NoteArgs, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':o': ctx.user.sub, ':s': args.status } })); // ✗
    return (out.Items ?? []) as Note[];
  }`),
      'unvalidatedInput',
    ),
  ],
});

const injectionTester = createRuleTesterWithTypes();
injectionTester.run('no-expression-injection (TypeGraphQL)', injection, {
  valid: [
    resolver(`  @Query(() => [Note])
  async sorted(@Arg('field') field: string, @Ctx() ctx: AppContext) {
    const names = { text: 'text', status: 'status' } as const;
    if (field !== 'text' && field !== 'status') throw new Error('bad field');
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ProjectionExpression: names[field], ExpressionAttributeValues: { ':o': ctx.user.sub } }));
    return (out.Items ?? []) as Note[];
  }`),
  ],
  invalid: [
    injectionsAt(
      resolver(`  @Query(() => [Note])
  async filtered(@Arg('field') field: string, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: \`\${field} = :v\`, ExpressionAttributeValues: { ':o': ctx.user.sub, ':v': 'x' } })); // ✗ expression
    return (out.Items ?? []) as Note[];
  }`),
    ),
  ],
});

const rawTester = createRuleTesterWithTypes();
rawTester.run('no-raw-item-response (TypeGraphQL)', auditMode(raw), {
  valid: [
    // The object type projects the item: only `id` and `text` reach the client.
    resolver(`  @Query(() => Note, { nullable: true })
  async note(@Arg('id') id: string, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: id } }));
    return out.Item as Note | undefined;
  }`),
    resolver(`  @Query(() => [Note])
  async notes(@Ctx() ctx: AppContext) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ctx.user.sub } }));
    return (out.Items ?? []) as Note[];
  }`),
    // A JSON scalar query whose value is a projection.
    resolver(`  @Query(() => GraphQLJSON, { nullable: true })
  async noteJson(@Arg('id') id: string, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: id } }));
    return { id: out.Item?.id as string, text: out.Item?.text as string };
  }`),
    // A scalar of the program's own that is not JSON.
    resolver(`  @Query(() => When, { nullable: true })
  async noteDate(@Arg('id') id: string, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: id } }));
    return out.Item;
  }`),
  ],
  invalid: [
    // A JSON scalar the program builds itself.
    invalidAt(
      resolver(`  @Query(() => AnyJson, { nullable: true })
  async noteJson(@Arg('id') id: string, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: id } }));
    return out.Item; // ✗
  }`),
      'rawItem',
    ),
    // A JSON scalar passes the whole item through (SPEC §5).
    invalidAt(
      resolver(`  @Query(() => GraphQLJSON, { nullable: true })
  async noteJson(@Arg('id') id: string, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: id } }));
    return out.Item; // ✗
  }`),
      'rawItem',
    ),
    invalidAt(
      resolver(`  @Query(() => [GraphQLJSONObject])
  async notesJson(@Ctx() ctx: AppContext) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ctx.user.sub } }));
    return out.Items ?? []; // ✗
  }`),
      'rawItem',
    ),
    // A field resolver of a JSON field.
    invalidAt(
      resolver(`  @FieldResolver(() => GraphQLJSON)
  async raw(@Root() note: Note) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: note.id } }));
    return out.Item; // ✗
  }`),
      'rawItem',
    ),
  ],
});
