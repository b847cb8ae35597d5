import injection from '../../rules/no-expression-injection.js';
import raw from '../../rules/no-raw-item-response.js';
import unscoped from '../../rules/no-unscoped-key.js';
import unvalidated from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { resolverClassCases } from './resolver-class-cases.js';

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
const cases = resolverClassCases({
  header,
  arg: (name) => `@Arg('${name}')`,
  context: '@Ctx() ctx: AppContext',
  caller: 'ctx.user.sub',
  fieldResolver: 'FieldResolver',
  parent: '@Root() note: Note',
});
const { resolver } = cases;

ruleTester.run('no-unscoped-key (TypeGraphQL)', auditMode(unscoped), {
  valid: [
    ...cases.unscoped.valid,
    // A destructured context user is the caller too.
    resolver(`  @Mutation(() => Boolean)
  async deleteNote(@Arg('id') id: string, @Ctx() { user }: AppContext) {
    await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { ownerId: user.sub, noteId: id } }));
    return true;
  }`),
  ],
  invalid: [
    ...cases.unscoped.invalid,
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
  valid: cases.unvalidated.valid,
  invalid: [
    ...cases.unvalidated.invalid,
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
    ...cases.injection.valid,
    // A constant lookup of the checked name.
    resolver(`  @Query(() => [Note])
  async sorted(@Arg('field') field: string, @Ctx() ctx: AppContext) {
    const names = { text: 'text', status: 'status' } as const;
    if (field !== 'text' && field !== 'status') throw new Error('bad field');
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ProjectionExpression: names[field], ExpressionAttributeValues: { ':o': ctx.user.sub } }));
    return (out.Items ?? []) as Note[];
  }`),
  ],
  invalid: cases.injection.invalid,
});

const rawTester = createRuleTesterWithTypes();
rawTester.run('no-raw-item-response (TypeGraphQL)', auditMode(raw), {
  valid: [
    ...cases.raw.valid,
    resolver(`  @Query(() => [Note])
  async notes(@Ctx() ctx: AppContext) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ctx.user.sub } }));
    return (out.Items ?? []) as Note[];
  }`),
    // A scalar of the program's own that is not JSON.
    resolver(`  @Query(() => When, { nullable: true })
  async noteDate(@Arg('id') id: string, @Ctx() ctx: AppContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.user.sub, noteId: id } }));
    return out.Item;
  }`),
  ],
  invalid: [
    ...cases.raw.invalid,
    // A JSON scalar the program builds itself.
    invalidAt(
      resolver(`  @Query(() => AnyJson, { nullable: true })
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
  ],
});
