// Editor latency: what a keystroke costs in an editor's ESLint server. One persistent process keeps
// an ESLint instance with typed linting (projectService) per mode, edits one route file and re-lints
// it, N times, the way the VS Code ESLint server does on each change. Every re-lint sees a new file
// version, so TypeScript updates its program and the plugin's per-program caches meet a new program.
// The modes alternate within each iteration, so drift on a shared machine hits both alike.
//
//   node bench/editor.mjs [--file fixtures/express/src/routes/notes.ts] [-n 30] [--json] [--profile]
//
// `--profile` writes a CPU profile of the plugin's warm re-lints to bench/out/editor.cpuprofile instead.
//
// Prints p50/p95 of the wall time with no rules and with the plugin's strict config, of the added
// latency (paired per iteration), and of each rule's own time (ESLint stats). typescript-eslint's
// `no-floating-promises` alone is the peer anchor: a typed rule's first type queries in each new
// program (a new checker resolves the file's and the libraries' types again) cost it too.
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const source = path.resolve(repoRoot, option('--file', 'fixtures/express/src/routes/notes.ts'));
const iterations = Number(option('-n', '30'));
const warmup = 3;

// Edit a copy of the file's project, never the fixture itself.
const projectRoot = findProjectRoot(path.dirname(source));
const workRoot = path.join(here, 'out', 'editor');
fs.rmSync(workRoot, { recursive: true, force: true });
fs.cpSync(projectRoot, workRoot, { recursive: true });
const file = path.join(workRoot, path.relative(projectRoot, source));
const original = fs.readFileSync(file, 'utf8');

const plugin = (await import('../dist/src/index.js')).default;
const typed = {
  files: ['**/*.ts', '**/*.js'],
  languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: workRoot } },
};
const floating = {
  plugins: { '@typescript-eslint': tseslint.plugin },
  rules: { '@typescript-eslint/no-floating-promises': 'error' },
};
const modes = {
  none: new ESLint({ cwd: workRoot, overrideConfigFile: true, stats: true, overrideConfig: [typed] }),
  plugin: new ESLint({
    cwd: workRoot,
    overrideConfigFile: true,
    stats: true,
    overrideConfig: [typed, plugin.configs.strict],
  }),
  nfp: new ESLint({ cwd: workRoot, overrideConfigFile: true, stats: true, overrideConfig: [typed, floating] }),
  // What a team that already runs a typed rule pays for the plugin on top of it: the checker work a
  // new program needs for the handler's types (its route call's overload inference) is then shared.
  nfpPlugin: new ESLint({
    cwd: workRoot,
    overrideConfigFile: true,
    stats: true,
    overrideConfig: [typed, floating, plugin.configs.strict],
  }),
};

if (args.includes('--profile')) {
  // A CPU profile of the plugin's warm re-lints only (no start-up, no other mode): what a keystroke costs it.
  for (let i = 0; i < warmup; i++)
    await modes.plugin.lintText(`${original}\nexport const editorBenchEdit = ${i};\n`, { filePath: file });
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  for (let i = warmup; i < warmup + iterations; i++)
    await modes.plugin.lintText(`${original}\nexport const editorBenchEdit = ${i};\n`, { filePath: file });
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(path.join(here, 'out', 'editor.cpuprofile'), JSON.stringify(profile));
  console.log(`wrote bench/out/editor.cpuprofile (${iterations} warm re-lints)`);
  process.exit(0);
}

const samples = { none: [], plugin: [], added: [], nfp: [], addedToNfp: [] };
const orders = [
  ['none', 'plugin', 'nfp', 'nfpPlugin'],
  ['nfpPlugin', 'nfp', 'plugin', 'none'],
];
const ruleSamples = {};
for (let i = 0; i < warmup + iterations; i++) {
  const wall = {};
  for (const mode of orders[i % 2]) {
    // An edit (a line appended to the file): its text and version change, as on a keystroke, so TypeScript
    // builds a new program and a new checker.
    const text = `${original}\nexport const editorBenchEdit${mode} = ${i};\n`;
    const start = performance.now();
    const [result] = await modes[mode].lintText(text, { filePath: file });
    wall[mode] = performance.now() - start;
    if (result.messages.some((message) => message.fatal)) throw new Error(`fatal: ${result.messages[0].message}`);
    if (i < warmup || mode !== 'plugin') continue;
    const perRule = {};
    for (const pass of result.stats?.times.passes ?? [])
      for (const [rule, time] of Object.entries(pass.rules ?? {})) perRule[rule] = (perRule[rule] ?? 0) + time.total;
    for (const [rule, ms] of Object.entries(perRule)) (ruleSamples[rule] ??= []).push(ms);
  }
  if (i < warmup) continue;
  samples.none.push(wall.none);
  samples.plugin.push(wall.plugin);
  samples.added.push(wall.plugin - wall.none);
  samples.nfp.push(wall.nfp - wall.none);
  samples.addedToNfp.push(wall.nfpPlugin - wall.nfp);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const row = (name, values) => ({ name, p50: percentile(values, 50), p95: percentile(values, 95) });
const rows = [
  row('re-lint, no rules', samples.none),
  row('re-lint, plugin strict', samples.plugin),
  row('added by the plugin', samples.added),
  row('added by no-floating-promises (peer)', samples.nfp),
  row('added by the plugin on top of no-floating-promises', samples.addedToNfp),
  ...Object.entries(ruleSamples).map(([rule, values]) => row(rule, values)),
];
if (args.includes('--json')) {
  console.log(JSON.stringify({ file: path.relative(repoRoot, source), iterations, rows }));
} else {
  const lines = original.split('\n').length;
  console.log(
    `\neditor: ${iterations} warm re-lints of ${path.relative(repoRoot, source)} (${lines} lines) per mode, ms\n`,
  );
  console.log('what | p50 | p95');
  for (const { name, p50, p95 } of rows) console.log(`${name} | ${p50.toFixed(0)} | ${p95.toFixed(0)}`);
}

function findProjectRoot(dir) {
  for (let current = dir; current !== path.dirname(current); current = path.dirname(current))
    if (fs.existsSync(path.join(current, 'tsconfig.json'))) return current;
  throw new Error(`no tsconfig.json above ${dir}`);
}
