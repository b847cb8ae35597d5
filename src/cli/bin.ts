#!/usr/bin/env node
// The `dynamodb-security` (and `eslint-plugin-dynamodb-security`) command. See `main.ts`.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
