import injection from '../../rules/no-expression-injection.js';
import raw from '../../rules/no-raw-item-response.js';
import unscoped from '../../rules/no-unscoped-key.js';
import unvalidated from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { auditMode } from './audit-mode.js';
import { resolverClassCases } from './resolver-class-cases.js';

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
const cases = resolverClassCases({
  header,
  arg: (name) => `@Args('${name}')`,
  context: '@Context() ctx: GqlContext',
  caller: 'ctx.req.user.sub',
  fieldResolver: 'ResolveField',
  parent: '@Parent() note: Note',
});

ruleTester.run('no-unscoped-key (NestJS GraphQL)', auditMode(unscoped), cases.unscoped);
createRuleTesterWithTypes().run('no-unvalidated-input (NestJS GraphQL)', auditMode(unvalidated), cases.unvalidated);
createRuleTesterWithTypes().run('no-expression-injection (NestJS GraphQL)', injection, cases.injection);
createRuleTesterWithTypes().run('no-raw-item-response (NestJS GraphQL)', auditMode(raw), {
  valid: [
    ...cases.raw.valid,
    // A field resolver typed by an object type projects too.
    cases.resolver(`  @ResolveField(() => Note, { nullable: true })
  async parentNote(@Parent() note: Note, @Context() ctx: GqlContext) {
    const out = await ddb.send(new GetCommand({ TableName: 'Notes', Key: { ownerId: ctx.req.user.sub, noteId: note.id } }));
    return out.Item;
  }`),
  ],
  invalid: cases.raw.invalid,
});
