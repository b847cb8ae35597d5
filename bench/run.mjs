// The benchmark: for N = 100, 400 and 1,600 generated files, alternate fresh-process lints with
// typed parsing and no rules, with the plugin's `strict` config, and with typescript-eslint's
// `no-floating-promises` alone (a peer anchor), REPEAT times each; print medians and ratios
// measured in the same run, per-rule times (ESLint stats), peak memory, and the scaling exponent.
// Then the same three modes on the real-world corpus, when one is given, and the editor-latency
// table (bench/editor.mjs: warm re-lints of one route file in a persistent process).
//
//   npm run bench                 # N = 100, 400, 1600; 5 repetitions
//   npm run bench -- 100 400 -r 3 # other sizes or repetitions
//   npm run bench -- --realworld ~/realworld-dev --types ~/rw-types/node_modules
//                                 # also the labelled corpus (see ../shared/realworld-dev/README.md),
//                                 # typed against the packages in --types
//   npm run bench -- --no-editor  # skip the editor-latency table
//   npm run bench -- --no-scan    # skip the scan table (`dynamodb-security scan` of the fixtures
//                                 # and, with --realworld, of the corpus: one command, many tsconfigs)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const take = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const repeat = Number(take('-r') ?? 5);
const realworld = take('--realworld');
const types = take('--types');
const editor = !args.includes('--no-editor');
const scan = !args.includes('--no-scan');
const sizes = args.filter((arg) => !arg.startsWith('--')).map(Number);
const modes = ['none', 'strict', 'nfp'];
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Each target: a folder linted in all modes; `tsconfig` puts every file in that one program. */
const targets = (sizes.length ? sizes : [100, 400, 1600]).map((size) => {
  const dir = path.join(here, 'out', String(size));
  generate(dir, size);
  return { label: String(size), dir, pattern: 'src' };
});
let typesLink;
if (realworld) {
  const dir = path.resolve(realworld);
  if (types) {
    // Typed against real packages: node_modules beside corpus/ (score.mjs links corpus/node_modules
    // itself, so the two never pull one link from under each other).
    typesLink = path.join(dir, 'node_modules');
    if (!fs.existsSync(typesLink)) fs.symlinkSync(path.resolve(types), typesLink, 'dir');
    else typesLink = undefined;
  }
  targets.push({ label: 'real-world corpus', dir, pattern: 'corpus', tsconfig: 'tsconfig.json' });
}

