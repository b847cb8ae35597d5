import rule from '../../rules/no-expression-injection.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { lambda } from './framework-headers.js';
import { injectionsAt } from './injection-cases.js';

/**
 * A middy validator's JSON Schema of the event (`validator({ eventSchema })`, compiled with
 * `transpileSchema(schema)` or, in older versions, `validator({ inputSchema })`) that restricts a body
 * field to an `enum` or a `const` makes the field a constant choice, as a Fastify route schema's
 * `enum` does: spliced into an attribute name, it reshapes nothing. A field the schema only types
 * as a string is still the client's text.
 */
const ruleTester = createRuleTesterWithTypes();
const handler = (
  field: string,
  wiring: string,
  marks = ['', ''],
) => `${lambda}import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import validator from '@middy/validator';
import { transpileSchema } from '@middy/validator/transpile';
const eventSchema = {
  type: 'object',
  properties: {
    body: { type: 'object', properties: { kind: ${field}, form: { type: 'object' } }, required: ['kind'] },
  },
} as const;
const updateForms = async (event: APIGatewayProxyEvent & { body: { kind: string; form: object } }) => {
  const { kind, form } = event.body;
  await ddb.send(new UpdateCommand({
    TableName: 'Widgets',
    Key: { id: 'widgets', slug: 'main' },
    UpdateExpression: \`SET #\${kind}_forms = :f\`,${marks[0]}
    ExpressionAttributeNames: { [\`#\${kind}_forms\`]: \`\${kind}_forms\` },${marks[1]}
    ExpressionAttributeValues: { ':f': [form] },
  }));
  return { statusCode: 200, body: '{}' };
};
export const handler = middy(updateForms)${wiring};
void transpileSchema;`;
const enumField = `{ type: 'string', enum: ['create', 'edit'] }`;
const transpiled = '.use(validator({ eventSchema: transpileSchema(eventSchema) }))';
// Spliced right after `#`, the field names an attribute in the expression too: a choice of names.
const reported = [' // ✗ attributeName', ' // ✗ attributeName'];
const older = '.use(validator({ inputSchema: eventSchema }))';

ruleTester.run('no-expression-injection (middy validator schemas)', rule, {
  valid: [handler(enumField, transpiled), handler(enumField, older), handler(`{ const: 'create' }`, transpiled)],
  invalid: [
    // Typed as a string only.
    injectionsAt(handler(`{ type: 'string' }`, transpiled, reported)),
    // The enum is in a schema no validator applies.
    injectionsAt(handler(enumField, '', reported)),
  ],
});
