import type { DynamoAnalysis } from '../dynamodb/analysis.js';
import { ProgramEvidence } from './program-evidence.js';
import type { EvidenceModel } from './program-evidence.js';

/** One evidence index per analysis (so per program and configuration) and dictionaries, released with it. */
const indexes = new WeakMap<DynamoAnalysis, Map<string, ProgramEvidence>>();

export function evidenceFor(analysis: DynamoAnalysis, model: EvidenceModel): ProgramEvidence {
  let byModel = indexes.get(analysis);
  if (!byModel) indexes.set(analysis, (byModel = new Map<string, ProgramEvidence>()));
  let evidence = byModel.get(model.key);
  if (!evidence) byModel.set(model.key, (evidence = new ProgramEvidence(analysis, model)));
  return evidence;
}
