// Lints one hostile case in a process of its own and prints what happened as JSON. The test runs
// it with a raised stack: typescript-estree (the parser, before any rule) recurses once per
// nesting level and overflows Node's default stack at about 1,000 levels.
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const [dir, file] = process.argv.slice(2);
const plugin = (await import('../dist/src/index.js')).default;
const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: dir } },
    },
    plugin.configs.strict,
  ],
});
const start = performance.now();
try {
  const [result] = await eslint.lintFiles([file]);
  const messages = result.messages.map(({ ruleId, line, fatal, message }) => ({
    ruleId,
    line,
    fatal: !!fatal,
    message,
  }));
  console.log(JSON.stringify({ ms: performance.now() - start, messages }));
} catch (error) {
  console.log(JSON.stringify({ ms: performance.now() - start, error: String(error?.stack ?? error) }));
}
