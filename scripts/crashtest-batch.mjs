#!/usr/bin/env node
// One crash-test batch in a fresh process: lints the files a generated tsconfig lists with every
// rule on, and prints one JSON line ({ files, findings } or { error }). Run by scripts/crashtest.mjs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const plugin = (await import('../dist/src/index.js')).default;
const tsconfig = process.argv[2];
const files = JSON.parse(fs.readFileSync(tsconfig, 'utf8')).files;
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  errorOnUnmatchedPattern: false,
  overrideConfig: [
    { ignores: ['!**/node_modules/'] },
    {
      files: ['**/*.{js,mjs,cjs,ts}'],
      languageOptions: { parser: tseslint.parser, parserOptions: { project: tsconfig, tsconfigRootDir: root } },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
    plugin.configs.strict,
  ],
});
try {
  const results = await eslint.lintFiles(files);
  const findings = results.reduce(
    (sum, result) => sum + result.messages.filter((m) => m.ruleId?.startsWith('dynamodb-security/')).length,
    0,
  );
  console.log(JSON.stringify({ files: files.length, findings }));
} catch (error) {
  console.log(
    JSON.stringify({
      error: String(error?.stack ?? error)
        .split('\n')
        .slice(0, 12)
        .join('\n'),
    }),
  );
}
