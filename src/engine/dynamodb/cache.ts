import type ts from 'typescript';
import type { EngineModel, SinkModel } from '../model.js';
import { DynamoAnalysis } from './analysis.js';

/**
 * One analysis per program and configuration, released with the program: the project service
 * creates a new program when files change, and ESLint worker threads each load their own copy
 * of this module, so nothing here is shared across threads or outlives its program.
 */
const analyses = new WeakMap<ts.Program, Map<string, DynamoAnalysis>>();

export function analysisFor(
  program: ts.Program,
  engineModel: Omit<EngineModel, 'produced'>,
  sinkModels: readonly SinkModel[],
  configKey: string,
): DynamoAnalysis {
  let byConfig = analyses.get(program);
  if (!byConfig) analyses.set(program, (byConfig = new Map()));
  let analysis = byConfig.get(configKey);
  if (!analysis) byConfig.set(configKey, (analysis = new DynamoAnalysis(program, engineModel, sinkModels)));
  return analysis;
}
