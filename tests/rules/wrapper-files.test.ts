import path from 'node:path';
import rawRule from '../../rules/no-raw-item-response.js';
import { auditMode } from './audit-mode.js';
import { createRuleTesterWithTypes, fixturesDir } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';

/**
 * A handler wrapper in a file of its own that imports nothing reaching DynamoDB
 * (`tests/fixtures/wrapper-files/src/common/wrapper.ts`): `wrap(impl)` in another file passes it a
 * function that reads an item, so what the wrapper sends of the function's result is that item.
 * `plain-wrapper.ts` is only handed functions that touch no DynamoDB.
 */
const ruleTester = createRuleTesterWithTypes();
const wrapperFile = path.join(fixturesDir, 'wrapper-files/src/common/wrapper.ts');
const plainFile = path.join(fixturesDir, 'wrapper-files/src/common/plain-wrapper.ts');
const wrapper = (sent: string) => `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ResultAsync } from 'neverthrow';

export default (handler: (event: APIGatewayProxyEvent) => ResultAsync<object, Error>) =>
  async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const result = await handler(event);
    if (result.isOk()) return { statusCode: 200, body: JSON.stringify(${sent}) }; // ✗
    return { statusCode: 500, body: 'error' };
  };
`;
const safe = (sent: string) => wrapper(sent).replace(' // ✗', '');

ruleTester.run('no-raw-item-response (wrapper files that touch no DynamoDB)', auditMode(rawRule), {
  valid: [
    // The wrapper sends an acknowledgement, not the handler's result.
    { code: safe('{ ok: result.isOk() }'), filename: wrapperFile },
    // A wrapper handed only functions that read no DynamoDB item.
    { code: safe('result.value'), filename: plainFile },
  ],
  invalid: [{ ...invalidAt(wrapper('result.value'), 'rawItem' as const), filename: wrapperFile }],
});
