import type ts from 'typescript';
import { DynamoAnalysis } from './dynamodb/analysis.js';
import { Exposure } from './exposure/analysis.js';
import type { EngineModel, ProjectionModel, ResponseModel, SinkModel, WrapperSinkModel } from './model.js';

/** The models an analysis runs with, and a key that identifies them. */
export interface AnalysisModels {
  readonly engine: EngineModel;
  readonly sinks: readonly SinkModel[];
  readonly wrappers: readonly WrapperSinkModel[];
  /** Where frameworks hand values to the HTTP response (the exposure question's sinks). */
  readonly responses: readonly ResponseModel[];
  /** Library calls that choose which properties of an item a value keeps (the exposure question's overlay). */
  readonly projections: ProjectionModel;
  readonly key: string;
}

/** The analysis of one program and configuration, and the exposure question asked of it. */
interface ProgramAnalysis {
  readonly analysis: DynamoAnalysis;
  exposure?: Exposure;
}

/**
 * One analysis per program and configuration, shared by every rule and released with the program:
 * the project service creates a new program when files change, and ESLint worker threads each load
 * their own copy of this module, so nothing here is shared across threads or outlives its program.
 */
const analyses = new WeakMap<ts.Program, Map<string, ProgramAnalysis>>();

function programAnalysis(program: ts.Program, models: AnalysisModels): ProgramAnalysis {
  let byConfig = analyses.get(program);
  if (!byConfig) analyses.set(program, (byConfig = new Map<string, ProgramAnalysis>()));
  let entry = byConfig.get(models.key);
  if (!entry) {
    entry = { analysis: new DynamoAnalysis(program, models.engine, models.sinks, models.wrappers, models.key) };
    byConfig.set(models.key, entry);
  }
  return entry;
}

/** The engine's entry point: DynamoDB accesses and the origins of their values, for a program. */
export function analysisFor(program: ts.Program, models: AnalysisModels): DynamoAnalysis {
  return programAnalysis(program, models).analysis;
}

/** The exposure question over the same analysis and tracer (its projections are an overlay, not a second tracer). */
export function exposureFor(program: ts.Program, models: AnalysisModels): Exposure {
  const entry = programAnalysis(program, models);
  entry.exposure ??= new Exposure(entry.analysis, models.responses, models.projections);
  return entry.exposure;
}
