/**
 * End-to-end: every directory under `fixtures/` that has a `tsconfig.json` is linted by the real
 * `ESLint` class with typed linting, once with the plugin's `strict` config (an audit: every
 * pattern) and once with `recommended` (evidence required, SPEC §5). Expected reports are written
 * in the fixture sources as trailing comments:
 *
 *     Key: { userId: req.params.user_id } }); // expect: no-unscoped-key
 *     getOrder(req.params.userId, req.params.orderId); // expect: no-unscoped-key, no-unscoped-key
 *     Key: { sku: req.params.sku } }); // expect: no-unscoped-key expect-recommended: no-unvalidated-input
 *     res.json(out.Item); // expect: no-raw-item-response expect-recommended: none
 *
 * (rule names without the `dynamodb-security/` prefix; a name listed twice means two reports on
 * that line). `expect:` states the `strict` reports; `expect-recommended:` states the
 * `recommended` ones where they differ (`none` for no report), and without it a line expects the
 * same in both. Per file and config, the multiset of `dynamodb-security/*` reports on each line
 * must equal the expectation exactly; a file without expect comments must get no reports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const NAMESPACE = 'dynamodb-security';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixturesRoot = path.join(repoRoot, 'fixtures');
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage']);
/** `// expect: a, b`, optionally followed by `expect-recommended: c` (or `none`), or the latter alone. */
const EXPECT_COMMENT = /\/\/\s*(?:expect:\s*(.*?))?\s*(?:expect-recommended:\s*(.*))?$/;
const RULE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** line → rule names (a multiset, kept sorted). */
type LineRules = Map<number, string[]>;

interface Report {
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly message: string;
}

function fixtureProjects(): string[] {
  if (!fs.existsSync(fixturesRoot)) return [];
  return fs
    .readdirSync(fixturesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(fixturesRoot, entry.name, 'tsconfig.json')))
    .map((entry) => entry.name)
    .sort();
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...sourceFiles(full));
    } else if (SOURCE_EXTENSIONS.includes(path.extname(entry.name)) && !/\.d\.[cm]?ts$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out.sort();
}

type ConfigName = 'strict' | 'recommended';

/** The expect comments of one file, for one config. Malformed comments fail the test rather than being ignored. */
function expectationsOf(file: string, relative: string, config: ConfigName): LineRules {
  const expected: LineRules = new Map();
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((text, index) => {
    const match = EXPECT_COMMENT.exec(text);
    if (!match || (match[1] === undefined && match[2] === undefined)) return;
    const read = (list: string, allowNone: boolean) => {
      if (allowNone && list.trim() === 'none') return [];
      const names = list
        .split(',')
        .map((name) => name.trim().replace(`${NAMESPACE}/`, ''))
        .filter((name) => name.length > 0);
      if (names.length === 0 || !names.every((name) => RULE_NAME.test(name)))
        throw new Error(`${relative}:${index + 1}: malformed expect comment: ${text.trim()}`);
      return names.sort();
    };
    const strict = match[1] === undefined ? [] : read(match[1], false);
    const names = config === 'recommended' && match[2] !== undefined ? read(match[2], true) : strict;
    if (names.length) expected.set(index + 1, names);
  });
  return expected;
}

function createLinter(dir: string, config: ConfigName): ESLint {
  return new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { projectService: true, tsconfigRootDir: dir },
        },
      },
      plugin.configs[config],
    ],
  });
}

function countBy(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/** One readable line (plus the printed messages) per file:line:rule whose report count differs. */
function compare(relative: string, expected: LineRules, reports: readonly Report[]): string[] {
  const actual: LineRules = new Map();
  for (const report of reports) actual.set(report.line, [...(actual.get(report.line) ?? []), report.rule].sort());
  const lines = [...new Set([...expected.keys(), ...actual.keys()])].sort((a, b) => a - b);
  const out: string[] = [];
  for (const line of lines) {
    const want = countBy(expected.get(line) ?? []);
    const got = countBy(actual.get(line) ?? []);
    for (const rule of [...new Set([...want.keys(), ...got.keys()])].sort()) {
      const w = want.get(rule) ?? 0;
      const g = got.get(rule) ?? 0;
      if (w === g) continue;
      const kind = g < w ? 'MISSING   ' : 'UNEXPECTED';
      const printed = reports
        .filter((r) => r.line === line && r.rule === rule)
        .map((r) => `\n      col ${r.column}: ${r.message}`)
        .join('');
      out.push(`${relative}:${line}  ${kind}  ${rule}: expected ${w}, reported ${g}${printed}`);
    }
  }
  return out;
}

const projects = fixtureProjects();

describe('end-to-end fixtures (real ESLint, typed linting, configs.strict and configs.recommended)', () => {
  it('has fixture projects to lint', () => {
    expect(projects.length).toBeGreaterThan(0);
  });

  for (const name of projects)
    for (const config of ['strict', 'recommended'] as const) {
      it(`fixtures/${name} (${config})`, async () => {
        const dir = path.join(fixturesRoot, name);
        const files = sourceFiles(dir);
        expect(files.length, `fixtures/${name} has no source files`).toBeGreaterThan(0);

        const results = await createLinter(dir, config).lintFiles(files);
        const byFile = new Map(results.map((result) => [path.resolve(result.filePath), result]));

        const problems: string[] = [];
        const mismatches: string[] = [];
        for (const file of files) {
          const relative = path.relative(dir, file).split(path.sep).join('/');
          const expected = expectationsOf(file, relative, config);
          const result = byFile.get(path.resolve(file));
          if (!result) {
            problems.push(`${relative}: not linted (ignored or not matched by the config)`);
            continue;
          }
          const reports: Report[] = [];
          for (const message of result.messages) {
            if (message.fatal) {
              problems.push(`${relative}:${message.line}:${message.column}  FATAL  ${message.message}`);
            } else if (message.ruleId?.startsWith(`${NAMESPACE}/`)) {
              reports.push({
                line: message.line,
                column: message.column,
                rule: message.ruleId.slice(NAMESPACE.length + 1),
                message: message.message,
              });
            } else if (message.severity === 2) {
              problems.push(
                `${relative}:${message.line}:${message.column}  ERROR  ${message.ruleId ?? '(no rule)'}: ${message.message}`,
              );
            }
          }
          mismatches.push(...compare(relative, expected, reports));
        }

        expect
          .soft(problems.length, `fatal or configuration errors in fixtures/${name}:\n${problems.join('\n')}\n`)
          .toBe(0);
        expect(
          mismatches.length,
          `fixtures/${name} (${config}): reports differ from the // expect comments (${mismatches.length} mismatches):\n${mismatches.join('\n')}\n`,
        ).toBe(0);
      });
    }
});
