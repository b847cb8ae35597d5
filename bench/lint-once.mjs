// One timed lint of a generated project (or any typed folder) in a fresh process, printed as JSON:
//   node bench/lint-once.mjs <dir> none|strict|nfp [pattern=src] [tsconfig]
// With a tsconfig, every file is linted in that one program (parserOptions.project), as the
// real-world corpus is; without, the project service finds each file's nearest tsconfig.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const [dir, mode, pattern = 'src', tsconfig] = process.argv.slice(2);
const plugin = (await import('../dist/src/index.js')).default;
const modes = {
  none: [],
  strict: [plugin.configs.strict],
  nfp: [
    {
      plugins: { '@typescript-eslint': tseslint.plugin },
      rules: { '@typescript-eslint/no-floating-promises': 'error' },
    },
  ],
};
const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  stats: true,
  overrideConfig: [
    // Dot files (.eslintrc.js, …) and declarations are outside what is linted, as in the real-world scorer.
    { ignores: ['**/.*', '**/*.d.{ts,mts,cts}'] },
    {
      files: ['**/*.{ts,tsx,js,mjs,cjs}'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: tsconfig
          ? { project: path.resolve(dir, tsconfig), tsconfigRootDir: dir, ecmaFeatures: { jsx: true } }
          : { projectService: true, tsconfigRootDir: dir },
      },
    },
    ...modes[mode],
  ],
});
const start = performance.now();
const cpuStart = process.cpuUsage();
const results = await eslint.lintFiles([pattern]);
const ms = performance.now() - start;
// CPU time of the lint (all threads, GC included): steadier than wall time on a busy machine.
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const ruleMs = {};
let findings = 0;
for (const result of results) {
  findings += result.messages.filter((message) => message.ruleId?.startsWith('dynamodb-security/')).length;
  if (result.messages.some((message) => message.fatal))
    throw new Error(`fatal: ${result.filePath}: ${result.messages[0].message}`);
  for (const pass of result.stats?.times.passes ?? []) {
    for (const [rule, time] of Object.entries(pass.rules ?? {})) ruleMs[rule] = (ruleMs[rule] ?? 0) + time.total;
  }
}
console.log(
  JSON.stringify({
    mode,
    files: results.length,
    ms,
    cpuMs,
    ruleMs,
    findings,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
