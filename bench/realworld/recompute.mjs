// Precision over all findings of the scored rules, labelled and unlabelled, from a score report
// (`score-checkout.sh <checkout> <prefix>` writes <prefix>.txt) and the verdicts in verdicts.json.
// Usage: node bench/realworld/recompute.mjs <prefix>.txt
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCORED = ['no-unscoped-key', 'no-expression-injection', 'no-raw-item-response'];
const report = fs.readFileSync(process.argv[2] ?? '', 'utf8');
const { verdicts } = JSON.parse(
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'verdicts.json'), 'utf8'),
);
const byKey = new Map(verdicts.map((v) => [`${v.rule} ${v.file}:${v.line}`, v.verdict]));
const table = new Map();
for (const line of report.split('\n')) {
  const m = /^(no-[a-z-]+)\s+\d+\s+\d+\s+\d+\s+(\d+)\s+(\d+)\s+(\d+)/.exec(line);
  if (m && SCORED.includes(m[1])) table.set(m[1], { tp: +m[2], fp: +m[4] });
}
const unlabelled = report.split('Unlabelled findings:')[1] ?? '';
let tp = 0,
  fp = 0,
  unknown = [];
for (const counts of table.values()) {
  tp += counts.tp;
  fp += counts.fp;
}
for (const line of unlabelled.split('\n')) {
  const m = /^\s+(no-[a-z-]+)\s+(\S+):(\d+)\s/.exec(line);
  if (!m || !SCORED.includes(m[1])) continue;
  const verdict = byKey.get(`${m[1]} ${m[2]}:${m[3]}`);
  if (verdict === 'vulnerable') tp++;
  else if (verdict === 'safe') fp++;
  else unknown.push(line.trim().slice(0, 140));
}
console.log(
  `labelled + judged unlabelled: TP ${tp}, FP ${fp}, precision ${((100 * tp) / Math.max(1, tp + fp)).toFixed(1)}%`,
);
if (unknown.length)
  console.log(`not judged yet (${unknown.length}), add them to verdicts.json:\n  ${unknown.join('\n  ')}`);
