/**
 * An import the program cannot resolve is followed through the path mapping of the nearest
 * tsconfig of the importing file. `fixtures/path-aliases/` is a monorepo whose package declares
 * `paths` (`@/*`) in its own tsconfig; here it is linted with the ROOT tsconfig (which has no
 * `paths`) as one program, as a repository-wide lint or a corpus scan does. The e2e suite lints
 * the same fixture with the project service, which picks the package's own tsconfig: both must
 * give the reports the fixture's `expect:` comments state.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/path-aliases');
const route = path.join(root, 'packages/notes/app/api/notes/route.ts');

async function reportsWithRootProject(): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: {
            project: path.join(root, 'tsconfig.json'),
            tsconfigRootDir: root,
            // With CI=true typescript-estree infers a single CLI run and gives a file it has parsed
            // before in this process (the e2e suite lints this fixture too) an isolated one-file
            // program, as in an autofix pass. A test process is a long-lived session: say so.
            disallowAutomaticSingleRunInference: true,
          },
        },
      },
      plugin.configs.strict,
    ],
  });
  const [result] = await eslint.lintFiles([route]);
  return (result?.messages ?? [])
    .map((message) => `${String(message.line)} ${message.ruleId ?? message.message}`)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

describe('imports through a path alias only the package tsconfig declares', () => {
  it('are followed to the data layer when the program uses the root tsconfig', async () => {
    expect(await reportsWithRootProject()).toEqual([
      '10 dynamodb-security/no-unscoped-key',
      '10 dynamodb-security/no-unscoped-key',
      '11 dynamodb-security/no-raw-item-response',
      '17 dynamodb-security/no-expression-injection',
      '17 dynamodb-security/no-unscoped-key',
      '17 dynamodb-security/no-unscoped-key',
      '26 dynamodb-security/no-unvalidated-input',
    ]);
  }, 60_000);
});
