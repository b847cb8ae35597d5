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
const code = (schema: string, mark = '') => `${expressHeader}import { z } from 'zod';
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
  ],
  invalid: [
    injectionsAt(code(`z.object({ displayName: z.string() }).passthrough()`, 'x')),
    injectionsAt(code(`z.record(z.string(), z.string())`, 'x')),
    injectionsAt(procedure(`z.record(z.string(), z.string())`, 'x')),
    // Without whitelisting the pipe keeps unknown properties; a plain record is no class at all.
    injectionsAt(controller('new ValidationPipe({ transform: true })', 'UpdateProfileDto', 'x')),
    injectionsAt(controller('new ValidationPipe({ whitelist: true })', 'Record<string, string>', 'x')),
  ],
});
