import injection from '../../rules/no-expression-injection.js';
import raw from '../../rules/no-raw-item-response.js';
import unscoped from '../../rules/no-unscoped-key.js';
import unvalidated from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { invalidAt } from './express-cases.js';
import { injectionsAt } from './injection-cases.js';

/**
 * NestJS GraphQL resolvers against the real `@nestjs/graphql` types: `@Args()` are client data,
 * the `@Context()` request's verified `req.user` is the caller, and a `@Query(() => Note)` returns
 * an item projected by its object type unless the field's type is a JSON scalar (SPEC §3–5).
 */
const ruleTester = createRuleTesterWithTypes();
const header = `import 'reflect-metadata';
import { Args, Context, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
interface GqlContext { req: { user: { sub: string } } }
@ObjectType()
export class Note {
  @Field(() => ID) id!: string;
  @Field() text!: string;
}
`;
const resolver = (body: string) => `${header}@Resolver(() => Note)
export class NoteResolver {
${body}
}`;

ruleTester.run('no-unscoped-key (NestJS GraphQL)', auditMode(unscoped), {
  valid: [
    // The caller's own partition, from the verified request user in the context.
    resolver(`  @Query(() => Note, { nullable: true })
  async note(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.req.user.sub, noteId: id } }));
    return out.Item as Note | undefined;
  }`),
    // A dominating ownership check against the context user.
    resolver(`  @Mutation(() => Boolean)
  async deleteNote(@Args('ownerId') ownerId: string, @Args('id') id: string, @Context() ctx: GqlContext) {
    if (ownerId !== ctx.req.user.sub) throw new Error('forbidden');
    await ddb.send(new DeleteCommand({ TableName: 'Notes', Key: { ownerId, noteId: id } }));
    return true;
  }`),
  ],
  invalid: [
    invalidAt(
      resolver(`  @Query(() => Note, { nullable: true })
  async note(@Args('id', { type: () => ID }) id: string) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { noteId: id } })); // ✗
    return out.Item as Note | undefined;
  }`),
      'unscopedKey',
    ),
    // The argument in the owner's place, beside a context the resolver never uses for the key.
    invalidAt(
      resolver(`  @Query(() => [Note])
  async notesOf(@Args('ownerId') ownerId: string, @Context() ctx: GqlContext) {
    console.log(ctx.req.user.sub);
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ExpressionAttributeValues: { ':o': ownerId } })); // ✗
    return (out.Items ?? []) as Note[];
  }`),
      'unscopedKey',
    ),
  ],
});

const unvalidatedTester = createRuleTesterWithTypes();
unvalidatedTester.run('no-unvalidated-input (NestJS GraphQL)', auditMode(unvalidated), {
  valid: [
    // An allow-listed filter value.
    resolver(`  @Query(() => [Note])
  async byStatus(@Args('status') status: string, @Context() ctx: GqlContext) {
    if (status !== 'open' && status !== 'done') throw new Error('bad status');
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':o': ctx.req.user.sub, ':s': status } }));
    return (out.Items ?? []) as Note[];
  }`),
  ],
  invalid: [
    // A GraphQL String argument is not validated content (SPEC §4).
    invalidAt(
      resolver(`  @Query(() => [Note])
  async byStatus(@Args('status') status: string, @Context() ctx: GqlContext) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':o': ctx.req.user.sub, ':s': status } })); // ✗
    return (out.Items ?? []) as Note[];
  }`),
      'unvalidatedInput',
    ),
  ],
});

const injectionTester = createRuleTesterWithTypes();
injectionTester.run('no-expression-injection (NestJS GraphQL)', injection, {
  valid: [
    resolver(`  @Query(() => [Note])
  async sorted(@Args('field') field: string, @Context() ctx: GqlContext) {
    if (field !== 'text' && field !== 'status') throw new Error('bad field');
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', ProjectionExpression: field, ExpressionAttributeValues: { ':o': ctx.req.user.sub } }));
    return (out.Items ?? []) as Note[];
  }`),
  ],
  invalid: [
    injectionsAt(
      resolver(`  @Query(() => [Note])
  async filtered(@Args('field') field: string, @Context() ctx: GqlContext) {
    const out = await ddb.send(new QueryCommand({ TableName: 'Notes', KeyConditionExpression: 'ownerId = :o', FilterExpression: \`\${field} = :v\`, ExpressionAttributeValues: { ':o': ctx.req.user.sub, ':v': 'x' } })); // ✗ expression
    return (out.Items ?? []) as Note[];
  }`),
    ),
  ],
});

const rawTester = createRuleTesterWithTypes();
rawTester.run('no-raw-item-response (NestJS GraphQL)', auditMode(raw), {
  valid: [
    // The object type projects the item.
    resolver(`  @Query(() => Note, { nullable: true })
  async note(@Args('id') id: string, @Context() ctx: GqlContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.req.user.sub, noteId: id } }));
    return out.Item as Note | undefined;
  }`),
    // A field resolver typed by an object type projects too.
    resolver(`  @ResolveField(() => Note, { nullable: true })
  async parentNote(@Parent() note: Note, @Context() ctx: GqlContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.req.user.sub, noteId: note.id } }));
    return out.Item;
  }`),
  ],
  invalid: [
    // A JSON scalar passes the whole item through (SPEC §5).
    invalidAt(
      resolver(`  @Query(() => GraphQLJSON, { nullable: true })
  async noteJson(@Args('id') id: string, @Context() ctx: GqlContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.req.user.sub, noteId: id } }));
    return out.Item; // ✗
  }`),
      'rawItem',
    ),
    invalidAt(
      resolver(`  @ResolveField(() => GraphQLJSON)
  async details(@Parent() note: Note, @Context() ctx: GqlContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.req.user.sub, noteId: note.id } }));
    return out.Item; // ✗
  }`),
      'rawItem',
    ),
  ],
});
