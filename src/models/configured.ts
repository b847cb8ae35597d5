import type { AnalysisModels } from '../engine/analysis.js';
import type { EvidenceModel } from '../engine/evidence/program-evidence.js';
import { readSettings } from '../settings.js';
import { nameWords } from '../engine/strings.js';
import {
  creatorNoteAttributes,
  ownerReferenceAttributes,
  passwordHashers,
  principalKeyNames,
  principalKinds,
  sensitiveAttributes,
  principalContactWords,
  tenantAttributeSuffixes,
  tenantKinds,
} from './evidence.js';
import { privilegedRoles, sessionChecks } from './auth.js';
import {
  decorators,
  principalCalls,
  principalCommands,
  gatewayAuthorizers,
  projections,
  propagators,
  requestObjects,
  responseModels,
  schemaLibraries,
  sinkModels,
  sourceCalls,
  validators,
  valueCallbacks,
  keyedReads,
  callbackRunners,
  containers,
  deployments,
  pipelines,
} from './index.js';
import { ConfigurationError } from '../util/configuration-error.js';
import { freshIdCalls } from './ids.js';
import { claimedIdentity } from './claims.js';

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
      freshIdCalls,
      sourceCalls: [...sourceCalls, ...user.sources],
      guardFunctions,
      // A user's own validator may be a predicate, an assertion or a parser: its use decides.
      validators: [...validators, ...userValidators.map((callee) => ({ callee, argument: 0 }))],
      privilege: { roles: privilegedRoles, gates: user.roleGates },
      schemas: schemaLibraries,
      principalRecords: {
        kinds: [...principalKinds, ...user.principalKinds.map((kind) => nameWords(kind))],
        keyNames: principalKeyNames,
        ownerReferences: ownerReferenceAttributes,
      },
      valueCallbacks,
      keyedReads,
      callbackRunners,
      principalCommands,
      gatewayAuthorizers,
      sessionChecks,
      containers,
      deployments,
      pipelines,
    },
    sinks: sinkModels,
    wrappers: user.sinks,
    responses: responseModels,
    projections,
    key: JSON.stringify({ user, guardFunctions, userValidators }),
  };
}

/** The evidence dictionaries (SPEC §5): the built-in model data plus the user's shared settings. */
export function configuredEvidence(settings: Readonly<Record<string, unknown>> | undefined): EvidenceModel {
  const user = readSettings(settings);
  const custom = user.sensitiveAttributes.map((pattern) => nameMatcher(pattern, 'sensitiveAttributes'));
  return {
    principalKinds: [...principalKinds, ...user.principalKinds.map((kind) => nameWords(kind))],
    principalKeyNames,
    ownerReferences: ownerReferenceAttributes,
    creatorNotes: creatorNoteAttributes,
    credentialHashers: passwordHashers,
    principalContacts: (name) => principalContactWords.test(nameWords(name)),
    claimedIdentity,
    sensitive: [
      ...custom.map((matches) => ({ category: 'configured' as const, matches })),
      ...sensitiveAttributes.map(({ category, words }) => ({
        category,
        matches: (name: string) => words.test(nameWords(name)),
      })),
    ],
    key: JSON.stringify([user.principalKinds, user.sensitiveAttributes]),
  };
}

/**
 * Whether an attribute of the principal names a group the caller belongs to (`companyId`,
 * `custom:tenantId`), by the built-in tenant kinds and the user's `tenantKinds`: its last words are
 * a kind, alone or followed by an identifying suffix.
 */
export function tenantAttributeMatcher(
  settings: Readonly<Record<string, unknown>> | undefined,
): (name: string) => boolean {
  const kinds = [...tenantKinds, ...readSettings(settings).tenantKinds.map((kind) => nameWords(kind))];
  // Words hold only letters, digits and spaces: nothing to escape.
  const pattern = new RegExp(`(?:^| )(?:${kinds.join('|')})(?: ?(?:${tenantAttributeSuffixes.join('|')}))?$`);
  return (name) => pattern.test(nameWords(name));
}

/** Table names and attribute names configured as `Name` (exact) or `/regex/flags`. */
export function nameMatcher(pattern: string, setting: string): (name: string) => boolean {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (!regex) return (name) => name === pattern;
  let compiled: RegExp;
  try {
    compiled = new RegExp(regex[1]!, regex[2]);
  } catch (error) {
    throw new ConfigurationError(
      `dynamodb-security: ${setting} entry ${JSON.stringify(pattern)} is not a valid regular expression (${(error as Error).message}).`,
      { cause: error },
    );
  }
  return (name) => compiled.test(name);
}
