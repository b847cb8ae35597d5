import type ts from 'typescript';
import type { EngineModel, SinkModel, WrapperSinkModel } from '../model.js';
import { DynamoAnalysis } from './analysis.js';

/**
 * One analysis per program and configuration, released with the program: the project service
 * creates a new program when files change, and ESLint worker threads each load their own copy
 * of this module, so nothing here is shared across threads or outlives its program.
 */
const analyses = new WeakMap<ts.Program, Map<string, DynamoAnalysis>>();

/** The models an analysis runs with, and a key that identifies them. */
export interface AnalysisModels {
  readonly engine: Omit<EngineModel, 'produced'>;
  readonly sinks: readonly SinkModel[];
  readonly wrappers: readonly WrapperSinkModel[];
  readonly key: string;
}

export function analysisFor(program: ts.Program, models: AnalysisModels): DynamoAnalysis {
  let byConfig = analyses.get(program);
  if (!byConfig) analyses.set(program, (byConfig = new Map<string, DynamoAnalysis>()));
  let analysis = byConfig.get(models.key);
  if (!analysis)
    byConfig.set(models.key, (analysis = new DynamoAnalysis(program, models.engine, models.sinks, models.wrappers)));
  return analysis;
}
