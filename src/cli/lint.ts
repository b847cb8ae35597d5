import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../index.js';
import { NAMESPACE, RULE_META } from '../rule-meta.js';
import type { OwnConfig, ProjectConfig } from './config.js';
import type { ProgramPlan, ScanProjects } from './projects.js';
import { fullCollector } from './collect-garbage.js';

const PREFIX = `${NAMESPACE}/`;
const SOURCE_FILES = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
/** Files per `lintFiles` call: small enough for a live progress line, large enough to cost nothing. */
const BATCH = 25;

export interface LintRun {
  /** An ESLint instance, for its formatters (holding no program of the scan). */
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
 * The rule entries for a file: each rule as the preset sets it (its level, and for `strict` the
 * audit options), unless the project's config sets it; the config's options always apply. With
 * `--strict` every rule the config leaves on is raised to its strict level, and the config's
 * options refine the audit options rather than drop them.
 */
function rulesFor(own: OwnConfig | undefined, strict: boolean): Linter.RulesRecord {
  const presetRules = plugin.configs[strict ? 'strict' : 'recommended'].rules ?? {};
  const rules: Linter.RulesRecord = {};
  for (const name of Object.keys(RULE_META)) {
    const id = `${PREFIX}${name}`;
    const preset = presetRules[id] ?? 'off';
    const entry = own?.rules[id];
    if (entry === undefined) {
      rules[id] = preset;
      continue;
    }
    const [severity, ...options] = (Array.isArray(entry) ? entry : [entry]) as [Linter.RuleSeverity, ...unknown[]];
    if (severity === 0 || severity === 'off') {
      rules[id] = 'off';
      continue;
    }
    if (!strict) {
      rules[id] = [severity, ...options] as Linter.RuleEntry;
      continue;
    }
    const [level, auditOptions] = (Array.isArray(preset) ? preset : [preset]) as [Linter.RuleSeverity, object?];
    const [first, ...rest] = options;
    rules[id] = auditOptions
      ? [level, { ...auditOptions, ...(first as object | undefined) }, ...rest]
      : [level, ...options];
  }
  return rules;
}

/** What the scan reports as it goes: files done after each batch, and each program when it is done. */
export interface LintProgress {
  readonly onProgress: (done: number, total: number) => void;
  readonly onProgram: (program: ProgramDone) => void;
}

export interface ProgramDone {
  readonly plan: ProgramPlan;
  /** Its position among the scan's programs, from 1. */
  readonly index: number;
  readonly count: number;
  readonly buildMs: number;
  readonly lintMs: number;
}

/**
 * Lints the files with the plugin, one program at a time: each program is built when its turn
 * comes and let go once its files are linted, so it and the plugin's analysis of it (kept per
 * program) can be collected before the next one is built.
 */
export async function lintProjects(
  projects: ScanProjects,
  options: LintProgress & {
    readonly cwd: string;
    readonly strict: boolean;
    readonly config: ProjectConfig | undefined;
  },
): Promise<LintRun> {
  const ignoredFiles = new Set<string>();
  if (options.config)
    for (const file of projects.files) if (await options.config.isIgnored(file)) ignoredFiles.add(file);
  const total = projects.files.length - ignoredFiles.size;
  const results: ESLint.LintResult[] = [];
  let done = 0;
  const collect = projects.plans.length > 1 ? fullCollector() : undefined;
  for (const [index, plan] of projects.plans.entries()) {
    const files = plan.files.filter((file) => !ignoredFiles.has(file));
    if (files.length === 0) continue;
    // The previous program is unreachable now: release it before the next one is built.
    if (index > 0) collect?.();
    const built = Date.now();
    const program = plan.build();
    const linted = Date.now();
    for (const group of await groupsByConfig(files, options.config, options.strict)) {
      const eslint = new ESLint({
        cwd: options.cwd,
        // The project's config was read above for this plugin's part; its other rules, parsers and
        // plugins are not what this scan is about.
        overrideConfigFile: true,
        overrideConfig: [
          {
            files: [SOURCE_FILES],
            languageOptions: { parser: tsParser, parserOptions: { programs: [program] } },
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
    options.onProgram({
      plan,
      index: index + 1,
      count: projects.plans.length,
      buildMs: linted - built,
      lintMs: Date.now() - linted,
    });
  }
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  // The instance kept for formatters must not hold on to the last program.
  return { eslint: new ESLint({ cwd: options.cwd, overrideConfigFile: true }), results, ignored: ignoredFiles.size };
}

/** Files grouped by what the project's config says for them (nearly always one group). */
async function groupsByConfig(
  files: readonly string[],
  config: ProjectConfig | undefined,
  strict: boolean,
): Promise<{ rules: Linter.RulesRecord; settings: unknown; files: string[] }[]> {
  const groups = new Map<string, { rules: Linter.RulesRecord; settings: unknown; files: string[] }>();
  for (const file of files) {
    const own = config ? await config.ownConfigFor(file) : undefined;
    const rules = rulesFor(own, strict);
    const key = JSON.stringify([rules, own?.settings]);
    const group = groups.get(key) ?? { rules, settings: own?.settings, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }
  return [...groups.values()];
}
