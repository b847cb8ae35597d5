import type { DynamoAnalysis } from '../dynamodb/analysis.js';
import { ProgramEvidence } from './program-evidence.js';
import type { EvidenceModel } from './program-evidence.js';

/** One evidence index per analysis (so per program and configuration) and dictionaries, released with it. */
const indexes = new WeakMap<DynamoAnalysis, Map<string, ProgramEvidence>>();

/**
 * The program's evidence. `configuration` names the engine models the analysis runs with: a
 * file's share of the evidence is kept per source file and configuration (see `ProgramEvidence`).
 */
export function evidenceFor(analysis: DynamoAnalysis, model: EvidenceModel, configuration: string): ProgramEvidence {
  let byModel = indexes.get(analysis);
  if (!byModel) indexes.set(analysis, (byModel = new Map<string, ProgramEvidence>()));
  let evidence = byModel.get(model.key);
  if (!evidence)
    byModel.set(model.key, (evidence = new ProgramEvidence(analysis, model, `${configuration}|${model.key}`)));
  return evidence;
}
