import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../index.js';
import type { ScanProjects } from './projects.js';

const PREFIX = `${plugin.meta.namespace}/`;
/** Files per `lintFiles` call: small enough for a live progress line, large enough to cost nothing. */
const BATCH = 25;

export interface LintRun {
  /** The ESLint instance, for its formatters and rule metadata. */
  readonly eslint: ESLint;
  /** This plugin's findings (and parse errors) per file; other messages are dropped. */
  readonly results: ESLint.LintResult[];
}

/**
 * Keeps this plugin's messages and parse errors. The target project's own `eslint-disable` and
 * inline-config comments may name rules that are not loaded here; those messages are not findings.
 */
function ownMessages(result: ESLint.LintResult): ESLint.LintResult {
  const messages = result.messages.filter((m) => m.fatal === true || m.ruleId?.startsWith(PREFIX) === true);
  const count = (predicate: (m: Linter.LintMessage) => boolean) => messages.filter(predicate).length;
  return {
    ...result,
    messages,
    suppressedMessages: result.suppressedMessages.filter((m) => m.ruleId?.startsWith(PREFIX)),
    errorCount: count((m) => m.severity === 2),
    fatalErrorCount: count((m) => m.fatal === true),
    warningCount: count((m) => m.severity === 1),
    fixableErrorCount: count((m) => m.severity === 2 && m.fix !== undefined),
    fixableWarningCount: count((m) => m.severity === 1 && m.fix !== undefined),
  };
}

/** Lints the files with the plugin's config and the given programs, reporting progress after each batch. */
export async function lintProjects(
  projects: ScanProjects,
  options: {
    readonly cwd: string;
    readonly strict: boolean;
    readonly onProgress: (done: number, total: number) => void;
  },
): Promise<LintRun> {
  const eslint = new ESLint({
    cwd: options.cwd,
    // The target has no ESLint config of its own, or one that should not change what this scan finds.
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
        languageOptions: { parser: tsParser, parserOptions: { programs: projects.programs } },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
      },
      options.strict ? plugin.configs.strict : plugin.configs.recommended,
    ],
  });
  const results: ESLint.LintResult[] = [];
  for (let start = 0; start < projects.files.length; start += BATCH) {
    for (const result of await eslint.lintFiles(projects.files.slice(start, start + BATCH)))
      results.push(ownMessages(result));
    options.onProgress(Math.min(start + BATCH, projects.files.length), projects.files.length);
  }
  return { eslint, results };
}
