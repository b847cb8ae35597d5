import type ts from 'typescript';
import type { AccessFact, KeyPosition } from '../engine/dynamodb/access.js';
import { flowLocations, formatFlow } from '../engine/report.js';
import type { FlowLocation } from '../engine/report.js';
import { sourcesOf } from '../engine/taint.js';
import type { SourceOrigin } from '../engine/taint.js';
import { placeReport } from './placement.js';
import { ConfigurationError } from '../util/configuration-error.js';

/** A request value reaching a position of an access, placed and explained for a report. */
export interface PositionFinding {
  readonly node: ts.Node;
  readonly source: SourceOrigin;
  readonly position: KeyPosition;
  readonly fact: AccessFact;
  readonly flow: readonly FlowLocation[];
  readonly flowText: string;
}

/**
 * The sources a rule cares about in some positions of an access, one finding per report node
 * (`reported` is shared across the facts of a file so that two facts do not report twice).
 */
export function positionFindings(
  fact: AccessFact,
  positions: readonly KeyPosition[],
  wanted: (source: SourceOrigin) => boolean,
  file: ts.SourceFile,
  reported: Set<ts.Node>,
  cwd: string,
): PositionFinding[] {
  const out: PositionFinding[] = [];
  for (const position of positions) {
    for (const source of sourcesOf(position.taint)) {
      if (!wanted(source)) continue;
      const node = placeReport(position, source);
      if (node.getSourceFile() !== file || reported.has(node)) continue;
      reported.add(node);
      const sinkNode = position.nodes[position.nodes.length - 1]!;
      const flow = flowLocations(source.steps, { label: `${position.label} in ${fact.site.api}`, node: sinkNode }, cwd);
      out.push({ node, source, position, fact, flow, flowText: formatFlow(flow, file.fileName, cwd) });
    }
  }
  return out;
}

/** Whether this process has already warned about an engine failure (one warning per run is enough). */
let warnedOfFailure = false;

/**
 * Runs a rule's query on one file. A rule must never take the lint run down: if the engine throws
 * on a file (a bug, or a checker failure it did not foresee), the rule reports nothing for that
 * file and the process prints one warning naming the file and asking for a bug report.
 */
export function contained<T>(rule: string, file: ts.SourceFile, query: () => readonly T[]): readonly T[] {
  try {
    return query();
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    if (!warnedOfFailure) {
      warnedOfFailure = true;
      const reason = error instanceof Error ? error.message : String(error);
      process.emitWarning(
        `dynamodb-security/${rule} failed on ${file.fileName} and reported nothing for it (${reason}). ` +
          'Please report this bug with the file, or a reduced copy of it, at ' +
          'https://github.com/eslint-plugin-dynamodb-security/eslint-plugin-dynamodb-security/issues',
        { code: 'DYNAMODB_SECURITY_ENGINE_FAILURE' },
      );
    }
    return [];
  }
}
