import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll } from 'vitest';
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

/**
 * A temporary folder to build a fixture repository in, with a root `tsconfig.json` and the
 * project's `node_modules` (for real package types), removed once the test file's tests are done.
 * `write` puts a file at a path relative to it.
 */
export function temporaryRootProject(prefix: string): { root: string; write: (name: string, text: string) => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  };
  fs.symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'), 'dir');
  write(
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', skipLibCheck: true, noEmit: true } }),
  );
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });
  return { root, write };
}
