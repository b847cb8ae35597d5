import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import tseslint from 'typescript-eslint';
import plugin from '../src/index.js';

/**
 * The plugin under ESLint's worker threads (`concurrency`) and under ESLint 9: the same reports
 * as a single-threaded ESLint 10 run on the end-to-end fixtures.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures');
const configFile = path.join(here, 'eslint-config.mjs');

type Linted = {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; message: string }[];
}[];

function reports(results: Linted): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (m) => `${path.relative(fixtures, result.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`,
      ),
    )
    .sort();
}

describe('runtime compatibility', () => {
  let single: string[];

  beforeAll(async () => {
    const eslint = new ESLint({ cwd: fixtures, overrideConfigFile: configFile });
    single = reports(await eslint.lintFiles(['.']));
  }, 300_000);

  it('finds reports on the fixtures (so the comparisons below mean something)', () => {
    expect(single.filter((line) => line.includes('dynamodb-security/')).length).toBeGreaterThan(50);
  });

  it('gives the same reports with worker threads (--concurrency)', async () => {
    const eslint = new ESLint({ cwd: fixtures, overrideConfigFile: configFile, concurrency: 2 });
    expect(reports(await eslint.lintFiles(['.']))).toEqual(single);
  }, 300_000);

  it('gives the same reports under ESLint 9', async () => {
    const eslint = new ESLint9({
      cwd: fixtures,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts', '**/*.js'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true } },
        },
        plugin.configs.strict,
      ] as never,
    });
    expect(reports(await eslint.lintFiles(['.']))).toEqual(single);
  }, 300_000);
});
