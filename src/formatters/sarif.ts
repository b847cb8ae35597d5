/**
 * A SARIF 2.1.0 formatter for ESLint results, for GitHub code scanning and other SARIF viewers.
 * Unlike a generic ESLint SARIF formatter, each result of this plugin carries its taint path as a
 * `codeFlow` (source, every hop, sink) and as `relatedLocations`.
 *
 *   eslint -f ./node_modules/eslint-plugin-dynamodb-security/dist/src/formatters/sarif.js -o results.sarif .
 *   dynamodb-security scan --format sarif --output results.sarif
 *
 * The path comes from the report message: ESLint drops a report's `data` before results reach a
 * formatter (and its cache and worker threads keep only the message), so the rules start each
 * message with the flow written by `formatFlow`, and `parseFlow` reads it back.
 *
 * It loads only the rules' metadata (`src/rule-meta.ts`) and their pages, not the plugin: an
 * `eslint -f` run or a SARIF conversion does not pay for the analysis and TypeScript.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint, Linter, Rule } from 'eslint';
import type { Fix, Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { parseFlow, type FlowLocation } from '../flow-text.js';
import { ownRuleMeta } from '../rule-meta.js';
import { packageInfo } from '../util/package-info.js';
import { rulePage } from './rule-docs.js';

const SRCROOT = '%SRCROOT%';
const FINGERPRINT = 'dynamodb-security/v1';

/**
 * GitHub ranks alerts by `security-severity` (7.0–8.9 high, 4.0–6.9 medium). A rule that is an
 * error in `recommended` is a proven exploitable flow; a warning is a weakness to review.
 */
const SECURITY_SEVERITY = { error: '8.1', warn: '5.3' } as const;

/** The `uri` (with its base) of a file: relative to `%SRCROOT%` (the lint's cwd) when inside it. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function flowLocation(step: FlowLocation, cwd: string): Location {
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(path.resolve(cwd, step.file), cwd),
      region: { startLine: step.line },
    },
    message: { text: step.label },
  };
}

function ruleDescriptor(id: string, meta: Rule.RuleMetaData | undefined): ReportingDescriptor {
  const descriptor: ReportingDescriptor = { id };
  const own = ownRuleMeta(id);
  const docs = meta?.docs;
  const description = own?.description ?? docs?.description;
  if (description) descriptor.shortDescription = { text: description };
  const page = own ? rulePage(own.name) : undefined;
  if (page?.summary) descriptor.fullDescription = { text: page.summary };
  if (docs?.url) {
    descriptor.helpUri = docs.url;
    // Code scanning shows `help.markdown` beside each alert: the whole rule page, when it is there.
    descriptor.help = page
      ? { text: `${page.summary ? `${page.summary}\n\n` : ''}See ${docs.url}`, markdown: page.markdown }
      : { text: `See ${docs.url}`, markdown: `See [${id}](${docs.url}).` };
  }
  if (own) {
    const level = own.recommended;
    descriptor.defaultConfiguration = { level: level === 'error' ? 'error' : 'warning' };
    descriptor.properties = {
      // `external/cwe/cwe-N` is how GitHub code scanning (and CodeQL's own queries) name a CWE.
      tags: ['security', ...own.cwe.map((cwe) => `external/cwe/cwe-${cwe}`)],
      precision: 'high',
      'problem.severity': level === 'error' ? 'error' : 'warning',
      'security-severity': SECURITY_SEVERITY[level],
    };
  }
  return descriptor;
}

/** A message's editor suggestions as SARIF fixes: one replacement each, in UTF-16 offsets like ESLint's ranges. */
function fixesOf(message: Linter.LintMessage, file: { uri: string; uriBaseId?: string }): Fix[] | undefined {
  if (!message.suggestions?.length) return undefined;
  return message.suggestions.map((suggestion) => ({
    description: { text: suggestion.desc },
    artifactChanges: [
      {
        artifactLocation: file,
        replacements: [
          {
            deletedRegion: {
              charOffset: suggestion.fix.range[0],
              charLength: suggestion.fix.range[1] - suggestion.fix.range[0],
            },
            insertedContent: { text: suggestion.fix.text },
          },
        ],
      },
    ],
  }));
}