const rows = [];
for (const { label, dir, pattern, tsconfig } of targets) {
  const runs = Object.fromEntries(modes.map((mode) => [mode, []]));
  for (let i = 0; i < repeat; i++) {
    // Alternate the modes within each repetition, so drift on a shared machine hits all alike.
    for (const mode of i % 2 ? [...modes].reverse() : modes) {
      const once = [path.join(here, 'lint-once.mjs'), dir, mode, pattern, ...(tsconfig ? [tsconfig] : [])];
      const output = execFileSync(process.execPath, once, {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      runs[mode].push(JSON.parse(output.trim().split('\n').pop()));
    }
  }
  const wall = Object.fromEntries(modes.map((mode) => [mode, median(runs[mode].map((run) => run.ms))]));
  // CPU time (all threads): on a machine others share, steadier than wall time.
  const cpu = Object.fromEntries(modes.map((mode) => [mode, median(runs[mode].map((run) => run.cpuMs))]));
  const pluginRuleMs = median(
    runs.strict.map((run) =>
      Object.entries(run.ruleMs)
        .filter(([rule]) => rule.startsWith('dynamodb-security/'))
        .reduce((sum, [, ms]) => sum + ms, 0),
    ),
  );
  const nfpRuleMs = median(runs.nfp.map((run) => run.ruleMs['@typescript-eslint/no-floating-promises'] ?? 0));
  const perRule = {};
  for (const run of runs.strict) for (const [rule, ms] of Object.entries(run.ruleMs)) (perRule[rule] ??= []).push(ms);
  rows.push({
    label,
    synthetic: !tsconfig,
    files: runs.strict[0].files,
    wall,
    cpu,
    pluginRuleMs,
    nfpRuleMs,
    perRule: Object.fromEntries(Object.entries(perRule).map(([rule, values]) => [rule, median(values)])),
    peakMb: Object.fromEntries(modes.map((mode) => [mode, Math.max(...runs[mode].map((run) => run.maxRssMb))])),
    findings: runs.strict[0].findings,
  });
}

const fixed = (value, digits = 0) => value.toFixed(digits);
console.log(
  `\nbench: ${repeat} alternating runs per mode, medians (ms; CPU = user + system of the lint); ratios from the same run\n`,
);
console.log(
  'target | files | no rules | strict | no-floating-promises | strict/no-rules | strict/nfp | CPU ms (none/strict/nfp) | CPU strict/no-rules | plugin rule ms | nfp rule ms | peak MB (none/strict/nfp) | findings',
);
for (const row of rows) {
  console.log(
    [
      row.synthetic ? 'synthetic' : row.label,
      row.files,
      fixed(row.wall.none),
      fixed(row.wall.strict),
      fixed(row.wall.nfp),
      fixed(row.wall.strict / row.wall.none, 3),
      fixed(row.wall.strict / row.wall.nfp, 3),
      `${fixed(row.cpu.none)}/${fixed(row.cpu.strict)}/${fixed(row.cpu.nfp)}`,
      fixed(row.cpu.strict / row.cpu.none, 3),
      fixed(row.pluginRuleMs),
      fixed(row.nfpRuleMs),
      `${fixed(row.peakMb.none)}/${fixed(row.peakMb.strict)}/${fixed(row.peakMb.nfp)}`,
      row.findings,
    ].join(' | '),
  );
}
for (const row of rows)
  console.log(
    `per-rule (${row.synthetic ? `N=${row.files}` : row.label}): ${Object.entries(row.perRule)
      .map(([rule, ms]) => `${rule} ${fixed(ms)} ms`)
      .join(', ')}`,
  );
const synthetic = rows.filter((row) => row.synthetic);
if (synthetic.length > 1) {
  // Least-squares slope of log(rule time) over log(files): time ∝ N^k.
  const xs = synthetic.map((row) => Math.log(row.files));
  const ys = synthetic.map((row) => Math.log(Math.max(row.pluginRuleMs, 1)));
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  const k = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  console.log(`scaling exponent of plugin rule time: k = ${fixed(k, 2)}`);
}
if (scan) {
  // `scan` on folders of many projects, in a fresh process each: wall time and peak resident memory
  // (GNU time), and the scan's own summary line (files, tsconfig programs, findings).
  const folders = [{ label: 'fixtures', dir: path.join(here, '..', 'fixtures') }];
  if (realworld) folders.push({ label: 'real-world corpus', dir: path.join(path.resolve(realworld), 'corpus') });
  const bin = path.join(here, '..', 'dist', 'src', 'cli', 'bin.js');
  console.log('\nscan: one `dynamodb-security scan --strict --no-config` per folder (peak RSS by GNU time)\n');
  console.log('folder | wall s | peak RSS MB | summary');
  for (const { label, dir } of folders) {
    const result = spawnSync(
      '/usr/bin/time',
      ['-f', '%e %M', process.execPath, bin, 'scan', dir, '--strict', '--no-config'],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    );
    const [seconds, kb] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
    const summary = `${result.stdout}${result.stderr}`.split('\n').findLast((line) => line.includes('scanned'));
    console.log(
      [
        label,
        fixed(seconds, 1),
        fixed(kb / 1024),
        summary?.replace(/^dynamodb-security: /, '') ?? `exit ${result.status}`,
      ].join(' | '),
    );
  }
}
if (typesLink) fs.unlinkSync(typesLink);
if (editor) execFileSync(process.execPath, [path.join(here, 'editor.mjs')], { stdio: 'inherit' });
