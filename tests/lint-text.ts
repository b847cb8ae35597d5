import path from 'node:path';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../src/index.js';
import { fixturesDir } from './rule-tester.js';

/** Lints code as `tests/fixtures/file.ts` (or another file of that project) with typed linting and the plugin's strict config. */
export async function lintText(
  code: string,
  rules: Linter.RulesRecord = {},
  settings: Record<string, unknown> = {},
  file = 'file.ts',
) {
  const eslint = new ESLint({
    cwd: fixturesDir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { projectService: true, tsconfigRootDir: fixturesDir },
        },
      },
      plugin.configs.strict,
      { rules, settings },
    ],
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(fixturesDir, file) });
  return result!.messages;
}

/** The messages one rule of the plugin gives on code linted as by `lintText`. */
export async function lintRule(rule: string, code: string) {
  return (await lintText(code)).filter((message) => message.ruleId === `dynamodb-security/${rule}`);
}
