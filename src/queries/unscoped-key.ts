import type ts from 'typescript';
import type { AccessFact } from '../engine/dynamodb/access.js';
import { analysisFor } from '../engine/analysis.js';
import { constantString } from '../engine/strings.js';
import { isPrincipal } from '../engine/taint.js';
import { configuredModels } from '../models/configured.js';
import { positionFindings } from './findings.js';
import type { PositionFinding } from './findings.js';

export interface UnscopedKeyOptions {
  /** Table names (or `/regex/` strings) whose items are public by design. */
  readonly publicTables: readonly string[];
  /** Functions that assert the caller owns their arguments. */
  readonly guards: readonly string[];
}

export type UnscopedKey = PositionFinding;

/**
 * Request-derived values in key positions of accesses that nothing ties to the caller: no key
 * value derives from a principal, no check proves one equal to it, no owner condition or
 * post-read check, no configured guard, and the table is not public.
 */
export function findUnscopedKeys(
  program: ts.Program,
  file: ts.SourceFile,
  options: UnscopedKeyOptions,
  settings: Readonly<Record<string, unknown>> | undefined,
  cwd: string,
): UnscopedKey[] {
  const analysis = analysisFor(program, configuredModels(settings, { guards: options.guards }));
  if (!analysis.tracer.requestObjects.mayReadRequests(file)) return [];
  const publicTables = options.publicTables.map(tableMatcher);
  const out: UnscopedKey[] = [];
  const reported = new Set<ts.Node>();
  for (const fact of analysis.factsInFile(file)) {
    if (fact.pendingInput || fact.create || isScoped(fact)) continue;
    if (fact.table && publicTables.length) {
      const name = constantString(analysis.tracer.definitions, fact.table);
      const text = fact.table.getText();
      if (publicTables.some((matches) => (name.complete && matches(name.text)) || matches(text))) continue;
    }
    out.push(...positionFindings(fact, fact.keys, () => true, file, reported, cwd));
  }
  return out;
}

function isScoped(fact: AccessFact): boolean {
  return fact.keys.some((position) => isPrincipal(position.taint)) || fact.witnesses.some(isPrincipal);
}

/** `Users` matches the name; `/^public-/` is a regular expression. */
export function tableMatcher(pattern: string): (name: string) => boolean {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (!regex) return (name) => name === pattern;
  let compiled: RegExp;
  try {
    compiled = new RegExp(regex[1]!, regex[2]);
  } catch (error) {
    throw new Error(
      `dynamodb-security: publicTables entry ${JSON.stringify(pattern)} is not a valid regular expression (${(error as Error).message}).`,
      { cause: error },
    );
  }
  return (name) => compiled.test(name);
}
