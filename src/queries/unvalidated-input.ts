import type ts from 'typescript';
import { analysisFor } from '../engine/analysis.js';
import { configuredModels } from '../models/configured.js';
import { positionFindings } from './findings.js';
import type { PositionFinding } from './findings.js';

/**
 * Request values that select or filter items (keys, key condition, filter and condition values,
 * PartiQL `WHERE` parameters) whose text no validator, allow-list or closed type constrained.
 * Values only written as data are not this rule's concern.
 */
export function findUnvalidatedInputs(
  program: ts.Program,
  file: ts.SourceFile,
  validators: readonly string[],
  settings: Readonly<Record<string, unknown>> | undefined,
  cwd: string,
): PositionFinding[] {
  const analysis = analysisFor(program, configuredModels(settings, { validators }));
  if (!analysis.tracer.requestObjects.mayReadRequests(file)) return [];
  const out: PositionFinding[] = [];
  const reported = new Set<ts.Node>();
  for (const fact of analysis.factsInFile(file)) {
    if (fact.pendingInput) continue;
    out.push(
      ...positionFindings(
        fact,
        [...fact.keys, ...fact.filters],
        (source) => source.content && !source.validated,
        file,
        reported,
        cwd,
      ),
    );
  }
  return out;
}
