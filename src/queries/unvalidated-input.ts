import type ts from 'typescript';
import { analysisFor } from '../engine/analysis.js';
import { configuredModels } from '../models/configured.js';
import { UnscopedJudge } from './evidence.js';
import { sourcesOf } from '../engine/taint.js';
import type { SourceOrigin } from '../engine/taint.js';
import type { EvidenceMode } from './evidence.js';
import { positionFindings } from './findings.js';
import { placeReport } from './placement.js';
import type { PositionFinding } from './findings.js';

/**
 * Request values that select or filter items (keys, key condition, filter and condition values,
 * PartiQL `WHERE` parameters) whose text no validator, allow-list or closed type constrained.
 * Values only written as data are not this rule's concern, and neither are the keys of an access
 * `no-unscoped-key` reports in the same mode: the IDOR is the finding (SPEC §2).
 */
export function findUnvalidatedInputs(
  program: ts.Program,
  file: ts.SourceFile,
  validators: readonly string[],
  evidence: EvidenceMode,
  settings: Readonly<Record<string, unknown>> | undefined,
  cwd: string,
): PositionFinding[] {
  const analysis = analysisFor(program, configuredModels(settings, { validators }));
  if (!analysis.tracer.requestObjects.mayReadRequests(file)) return [];
  const judge = new UnscopedJudge(program, analysis, settings, [], evidence);
  const facts = analysis.factsInFile(file).filter((fact) => !fact.pendingInput);
  const unscoped = new Set(facts.filter((fact) => judge.judge(fact)));
  // One finding per flaw: a key `no-unscoped-key` reports is no finding of this rule at that place,
  // also for another access the same input literal serves (a read, then a delete of `params`).
  const reported = new Set<ts.Node>();
  for (const fact of unscoped)
    for (const position of fact.keys)
      for (const source of sourcesOf(position.taint)) reported.add(placeReport(position, source));
  const out: PositionFinding[] = [];
  for (const fact of facts) {
    const positions = unscoped.has(fact) ? fact.filters : [...fact.keys, ...fact.filters];
    out.push(...positionFindings(fact, positions, (source) => clientText(source, evidence), file, reported, cwd));
  }
  return out;
}

/** Unchecked client text; in recommended, not a GraphQL parent object's value, which the server wrote. */
function clientText(source: SourceOrigin, evidence: EvidenceMode): boolean {
  return source.content && !source.validated && !(evidence === 'required' && source.serverProduced);
}
