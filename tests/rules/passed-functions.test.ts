import rawItem from '../../rules/no-raw-item-response.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { invalidAt } from './express-cases.js';
import { lambda } from './framework-headers.js';

/**
 * A wrapper that calls the handler it was given and sends the result sends what that handler
 * returns: `wrap(impl)` with `wrap = (handler) => async (event) => { const result = await
 * handler(event); … body: JSON.stringify(result.value) }` (a neverthrow result's `value`).
 */
const ruleTester = createRuleTesterWithTypes();
const wrapper = (sent: string) => `${lambda}import { fromPromise } from 'neverthrow';
import type { ResultAsync } from 'neverthrow';
const wrap =
  (handler: (event: APIGatewayProxyEvent) => ResultAsync<object, Error>) =>
  async (event: APIGatewayProxyEvent) => {
    const result = await handler(event);
    if (result.isOk()) return { statusCode: 200, body: JSON.stringify(${sent}) };
    return { statusCode: 500, body: 'error' };
  };
// Reported at the handed function's return: each handler sends its own items.
const readProfile = (event: APIGatewayProxyEvent) =>
  fromPromise( // ✗
    ddb.send(new GetCommand({ TableName: 'profiles', Key: { id: String(event.requestContext.authorizer?.claims.sub) } })),
    () => new Error('db'),
  ).map((out) => out.Item ?? {});
export const handler = wrap(readProfile);
`;
const audit: [{ evidence: 'none' }] = [{ evidence: 'none' }];

ruleTester.run('no-raw-item-response (handlers passed to a wrapper)', rawItem, {
  valid: [
    // The wrapper sends a constant acknowledgement, not the handler's result.
    { code: wrapper('{ ok: result.isOk() }').replace(' // ✗', ''), options: audit },
  ],
  invalid: [{ ...invalidAt(wrapper('result.value'), 'rawItem'), options: audit }],
});
