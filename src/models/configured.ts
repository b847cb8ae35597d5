import type { AnalysisModels } from '../engine/analysis.js';
import { readSettings } from '../settings.js';
import {
  decorators,
  principalCalls,
  projections,
  propagators,
  requestObjects,
  responseModels,
  sinkModels,
  validators,
} from './index.js';

/** What a rule's own options add to the shared settings. */
export interface RuleModels {
  /** Functions that assert the caller owns their arguments. */
  readonly guards?: readonly string[];
  /** The user's own validating functions. */
  readonly validators?: readonly string[];
}

/**
 * The built-in models merged with the user's shared settings and a rule's own options. The key
 * identifies the combination, so rules configured alike share one analysis per program.
 */
export function configuredModels(
  settings: Readonly<Record<string, unknown>> | undefined,
  rule: RuleModels = {},
): AnalysisModels {
  const user = readSettings(settings);
  // Specifiers stay whole, so that a `{ from: 'package', … }` guard is matched through the checker's symbols.
  const guardFunctions = [...(rule.guards ?? []), ...user.guards];
  const userValidators = [...user.validators, ...(rule.validators ?? [])];
  return {
    engine: {
      requestObjects: [...user.requestTypes, ...requestObjects],
      decorators,
      principalCalls: [...principalCalls, ...user.principals],
      propagators,
      sourceCalls: user.sources,
      guardFunctions,
      // A user's own validator may be a predicate, an assertion or a parser: its use decides.
      validators: [...validators, ...userValidators.map((callee) => ({ callee, argument: 0 }))],
    },
    sinks: sinkModels,
    wrappers: user.sinks,
    responses: responseModels,
    projections,
    key: JSON.stringify({ user, guardFunctions, userValidators }),
  };
}
