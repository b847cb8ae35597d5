#!/usr/bin/env node
// `npm run scan [-- args]`: the plugin's `scan` command with the `strict` config, scanning the
// bundled fixtures/ unless paths are given. A relative path means the caller's directory (npm runs
// scripts in the repository root). Exit code 0 whenever the scan ran, as this is a demonstration;
// pass `--fail-on error` for a gate.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { main } = await import(pathToFileURL(path.join(repoRoot, 'dist', 'src', 'cli', 'main.js')).href);

// The bundled fixtures are scanned without an ESLint config (the repository's own ignores them).
const args = process.argv.slice(2);
const noPath = !args.some((arg) => !arg.startsWith('-'));
process.exitCode = await main(['scan', '--strict', '--fail-on', 'never', ...(noPath ? ['--no-config'] : []), ...args], {
  cwd: process.env.INIT_CWD ?? process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  defaultPaths: [path.join(repoRoot, 'fixtures')],
});
