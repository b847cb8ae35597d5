import rule from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader } from './express-cases.js';
import { nest, trpc } from './framework-headers.js';
import { injectionsAt } from './injection-cases.js';

/**
 * The property names of what an object schema parses are the schema's: zod, like most object
 * schemas, strips the keys it does not declare, so a dynamic update over them splices only names
 * the code allow-listed. A schema that keeps unknown keys (`.passthrough()`, `z.record`) does not.
 */
const ruleTester = createRuleTesterWithTypes();
const code = (schema: string, mark = '', zod = 'zod') => `${expressHeader}import { z } from '${zod}';
const Patch = ${schema};
app.patch('/profile', async (req, res) => {
  const patch = Patch.parse(req.body);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const key in patch) {
    names[\`#\${key}\`] = key;${mark && ' // ✗ attributeName'}
    values[\`:\${key}\`] = patch[key as keyof typeof patch];${mark && ' // ✗ placeholder'}
    sets.push(\`#\${key} = :\${key}\`);
  }
  await ddb.send(new UpdateCommand({
    TableName: 'Users',
    Key: { userId: req.user!.sub },
    UpdateExpression: 'SET ' + sets.join(', '),${mark && ' // ✗ expression'}
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }));
  res.sendStatus(204);
});`;

/**
 * A schema chosen at run time from a map typed as holding object schemas (the schema has no chain
 * to read, only its type), parsed with `safeParse`; the keys of `data` feed the update.
 */
const chosen = (schemaType: string, mark = '', zod = 'zod') => `${expressHeader}import { z } from '${zod}';
const Light = z.object({ colour: z.string(), intensity: z.number() });
const updateSchemas: Record<string, ${schemaType}> = { light: Light.partial() };
app.patch('/devices/:category', async (req, res) => {
  const schema = updateSchemas[req.params.category] || Light;
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) return res.sendStatus(400);
  const update = parsed.data;
  await ddb.send(new UpdateCommand({
    TableName: 'Devices',
    Key: { userId: req.user!.sub, deviceId: req.params.category },
    UpdateExpression: 'SET ' + Object.keys(update).map((k) => \`\${k} = :\${k}\`).join(', '),${mark && ' // ✗ expression'}
  }));
  res.sendStatus(204);
});`;

/**
 * A parse helper that takes its schema as a parameter, directly or as a member of its options
 * (`parseRequest(req, { query })` passes no body schema, so that call parses no body): the keys are
 * an allow-list when every schema the program passes it declares its keys.
 */
const helper = (schemas: string, mark = '') => `${expressHeader}import { z } from 'zod';
const parseBody = <T>(req: { body: unknown }, body: z.ZodType<T>): T => {
  const parsedBody = body.safeParse(req.body);
  if (!parsedBody.success) throw new Error('invalid body');
  return parsedBody.data;
};
const parseRequest = <P extends { body?: z.ZodType<unknown>; query?: z.ZodType<unknown> }>(req: { body: unknown }, parser: P) =>
  parser.body === undefined ? undefined : parseBody(req, parser.body);
const Space = z.object({ spaceId: z.string(), name: z.string(), bio: z.string() });
const [Patch, Other] = [${schemas}] as const;
app.get('/spaces', (req, res) => res.json(parseRequest(req, { query: z.object({ q: z.string() }) })));
app.post('/other', (req, res) => res.json(parseBody(req, Other)));
app.patch('/spaces/:id', async (req, res) => {
  const body = parseBody(req, Patch);
  await ddb.send(new UpdateCommand({
    TableName: 'Spaces',
    Key: { spaceId: req.params.id },
    UpdateExpression: 'SET ' + Object.keys({ ...body }).map((k) => \`\${k} = :\${k}\`).join(', '),${mark && ' // ✗ expression'}
  }));
  res.sendStatus(204);
});`;

/** Object schemas derived, intersected or united, in zod 4 and zod 3: their keys are still an allow-list. */
const derived = [
  `z.object({ spaceId: z.string() }).pick({ spaceId: true }).and(z.object({ name: z.string(), bio: z.string() }).partial())`,
  `z.object({ name: z.string() }).merge(z.object({ bio: z.string() })).strict()`,
  `z.intersection(z.object({ name: z.string() }), z.object({ bio: z.string() }).required())`,
  `z.union([z.object({ name: z.string() }), z.object({ bio: z.string() }).extend({ links: z.string() })])`,
  `z.discriminatedUnion('kind', [z.object({ kind: z.literal('a'), name: z.string() }), z.object({ kind: z.literal('b') })])`,
  `z.object({ name: z.string() }).or(z.object({ bio: z.string() })).optional()`,
];

/** The same combinations with one member that lets other keys through: still reported. */
const loose = [
  `z.object({ name: z.string() }).passthrough().and(z.object({ bio: z.string() }))`,
  `z.object({ name: z.string() }).catchall(z.string()).and(z.object({ bio: z.string() }))`,
  `z.union([z.object({ name: z.string() }), z.record(z.string(), z.string())])`,
  `z.object({ name: z.string() }).or(z.any())`,
  `z.object({ name: z.string() }).transform((value) => value as Record<string, string>).and(z.object({ bio: z.string() }))`,
];

