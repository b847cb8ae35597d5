// The benchmark: for N = 100, 400 and 1,600 generated files, alternate fresh-process lints with
// typed parsing and no rules, with the plugin's `strict` config, and with typescript-eslint's
// `no-floating-promises` alone (a peer anchor), REPEAT times each; print medians and ratios
// measured in the same run, per-rule times (ESLint stats), peak memory, and the scaling exponent.
//
//   npm run bench                 # N = 100, 400, 1600; 5 repetitions
//   npm run bench -- 100 400 -r 3 # other sizes or repetitions
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const repeatAt = args.indexOf('-r');
const repeat = repeatAt >= 0 ? Number(args.splice(repeatAt, 2)[1]) : 5;
const sizes = args.length ? args.map(Number) : [100, 400, 1600];
const modes = ['none', 'strict', 'nfp'];
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const rows = [];
for (const size of sizes) {
  const dir = path.join(here, 'out', String(size));
  const files = generate(dir, size);
  const runs = Object.fromEntries(modes.map((mode) => [mode, []]));
  for (let i = 0; i < repeat; i++) {
    // Alternate the modes within each repetition, so drift on a shared machine hits all alike.
    for (const mode of i % 2 ? [...modes].reverse() : modes) {
      const output = execFileSync(process.execPath, [path.join(here, 'lint-once.mjs'), dir, mode], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      runs[mode].push(JSON.parse(output.trim().split('\n').pop()));
    }
  }
  const wall = Object.fromEntries(modes.map((mode) => [mode, median(runs[mode].map((run) => run.ms))]));
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
    size,
    files,
    wall,
    pluginRuleMs,
    nfpRuleMs,
    perRule: Object.fromEntries(Object.entries(perRule).map(([rule, values]) => [rule, median(values)])),
    peakMb: Object.fromEntries(modes.map((mode) => [mode, Math.max(...runs[mode].map((run) => run.maxRssMb))])),
    findings: runs.strict[0].findings,
  });
}

const fixed = (value, digits = 0) => value.toFixed(digits);
console.log(`\nbench: ${repeat} alternating runs per mode, medians (ms); ratios from the same run\n`);
console.log(
  'files | no rules | strict | no-floating-promises | strict/no-rules | strict/nfp | plugin rule ms | nfp rule ms | peak MB (none/strict/nfp) | findings',
);
for (const row of rows) {
  console.log(
    [
      row.files,
      fixed(row.wall.none),
      fixed(row.wall.strict),
      fixed(row.wall.nfp),
      fixed(row.wall.strict / row.wall.none, 3),
      fixed(row.wall.strict / row.wall.nfp, 3),
      fixed(row.pluginRuleMs),
      fixed(row.nfpRuleMs),
      `${fixed(row.peakMb.none)}/${fixed(row.peakMb.strict)}/${fixed(row.peakMb.nfp)}`,
      row.findings,
    ].join(' | '),
  );
}
for (const row of rows)
  console.log(
    `per-rule (N=${row.files}): ${Object.entries(row.perRule)
      .map(([rule, ms]) => `${rule} ${fixed(ms)} ms`)
      .join(', ')}`,
  );
if (rows.length > 1) {
  // Least-squares slope of log(rule time) over log(files): time ∝ N^k.
  const xs = rows.map((row) => Math.log(row.files));
  const ys = rows.map((row) => Math.log(Math.max(row.pluginRuleMs, 1)));
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  const k = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  console.log(`scaling exponent of plugin rule time: k = ${fixed(k, 2)}`);
}
