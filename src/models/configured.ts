import type { AnalysisModels } from '../engine/dynamodb/cache.js';
import { readSettings, specifierNames } from '../settings.js';
import { decorators, principalCalls, propagators, requestObjects, sinkModels } from './index.js';

/**
 * The built-in models merged with the user's shared settings and a rule's own guard names. The
 * key identifies the combination, so rules configured alike share one analysis per program.
 */
export function configuredModels(settings: Readonly<Record<string, unknown>> | undefined, ruleGuards: readonly string[] = []): AnalysisModels {
  const user = readSettings(settings);
  const guardFunctions = [...new Set([...ruleGuards, ...user.guards.flatMap(specifierNames)])];
  return {
    engine: {
      requestObjects: [...user.requestTypes, ...requestObjects],
      decorators,
      principalCalls: [...principalCalls, ...user.principals],
      propagators,
      sourceCalls: user.sources,
      guardFunctions,
    },
    sinks: sinkModels,
    wrappers: user.sinks,
    key: JSON.stringify({ user, guardFunctions }),
  };
}
