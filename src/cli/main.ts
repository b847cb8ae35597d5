import fs from 'node:fs';
import path from 'node:path';
import type { ESLint } from 'eslint';
import formatSarif from '../formatters/sarif.js';
import formatText from '../formatters/text.js';
import plugin from '../index.js';
import { NAMESPACE } from '../rule-meta.js';
import { packageInfo } from '../util/package-info.js';
import { parseCommand, USAGE, UsageError, type ScanOptions } from './args.js';
import { loadProjectConfig } from './config.js';
import { lintProjects, type LintProgress } from './lint.js';
import { findProjects, ScanInputError } from './projects.js';

/** Where the command runs and writes; the bin passes the process's, tests their own. */
export interface CliEnvironment {
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Paths scanned when none is given (default: the working directory, like `eslint .`). */
  readonly defaultPaths?: readonly string[];
  /** A scan shorter than this prints no progress line, even on a terminal (default: 2 s). */
  readonly progressAfterMs?: number;
}

/** The deepest directory containing all the paths: ESLint ignores files outside its `cwd`. */
function commonRoot(paths: readonly string[]): string {
  let root = paths[0]!;
  for (const p of paths) {
    while (path.relative(root, p).startsWith('..') || path.isAbsolute(path.relative(root, p)))
      root = path.dirname(root);
  }
  return root;
}

/**
 * Progress on stderr: on a terminal, one line rewritten after each batch of files; elsewhere (CI
 * logs), a line per program when the scan has more than one, so a long scan shows it is alive.
 * `--verbose` adds each program's build and lint time and the process's memory.
 */
function progressReporter(
  { stderr, cwd, progressAfterMs = 2000 }: CliEnvironment,
  verbose: boolean,
): LintProgress & { clear: () => void } {
  const started = Date.now();
  let shown = false;
  const clear = () => {
    if (shown) stderr.write('\r\x1b[K');
    shown = false;
  };
  return {
    onProgress(done, total) {
      if (!stderr.isTTY || Date.now() - started < progressAfterMs) return;
      shown = true;
      stderr.write(`\rdynamodb-security: linted ${done}/${total} files…`);
    },
    onProgram({ plan, index, count, buildMs, lintMs }) {
      if (!verbose && (stderr.isTTY || count < 2)) return;
      const name = plan.config ? path.relative(cwd, plan.config) || plan.config : 'default program';
      const timing = verbose
        ? `: program built in ${(buildMs / 1000).toFixed(1)}s, linted in ${(lintMs / 1000).toFixed(1)}s, ` +
          `${Math.round(process.memoryUsage().rss / 2 ** 20)} MB resident`
        : '';
      clear();
      stderr.write(`dynamodb-security: [${index}/${count}] ${name} (${plan.files.length} file(s))${timing}\n`);
    },
    clear,
  };
}

/**
 * The report in the chosen format. Rule metadata comes from the plugin itself: ESLint gives it only
 * for results of the instance that linted them, and the scan lints with one instance per program.
 */
async function formatResults(
  options: ScanOptions,
  eslint: ESLint,
  results: ESLint.LintResult[],
  cwd: string,
): Promise<string> {
  const rulesMeta = Object.fromEntries(
    Object.entries(plugin.rules ?? {}).map(([name, rule]) => [`${NAMESPACE}/${name}`, rule.meta ?? {}]),
  );
  if (options.format === 'sarif') return formatSarif(results, { cwd, rulesMeta });
  if (options.format === 'text') return formatText(results, { cwd, rulesMeta });
  // ESLint's own formatters (stylish, json) need no rule metadata.
  return (await eslint.loadFormatter(options.format)).format(results);
}

/**
 * Why the scan fails, or undefined when it passes: findings at or above `--fail-on`, or more
 * warnings than `--max-warnings`. `--fail-on never` always passes (it ignores `--max-warnings`).
 * Parse errors count as errors.
 */
