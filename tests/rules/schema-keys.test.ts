import rule from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader } from './express-cases.js';
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

ruleTester.run('no-expression-injection (keys of parsed objects)', rule, {
  valid: [
    code(`z.object({ displayName: z.string(), bio: z.string() }).partial()`),
    code(`z.object({ displayName: z.string() }).strict()`),
  ],
  invalid: [
    injectionsAt(code(`z.object({ displayName: z.string() }).passthrough()`, 'x')),
    injectionsAt(code(`z.record(z.string(), z.string())`, 'x')),
  ],
});
