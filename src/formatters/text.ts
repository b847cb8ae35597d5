/**
 * The `scan` command's default output, for a person at a terminal: findings grouped by file, each
 * with its flow as indented steps, the rest of its message, its rule and the rule's page, then the
 * counts per rule (the way CodeQL's and Semgrep's command lines print). Usable with ESLint too:
 *
 *   eslint -f ./node_modules/eslint-plugin-dynamodb-security/dist/src/formatters/text.js .
 *
 * Like the SARIF formatter it loads only the rules' metadata, not the plugin.
 */
import path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { splitFlow } from '../flow-text.js';
import { ownRuleMeta, ruleDocsUrl } from '../rule-meta.js';

const WIDTH = 100;
const INDENT = '    ';

/** `text` broken into lines of at most `WIDTH` columns (a longer word stays whole), each indented. */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

function relative(file: string, cwd: string): string {
  const name = path.relative(cwd, file);
  return name && !name.startsWith('..') && !path.isAbsolute(name) ? name : file;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function levelOf(message: Linter.LintMessage): string {
  return message.severity === 2 ? 'error' : 'warning';
}

function describe(message: Linter.LintMessage, file: string, context: ESLint.LintResultData | undefined): string[] {
  const cwd = context?.cwd ?? process.cwd();
  const where = `${message.line}:${message.column}`;
  if (!message.ruleId) return [`  ${where}  ${levelOf(message)}  ${message.message}`];

  const own = ownRuleMeta(message.ruleId);
  const url = own ? ruleDocsUrl(own.name) : context?.rulesMeta[message.ruleId]?.docs?.url;
  const lines = [`  ${where}  ${levelOf(message)}  ${message.ruleId}`];
  const { flow, rest } = splitFlow(message.message, file, cwd);
  const here = path.relative(cwd, file) || path.basename(file);
  // Each step on its line: its label, then where it is (the file only when it is another one).
  const labels = flow.map((step, i) => `${i === 0 ? '' : '→ '}${step.label}`);
  const column = Math.min(Math.max(0, ...labels.map((label) => label.length)) + 2, 60);
  flow.forEach((step, i) => {
    const label = labels[i]!;
    lines.push(
      `${INDENT}${label.padEnd(column)}${step.file === here ? `line ${step.line}` : `${step.file}:${step.line}`}`,
    );
  });
  lines.push(...wrap(rest.charAt(0).toUpperCase() + rest.slice(1), INDENT));
  if (url) lines.push(`${INDENT}${url}`);
  return lines;
}

function format(results: ESLint.LintResult[], context?: ESLint.LintResultData): string {
  const cwd = context?.cwd ?? process.cwd();
  const out: string[] = [];
  const perRule = new Map<string, { errors: number; warnings: number }>();
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  let files = 0;

  for (const result of [...results].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0))) {
    suppressed += result.suppressedMessages.length;
    if (result.messages.length === 0) continue;
    files++;
    out.push(relative(result.filePath, cwd));
    const messages = [...result.messages].sort((a, b) => a.line - b.line || a.column - b.column);
    for (const [i, message] of messages.entries()) {
      if (i > 0) out.push('');
      out.push(...describe(message, result.filePath, context));
      if (message.severity === 2) errors++;
      else warnings++;
      const rule = message.ruleId ?? 'parse errors';
      const tally = perRule.get(rule) ?? { errors: 0, warnings: 0 };
      if (message.severity === 2) tally.errors++;
      else tally.warnings++;
      perRule.set(rule, tally);
    }
    out.push('');
  }

  if (errors + warnings === 0) {
    out.push(`No findings${suppressed ? ` (${plural(suppressed, 'finding')} suppressed in source)` : ''}.`);
    return `${out.join('\n')}\n`;
  }
  out.push(
    `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${plural(files, 'file')}` +
      `${suppressed ? ` (${plural(suppressed, 'more finding')} suppressed in source)` : ''}:`,
  );
  const width = Math.max(...[...perRule.keys()].map((rule) => rule.length));
  for (const [rule, tally] of [...perRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const counts = [
      ...(tally.errors ? [plural(tally.errors, 'error')] : []),
      ...(tally.warnings ? [plural(tally.warnings, 'warning')] : []),
    ];
    out.push(`  ${rule.padEnd(width)}  ${counts.join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}

export default format satisfies ESLint.FormatterFunction;
