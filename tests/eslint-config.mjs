// A flat config file for the tests that need ESLint to load the plugin itself: `--concurrency`
// workers import their config (and so the built plugin) on their own.
import tseslint from 'typescript-eslint';
import plugin from '../dist/src/index.js';

export default [
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true } },
  },
  plugin.configs.strict,
];
