import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import type { InvalidTestCase, RunTests, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Lines that say nothing about a case: imports, ambient declarations, setup and closing braces. */
const BOILERPLATE =
  /^(?:import |export \{|declare |namespace |interface |const (?:ddb|client|doc|app|router|db)\b|\}|\)|$|\/\/ @ts-|'use )/;

/**
 * A short name for a case without one: its kind and number, and the first line after the lines
 * every case of the run shares (their common header) that is not boilerplate
 * (`invalid 7: app.get('/notes/:id', async (req, res) => {`). Without it vitest names each case by
 * its whole source, thousands of lines in a run.
 */
function caseName(kind: 'valid' | 'invalid', index: number, code: string, sharedLines: number): string {
  const telling = code
    .split('\n')
    .slice(sharedLines)
    .map((line) => line.trim())
    .find((line) => !BOILERPLATE.test(line));
  const text = telling && telling.length > 70 ? `${telling.slice(0, 69)}…` : telling;
  return `${kind} ${index + 1}${text ? `: ${text}` : ''}`;
}

/** How many leading lines all the codes have in common. */
function sharedLineCount(codes: readonly string[]): number {
  const [first, ...rest] = codes.map((code) => code.split('\n'));
  if (!first || rest.length === 0) return 0;
  let count = 0;
  while (count < first.length - 1 && rest.every((lines) => lines[count] === first[count])) count++;
  return count;
}

/** A RuleTester with typed linting, whose cases are named briefly (see `caseName`). */
class NamedRuleTester extends RuleTester {
  override run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    const validCases = tests.valid.map((test) => (typeof test === 'string' ? { code: test } : test));
    const shared = sharedLineCount([...validCases, ...tests.invalid].map((test) => test.code));
    const valid = validCases.map((test, index): ValidTestCase<Options> => ({
      ...test,
      name: test.name ?? caseName('valid', index, test.code, shared),
    }));
    const invalid = tests.invalid.map((test, index): InvalidTestCase<MessageIds, Options> => ({
      ...test,
      name: test.name ?? caseName('invalid', index, test.code, shared),
    }));
    super.run(ruleName, rule, { ...tests, valid, invalid });
  }
}

/** A RuleTester with typed linting: each case is the contents of `tests/fixtures/file.ts`. */
export function createRuleTesterWithTypes(): RuleTester {
  return new NamedRuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: fixturesDir,
      },
    },
  });
}