export function failure(
  options: Pick<ScanOptions, 'failOn' | 'maxWarnings'>,
  errors: number,
  warnings: number,
): string | undefined {
  if (options.failOn === 'never') return undefined;
  if (errors > 0) return `${errors} error(s) reach --fail-on ${options.failOn}`;
  if (options.failOn === 'warn' && warnings > 0) return `${warnings} warning(s) reach --fail-on warn`;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings)
    return `${warnings} warning(s) exceed --max-warnings ${options.maxWarnings}`;
  return undefined;
}

/** Exit code 1 when the scan fails (see `failure`), else 0. */
export function exitCode(
  options: Pick<ScanOptions, 'failOn' | 'maxWarnings'>,
  errors: number,
  warnings: number,
): number {
  return failure(options, errors, warnings) === undefined ? 0 : 1;
}

async function scan(options: ScanOptions, env: CliEnvironment): Promise<number> {
  const started = Date.now();
  const given = options.paths.length > 0 ? options.paths : (env.defaultPaths ?? ['.']);
  const projects = findProjects(given, env.cwd);
  const cwd = commonRoot([env.cwd, ...given.map((p) => path.resolve(env.cwd, p))]);

  const config = await loadProjectConfig(options.config, env.cwd, path.resolve(env.cwd, given[0]!));
  for (const warning of projects.warnings) env.stderr.write(`dynamodb-security: warning: ${warning}\n`);
  const progress = progressReporter(env, options.verbose);
  const { eslint, results, ignored } = await lintProjects(projects, {
    cwd,
    strict: options.strict,
    config,
    onProgress: progress.onProgress,
    onProgram: progress.onProgram,
  });
  progress.clear();

  const output = await formatResults(options, eslint, results, cwd);
  if (options.output) {
    const file = path.resolve(env.cwd, options.output);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, output.endsWith('\n') ? output : `${output}\n`);
  } else if (output) {
    env.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }

  const sum = (pick: (r: ESLint.LintResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const parseErrors = sum((r) => r.fatalErrorCount);
  const errors = sum((r) => r.errorCount);
  const warnings = sum((r) => r.warningCount);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const typedBy = [
    `${projects.configs.length} tsconfig.json`,
    ...(projects.defaultProgramFiles ? [`${projects.defaultProgramFiles} file(s) in a default program`] : []),
  ];
  const configText = config
    ? `settings, rule options and ignores from ${path.relative(env.cwd, config.file) || config.file}` +
      (ignored ? ` (${ignored} file(s) ignored)` : '')
    : options.config === false
      ? 'no ESLint config (--no-config)'
      : 'no ESLint config found';
  env.stderr.write(
    `dynamodb-security: ${projects.files.length - ignored} file(s) scanned (${typedBy.join(', ')}) in ${seconds}s with the ${options.strict ? 'strict' : 'recommended'} config and ${configText}: ` +
      `${errors - parseErrors} error(s), ${warnings} warning(s)${parseErrors ? `, ${parseErrors} parse error(s)` : ''}` +
      `${options.output ? `; report written to ${options.output}` : ''}\n`,
  );
  const failed = failure(options, errors, warnings);
  if (failed) env.stderr.write(`dynamodb-security: failed: ${failed}\n`);
  else if (options.failOn === 'never' && options.maxWarnings !== undefined)
    env.stderr.write('dynamodb-security: --max-warnings is ignored with --fail-on never\n');
  return failed === undefined ? 0 : 1;
}

/** Runs the command line; resolves to the process exit code (0 pass, 1 failing findings, 2 could not run). */
export async function main(argv: readonly string[], env: CliEnvironment): Promise<number> {
  try {
    const command = parseCommand(argv, env.cwd);
    if (command.kind === 'help') {
      env.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command.kind === 'version') {
      env.stdout.write(`${packageInfo.version}\n`);
      return 0;
    }
    return await scan(command, env);
  } catch (error) {
    if (error instanceof UsageError) {
      env.stderr.write(`dynamodb-security: ${error.message}\nRun \`dynamodb-security --help\` for usage.\n`);
      return 2;
    }
    if (error instanceof ScanInputError) {
      env.stderr.write(`dynamodb-security: ${error.message}\n`);
      return 2;
    }
    env.stderr.write(
      `dynamodb-security: the scan failed: ${(error instanceof Error ? error.stack : undefined) ?? String(error)}\n`,
    );
    return 2;
  }
}
