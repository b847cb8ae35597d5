import { afterAll, vi } from 'vitest';
import expressionInjection from '../../rules/no-expression-injection.js';
import rawItemResponse from '../../rules/no-raw-item-response.js';
import unscopedKey from '../../rules/no-unscoped-key.js';
import unvalidatedInput from '../../rules/no-unvalidated-input.js';
import { createRuleTesterWithTypes } from '../rule-tester.js';
import { expressHeader } from './express-cases.js';

/** A failure injected into every query: the engine throwing on a file must not take the lint run down. */
const { failure } = vi.hoisted(() => ({
  failure: (): never => {
    throw new Error('injected engine failure');
  },
}));
vi.mock('../../src/queries/unscoped-key.js', () => ({ findUnscopedKeys: failure }));
vi.mock('../../src/queries/unvalidated-input.js', () => ({ findUnvalidatedInputs: failure }));
vi.mock('../../src/queries/expression-injection.js', () => ({ findExpressionInjections: failure }));
vi.mock('../../src/queries/raw-item-response.js', () => ({ findRawItemResponses: failure }));

const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);

// A file every rule would report on: with the engine failing, each reports nothing for it.
const vulnerable =
  expressHeader +
  `
app.get('/notes/:id', async (req, res) => {
  const out = await ddb.send(new GetCommand({ TableName: 'notes', Key: { id: req.params.id }, ProjectionExpression: req.query.f as string }));
  res.json(out.Item);
});`;

const ruleTester = createRuleTesterWithTypes();
ruleTester.run('no-unscoped-key (engine failure)', unscopedKey, { valid: [vulnerable], invalid: [] });
ruleTester.run('no-unvalidated-input (engine failure)', unvalidatedInput, { valid: [vulnerable], invalid: [] });
ruleTester.run('no-expression-injection (engine failure)', expressionInjection, { valid: [vulnerable], invalid: [] });
ruleTester.run('no-raw-item-response (engine failure)', rawItemResponse, { valid: [vulnerable], invalid: [] });

afterAll(() => {
  // Four rules failed on the file; the process warned once, naming the file and asking for a report.
  expect(warnings).toHaveBeenCalledTimes(1);
  const [message] = warnings.mock.calls[0]!;
  expect(String(message)).toMatch(/file\.ts/);
  expect(String(message)).toMatch(/injected engine failure/);
  expect(String(message)).toMatch(/report this bug/);
  warnings.mockRestore();
});
