import type ts from 'typescript';
import { shortText } from '../engine/ast.js';
import type { AccessFact } from '../engine/dynamodb/access.js';
import { analysisFor } from '../engine/analysis.js';
import type { InjectionKind, InjectionPosition } from '../engine/dynamodb/injection.js';
import { flowLocations, formatFlow, locationOf, whereText } from '../engine/report.js';
import type { FlowLocation } from '../engine/report.js';
import { splicePoints, splicesName } from '../engine/splices.js';
import { hasOrigin, sourcesOf } from '../engine/taint.js';
import type { SourceOrigin, Taint } from '../engine/taint.js';
import { configuredModels } from '../models/configured.js';
import { placeReport } from './placement.js';
import { bindingSuggestions } from './injection-suggestions.js';
import type { Suggestion } from './injection-suggestions.js';

export interface ExpressionInjection {
  readonly node: ts.Node;
  readonly kind: InjectionKind;
  readonly position: InjectionPosition;
  readonly fact: AccessFact;
  /** Every request value spliced into the position from this function, first one first. */
  readonly sources: readonly SourceOrigin[];
  /** The first source's path, for messages and SARIF code flows. */
  readonly flow: readonly FlowLocation[];
  readonly flowText: string;
  /** `` at `q.status` (line 12), `field` (line 14)``, or empty when the value is the client text itself. */
  readonly splicesText: string;
  readonly suggestions: readonly Suggestion[];
}

/** Client text carried by a flow that still holds it (a number or an allow-listed value does not). */
const carriesText = (taint: Taint) =>
  hasOrigin(taint, (origin) => (origin.kind === 'source' || origin.kind === 'param') && origin.content);

/**
 * Request text that reaches a string DynamoDB parses (expressions, PartiQL) or resolves as a name
 * (attributes, placeholders, tables, indexes), reported once per position and reading function.
 */
export function findExpressionInjections(
  program: ts.Program,
  file: ts.SourceFile,
  settings: Readonly<Record<string, unknown>> | undefined,
  cwd: string,
): ExpressionInjection[] {
  const analysis = analysisFor(program, configuredModels(settings));
  if (!analysis.tracer.requestObjects.mayReadRequests(file)) return [];
  const groups = new Map<ts.Node, { position: InjectionPosition; fact: AccessFact; sources: SourceOrigin[] }>();
  for (const fact of analysis.factsInFile(file)) {
    if (fact.pendingInput) continue;
    for (const position of fact.injections ?? []) {
      for (const source of sourcesOf(position.taint)) {
        if (!source.content) continue;
        const node = placeReport(position, source);
        if (node.getSourceFile() !== file) continue;
        const group = groups.get(node);
        if (!group) groups.set(node, { position, fact, sources: [source] });
        else if (!group.sources.some((known) => known.node === source.node && known.label === source.label))
          group.sources.push(source);
      }
    }
  }
  const out: ExpressionInjection[] = [];
  for (const [node, { position, fact, sources }] of groups) {
    const first = sources[0]!;
    const sinkNode = position.nodes[position.nodes.length - 1]!;
    const flow = flowLocations(first.steps, { label: `${position.label} in ${fact.site.api}`, node: sinkNode }, cwd);
    const others = sources.slice(1).map((source) => `\`${source.label}\` (${where(source.node, file, cwd)})`);
    const flowText = formatFlow(flow, file.fileName, cwd) + (others.length ? ` (and ${others.join(', ')})` : '');
    const value = sinkNode as ts.Expression;
    const splices = position.kind === 'placeholder' ? [] : splicePoints(analysis.tracer, value, carriesText);
    const spliced = [...new Set(splices.map((splice) => `\`${shortText(splice, 40)}\` (${where(splice, file, cwd)})`))];
    const splicesText = spliced.length ? ` at ${spliced.join(', ')}` : '';
    // Client text spliced only as attribute names (`#${key}`): an allow-list of names is the fix, not bound values.
    const names = position.kind === 'expression' && splices.length > 0 && splices.every(splicesName);
    const suggestions =
      !names && node === position.member?.initializer
        ? bindingSuggestions(analysis.tracer, position, fact.site, carriesText)
        : [];
    const kind = names ? 'attributeName' : position.kind;
    out.push({ node, kind, position, fact, sources, flow, flowText, splicesText, suggestions });
  }
  return out.sort((a, b) => a.node.pos - b.node.pos);
}

/** `line 12` here, `file:line` in another file. */
function where(node: ts.Node, file: ts.SourceFile, cwd: string): string {
  return whereText(locationOf(node, cwd), file.fileName, cwd);
}
