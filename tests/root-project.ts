import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../src/index.js';

/**
 * The reports on one file of a monorepo fixture linted with the fixture's ROOT tsconfig as one
 * program (as a repository-wide lint or a corpus scan does), sorted as `line rule` strings.
 */
export async function reportsWithRootProject(
  root: string,
  file: string,
  config: 'strict' | 'recommended',
): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: {
            project: path.join(root, 'tsconfig.json'),
            tsconfigRootDir: root,
            // With CI=true typescript-estree infers a single CLI run and gives a file it has parsed
            // before in this process (the e2e suite lints these fixtures too) an isolated one-file
            // program, as in an autofix pass. A test process is a long-lived session: say so.
            disallowAutomaticSingleRunInference: true,
          },
        },
      },
      plugin.configs[config],
    ],
  });
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? [])
    .map((message) => `${String(message.line)} ${message.ruleId ?? message.message}`)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
