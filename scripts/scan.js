#!/usr/bin/env node
// Scan a TypeScript/JavaScript project with the plugin's `strict` config and typed linting.
//
//   npm run scan                 # builds, then scans the repository's fixtures/ directory
//   npm run scan -- <dir>        # builds, then scans another project (its tsconfig.json files give the types)
//   node scripts/scan.js [dir]   # same, without rebuilding (needs an earlier `npm run build`)
//
// Every **/*.{ts,tsx,mts,cts,js,mjs,cjs} file under <dir> is linted (node_modules, dist and
// declaration files excepted) with `parserOptions.projectService`, so each file is typed by the
// nearest tsconfig.json that includes it. Files that no tsconfig.json covers are skipped and listed:
// the rules need type information, and guessing a default program for an arbitrary tree is not worth
// the slowdown. Only this plugin's findings (and parse errors) are printed, with ESLint's `stylish`
// formatter, followed by a one-line summary.
//
// Exit code: 0 when the scan ran (whatever it found); 2 when it could not run (bad path, plugin not
// built, ESLint failure).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const NAMESPACE = 'dynamodb-security';
const EXTENSIONS = '{ts,tsx,mts,cts,js,mjs,cjs}';
const NOT_IN_A_PROJECT = /was not found by the project service/;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `npm run scan -- <dir>` runs in the repository root; a relative <dir> means the caller's directory.
const invokedFrom = (process.env.npm_lifecycle_event && process.env.INIT_CWD) || process.cwd();

function fail(message) {
  console.error(`scan: ${message}`);
  process.exit(2);
}

function usage() {
  console.log('Usage: node scripts/scan.js [dir]    (default: fixtures/ of this repository)');
}

async function loadPlugin() {
  const entry = path.join(repoRoot, 'dist', 'src', 'index.js');
  if (!fs.existsSync(entry)) fail(`the plugin is not built (${entry} is missing); run \`npm run build\` or use \`npm run scan\``);
  const module = await import(pathToFileURL(entry).href);
  return module.default;
}

function targetDir(args) {
  if (args.includes('-h') || args.includes('--help')) {
    usage();
    process.exit(0);
  }
  if (args.length > 1) fail(`expected at most one directory, got ${args.length} arguments: ${args.join(' ')}`);
  const dir = args[0] === undefined ? path.join(repoRoot, 'fixtures') : path.resolve(invokedFrom, args[0]);
  let stat;
  try {
    stat = fs.statSync(dir);
  } catch {
    fail(`no such directory: ${dir}`);
  }
  if (!stat.isDirectory()) fail(`not a directory: ${dir}`);
  return fs.realpathSync(dir);
}

function displayPath(dir) {
  const relative = path.relative(invokedFrom, dir);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative;
}

/** Keeps this plugin's messages and fatal errors, and recomputes the counts the formatter prints. */
function onlyPluginMessages(result) {
  const messages = result.messages.filter((m) => m.fatal || m.ruleId?.startsWith(`${NAMESPACE}/`));
  const count = (predicate) => messages.filter(predicate).length;
  return {
    ...result,
    messages,
    suppressedMessages: [],
    errorCount: count((m) => m.severity === 2),
    fatalErrorCount: count((m) => m.fatal),
    warningCount: count((m) => m.severity === 1),
    fixableErrorCount: count((m) => m.severity === 2 && m.fix),
    fixableWarningCount: count((m) => m.severity === 1 && m.fix),
  };
}

async function main() {
  const dir = targetDir(process.argv.slice(2));
  const plugin = await loadPlugin();

  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    overrideConfig: [
      { ignores: ['**/node_modules/**', '**/dist/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'] },
      {
        files: [`**/*.${EXTENSIONS}`],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { projectService: true, tsconfigRootDir: dir },
        },
        // The target project's own directives name rules that are not loaded here.
        linterOptions: { reportUnusedDisableDirectives: 'off' },
      },
      plugin.configs.strict,
    ],
  });

  const started = Date.now();
  const all = await eslint.lintFiles([`**/*.${EXTENSIONS}`]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const skipped = [];
  const results = [];
  for (const result of all) {
    if (result.messages.some((m) => m.fatal && NOT_IN_A_PROJECT.test(m.message))) skipped.push(result.filePath);
    else results.push(onlyPluginMessages(result));
  }

  const formatter = await eslint.loadFormatter('stylish');
  const output = await formatter.format(results, { cwd: dir, rulesMeta: eslint.getRulesMetaForResults(results) });
  if (output) console.log(output);

  if (skipped.length) {
    const shown = skipped.slice(0, 10).map((file) => `  ${path.relative(dir, file)}`);
    if (skipped.length > shown.length) shown.push(`  … and ${skipped.length - shown.length} more`);
    console.log(`Skipped ${skipped.length} file(s) that no tsconfig.json includes (typed linting needs one):\n${shown.join('\n')}\n`);
  }

  const perRule = new Map(Object.keys(plugin.rules).sort().map((name) => [`${NAMESPACE}/${name}`, 0]));
  let parseErrors = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) parseErrors++;
      else perRule.set(message.ruleId, (perRule.get(message.ruleId) ?? 0) + 1);
    }
  }
  const findings = [...perRule.values()].reduce((a, b) => a + b, 0);
  const byRule = [...perRule].map(([rule, n]) => `${rule.slice(NAMESPACE.length + 1)}: ${n}`).join(', ');
  const extras = [skipped.length ? `${skipped.length} skipped (no tsconfig)` : '', parseErrors ? `${parseErrors} parse error(s)` : ''].filter(Boolean);
  console.log(
    `${NAMESPACE} scan of ${displayPath(dir)}: ${results.length} file(s) linted in ${seconds}s, ` +
      `${findings} finding(s) (${byRule})${extras.length ? `; ${extras.join(', ')}` : ''}`,
  );
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  fail('the scan failed (see the error above)');
});