/** The same update in a tRPC procedure: the input its `.input(schema)` declares has that schema's keys. */
const procedure = (
  schema: string,
  mark = '',
  input = 'input',
) => `${trpc}import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
const Patch = ${schema};
export const updateProfile = t.procedure.input(Patch).mutation(async ({ ${input === 'input' ? input : `input: ${input}`}, ctx }) => {
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const property in ${input}) {
    values[\`:\${property}\`] = ${input}[property as keyof typeof ${input}];${mark && ' // ✗ placeholder'}
    sets.push(\`#\${property} = :\${property}\`);
  }
  await ddb.send(new UpdateCommand({
    TableName: 'Users',
    Key: { userId: ctx.session.userId },
    UpdateExpression: \`SET \${sets.join(', ')}\`,${mark && ' // ✗ expression'}
    ExpressionAttributeValues: values,
  }));
});`;

/** NestJS: a whitelisting ValidationPipe strips every property a DTO class does not declare. */
const controller = (
  pipe: string,
  bodyType = 'UpdateProfileDto',
  mark = '',
) => `${nest}import { Patch, ValidationPipe } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
export const pipe = ${pipe};
export class UpdateProfileDto {
  @IsOptional() @IsString() displayName?: string;
  @IsOptional() @IsString() phone?: string;
}
@Controller('profile')
export class ProfileController {
  @Patch()
  async update(@Req() req: Request, @Body() dto: ${bodyType}) {
    const keys = Object.keys(dto);
    await ddb.send(new UpdateCommand({
      TableName: 'Users',
      Key: { userId: req.user!.sub },
      UpdateExpression: 'SET ' + keys.map((k) => \`#\${k} = :\${k}\`).join(', '),${mark && ' // ✗ expression'}
    }));
  }
}`;

ruleTester.run('no-expression-injection (keys of parsed objects)', rule, {
  valid: [
    code(`z.object({ displayName: z.string(), bio: z.string() }).partial()`),
    code(`z.object({ displayName: z.string() }).strict()`),
    procedure(`z.object({ about: z.string(), links: z.array(z.string()) }).partial()`),
    procedure(`z.object({ about: z.string() })`, '', 'patch'),
    controller('new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })'),
    ...derived.map((schema) => code(schema)),
    ...derived.map((schema) => code(schema, '', 'zod/v3')),
    code(`z.intersection(z.object({ name: z.string() }), z.partial(z.object({ bio: z.string() })))`, '', 'zod/mini'),
    procedure(`z.object({ about: z.string() }).merge(z.object({ links: z.string() }))`),
    helper(`Space.pick({ spaceId: true }).and(Space.omit({ spaceId: true }).partial()), Space.partial()`),
    chosen('z.ZodObject<any>'),
    chosen('z.ZodObject<any>', '', 'zod/v3'),
    chosen('z.ZodObject<{ colour: z.ZodOptional<z.ZodString> }> | z.ZodUnion<[z.ZodObject<{ x: z.ZodString }>]>'),
  ],
  invalid: [
    injectionsAt(code(`z.object({ displayName: z.string() }).passthrough()`, 'x')),
    injectionsAt(code(`z.record(z.string(), z.string())`, 'x')),
    injectionsAt(procedure(`z.record(z.string(), z.string())`, 'x')),
    // Without whitelisting the pipe keeps unknown properties; a plain record is no class at all.
    injectionsAt(controller('new ValidationPipe({ transform: true })', 'UpdateProfileDto', 'x')),
    injectionsAt(controller('new ValidationPipe({ whitelist: true })', 'Record<string, string>', 'x')),
    ...loose.map((schema) => injectionsAt(code(schema, 'x'))),
    ...loose.map((schema) => injectionsAt(code(schema, 'x', 'zod/v3'))),
    injectionsAt(procedure(`z.object({ about: z.string() }).and(z.record(z.string(), z.string()))`, 'x')),
    // A map whose type leaves the unknown-keys policy open (\`any\`), or holds any schema, is no allow-list.
    injectionsAt(chosen('z.ZodObject<any, any>', 'x')),
    injectionsAt(chosen('z.ZodObject<any, any, any>', 'x', 'zod/v3')),
    injectionsAt(chosen('z.ZodObject<{ colour: z.ZodString }, z.core.$loose>', 'x')),
    injectionsAt(chosen('z.ZodObject<{ colour: z.ZodString }, "passthrough">', 'x', 'zod/v3')),
    injectionsAt(chosen('z.ZodTypeAny', 'x')),
    // Another call passes the helper a record: a schema parameter is every schema passed there.
    injectionsAt(helper(`Space.pick({ spaceId: true }).and(Space.partial()), z.record(z.string(), z.string())`, 'x')),
  ],
});
