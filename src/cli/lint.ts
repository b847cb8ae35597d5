import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../index.js';
import { NAMESPACE, RULE_META } from '../rule-meta.js';
import type { OwnConfig, ProjectConfig } from './config.js';
import type { ScanProjects } from './projects.js';

const PREFIX = `${NAMESPACE}/`;
/** Files per `lintFiles` call: small enough for a live progress line, large enough to cost nothing. */
const BATCH = 25;

export interface LintRun {
  /** An ESLint instance, for its formatters and rule metadata. */
  readonly eslint: ESLint;
  /** This plugin's findings (and parse errors) per file; other messages are dropped. */
  readonly results: ESLint.LintResult[];
  /** Files the project's config ignores: not linted. */
  readonly ignored: number;
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

/**
 * The rule entries for a file: each rule at its level in the preset, unless the project's config
 * sets it; the config's options always apply. With `--strict` every rule the config leaves on is
 * raised to its strict level.
 */
function rulesFor(own: OwnConfig | undefined, strict: boolean): Linter.RulesRecord {
  const rules: Linter.RulesRecord = {};
  for (const [name, meta] of Object.entries(RULE_META)) {
    const id = `${PREFIX}${name}`;
    const preset = strict ? meta.strict : meta.recommended;
    const entry = own?.rules[id];
    if (entry === undefined) {
      rules[id] = preset;
      continue;
    }
    const [severity, ...options] = (Array.isArray(entry) ? entry : [entry]) as [Linter.RuleSeverity, ...unknown[]];
    const off = severity === 0 || severity === 'off';
    rules[id] = [off ? 'off' : strict ? meta.strict : severity, ...options] as Linter.RuleEntry;
  }
  return rules;
}

/** Lints the files with the plugin and the given programs, reporting progress after each batch. */
export async function lintProjects(
  projects: ScanProjects,
  options: {
    readonly cwd: string;
    readonly strict: boolean;
    readonly config: ProjectConfig | undefined;
    readonly onProgress: (done: number, total: number) => void;
  },
): Promise<LintRun> {
  // Files grouped by what the project's config says for them (nearly always one group).
  const groups = new Map<string, { rules: Linter.RulesRecord; settings: unknown; files: string[] }>();
  let ignored = 0;
  for (const file of projects.files) {
    if (options.config && (await options.config.isIgnored(file))) {
      ignored++;
      continue;
    }
    const own = options.config ? await options.config.ownConfigFor(file) : undefined;
    const rules = rulesFor(own, options.strict);
    const key = JSON.stringify([rules, own?.settings]);
    const group = groups.get(key) ?? { rules, settings: own?.settings, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }

  const total = projects.files.length - ignored;
  const results: ESLint.LintResult[] = [];
  let eslint: ESLint | undefined;
  let done = 0;
  for (const group of groups.values()) {
    eslint = new ESLint({
      cwd: options.cwd,
      // The project's config was read above for this plugin's part; its other rules, parsers and
      // plugins are not what this scan is about.
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
          languageOptions: { parser: tsParser, parserOptions: { programs: projects.programs } },
          linterOptions: { reportUnusedDisableDirectives: 'off' },
          plugins: { [NAMESPACE]: plugin },
          rules: group.rules,
          ...(group.settings === undefined ? {} : { settings: { [NAMESPACE]: group.settings } }),
        },
      ],
    });
    for (let start = 0; start < group.files.length; start += BATCH) {
      const batch = group.files.slice(start, start + BATCH);
      for (const result of await eslint.lintFiles(batch)) results.push(ownMessages(result));
      done += batch.length;
      options.onProgress(done, total);
    }
  }
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  eslint ??= new ESLint({ cwd: options.cwd, overrideConfigFile: true });
  return { eslint, results, ignored };
}