/** Whitespace-insensitive text of a line, so re-indenting does not change a fingerprint. */
function lineText(lines: readonly string[], line: number): string {
  return (lines[line - 1] ?? '').replace(/\s+/g, ' ').trim();
}

function sourceLines(result: ESLint.LintResult): string[] {
  try {
    return (result.source ?? readFileSync(result.filePath, 'utf8')).split(/\r?\n/);
  } catch {
    return [];
  }
}

interface Emitted {
  readonly message: Linter.LintMessage;
  readonly suppressions?: Linter.SuppressedLintMessage['suppressions'];
}

function format(results: ESLint.LintResult[], context: ESLint.LintResultData): string {
  const cwd = context.cwd;
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const sarifResults: Result[] = [];
  const notifications: Notification[] = [];

  for (const result of results) {
    const emitted: Emitted[] = [
      ...result.messages.map((message) => ({ message })),
      ...result.suppressedMessages.map((message) => ({ message, suppressions: message.suppressions })),
    ];
    if (emitted.length === 0) continue;
    const file = artifactLocation(result.filePath, cwd);
    const lines = sourceLines(result);
    // Fingerprints name the finding by rule, file and line text, not line number, so they survive
    // edits elsewhere in the file; identical lines are told apart by their order.
    const occurrences = new Map<string, number>();

    for (const { message, suppressions } of emitted) {
      const region = {
        startLine: Math.max(message.line, 1),
        startColumn: Math.max(message.column, 1),
        ...(message.endLine ? { endLine: message.endLine } : {}),
        ...(message.endColumn ? { endColumn: message.endColumn } : {}),
      };
      const location: Location = { physicalLocation: { artifactLocation: file, region } };
      if (!message.ruleId) {
        // A parse error is not a finding: it tells that the tool could not analyse a file.
        notifications.push({ level: 'error', message: { text: message.message }, locations: [location] });
        continue;
      }

      let index = ruleIndex.get(message.ruleId);
      if (index === undefined) {
        index = rules.push(ruleDescriptor(message.ruleId, context.rulesMeta[message.ruleId])) - 1;
        ruleIndex.set(message.ruleId, index);
      }

      const key = `${message.ruleId}\0${file.uri}\0${lineText(lines, message.line)}`;
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);

      const sarifResult: Result = {
        ruleId: message.ruleId,
        ruleIndex: index,
        level: message.severity === 2 ? 'error' : 'warning',
        message: { text: message.message },
        locations: [location],
        partialFingerprints: {
          [FINGERPRINT]: createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32),
        },
      };
      const flow = parseFlow(message.message, result.filePath, cwd);
      if (flow.length > 0) {
        const steps = flow.map((step) => flowLocation(step, cwd));
        sarifResult.codeFlows = [{ threadFlows: [{ locations: steps.map((location) => ({ location })) }] }];
        sarifResult.relatedLocations = steps.map((location, id) => ({ id, ...location }));
      }
      const fixes = fixesOf(message, file);
      if (fixes) sarifResult.fixes = fixes;
      if (suppressions) {
        sarifResult.suppressions = suppressions.map((suppression) => ({
          kind: 'inSource' as const,
          ...(suppression.justification ? { justification: suppression.justification } : {}),
        }));
      }
      sarifResults.push(sarifResult);
    }
  }

  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: packageInfo.name,
            version: packageInfo.version,
            semanticVersion: packageInfo.version,
            informationUri: packageInfo.homepage,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        // Parse errors are notifications of a run that still completed: the other files were analysed.
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

export default format satisfies ESLint.FormatterFunction;
