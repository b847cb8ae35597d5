#!/usr/bin/env node
// Crash test: lint, with every rule of the plugin on and typed linting, a large body of real code
// the project did not write: the .js/.ts/.mjs/.cjs files (not .d.ts) of packages installed as dev
// dependencies, one batch per fresh process (scripts/crashtest-batch.mjs). Fails (exit 1) on any
// rule exception or crashed batch; prints the file count and the time.
//
//   npm run crashtest            # every installed package
//   npm run crashtest -- express # only some
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Every installed package (scoped ones one by one): real code of many styles that this project did not write. */
function installedPackages() {
  const modules = path.join(root, 'node_modules');
  const out = [];
  for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) {
      for (const scoped of fs.readdirSync(path.join(modules, entry.name), { withFileTypes: true })) {
        if (scoped.isDirectory()) out.push(`${entry.name}/${scoped.name}`);
      }
    } else {
      out.push(entry.name);
    }
  }
  return out.sort();
}
const EXTENSIONS = /\.(?:[cm]?js|ts)$/;
/** Compiled bundles (next's `dist/compiled`, minified vendor files) hold no new code shapes and cost gigabytes. */
const MAX_FILE_BYTES = 300_000;

function filesOf(dir) {
  const out = [];
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop();
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (
        entry.isFile() &&
        EXTENSIONS.test(entry.name) &&
        !/\.d\.[cm]?ts$/.test(entry.name) &&
        fs.statSync(full).size < MAX_FILE_BYTES
      )
        out.push(full);
    }
  }
  return out.sort();
}

const selected = process.argv.slice(2).length ? process.argv.slice(2) : installedPackages();
/** Packages are linted in batches of at most this many files, one TypeScript program per batch (a big package is split). */
const FILES_PER_BATCH = 1500;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dynamodb-security-crashtest-'));
let total = 0;
const failures = [];
const started = Date.now();
const batches = [];
for (const name of selected) {
  const dir = path.join(root, 'node_modules', name);
  if (!fs.existsSync(dir)) continue;
  const files = filesOf(dir);
  for (let start = 0; start < files.length; start += FILES_PER_BATCH) {
    const chunk = files.slice(start, start + FILES_PER_BATCH);
    const last = batches[batches.length - 1];
    if (last && last.files.length + chunk.length <= FILES_PER_BATCH) {
      if (last.names[last.names.length - 1] !== name) last.names.push(name);
      last.files.push(...chunk);
    } else {
      batches.push({ names: [name], files: chunk });
    }
  }
}
for (const [index, batch] of batches.entries()) {
  // One program per batch: its files, plain JavaScript included, none of them type-checked.
  const tsconfig = path.join(scratch, `batch-${index}.tsconfig.json`);
  fs.writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        allowJs: true,
        checkJs: false,
        noEmit: true,
        skipLibCheck: true,
        target: 'ES2022',
        module: 'preserve',
        moduleResolution: 'bundler',
        types: [],
      },
      files: batch.files,
    }),
  );
  const batchStart = Date.now();
  const label = `${batch.names[0]} … ${batch.names[batch.names.length - 1]} (${batch.names.length} packages)`;
  // A fresh process per batch: typescript-estree keeps every program it built, so one long
  // process would hold all batches' programs at once.
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', path.join(root, 'scripts', 'crashtest-batch.mjs'), tsconfig],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const last = run.stdout.trim().split('\n').pop() ?? '';
  const outcome = last.startsWith('{')
    ? JSON.parse(last)
    : { error: `batch process failed (exit ${run.status}): ${run.stderr.split('\n').slice(-12).join('\n')}` };
  if (outcome.error) {
    failures.push({ label, error: outcome.error });
    console.log(`${label}: RULE EXCEPTION\n${outcome.error}`);
  } else {
    console.log(
      `${label}: ${outcome.files} files, ${outcome.findings} findings, ${((Date.now() - batchStart) / 1000).toFixed(1)} s`,
    );
  }
  total += batch.files.length;
}
fs.rmSync(scratch, { recursive: true, force: true });
console.log(
  `\ncrashtest: ${total} files of ${selected.length} package folders in ${batches.length} batches, ${((Date.now() - started) / 1000).toFixed(0)} s, ${failures.length} package(s) with rule exceptions`,
);
process.exitCode = failures.length ? 1 : 0;
