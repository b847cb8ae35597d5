import type ts from 'typescript';
import { operationOf } from '../engine/dynamodb/access.js';
import type { AccessFact } from '../engine/dynamodb/access.js';
import { analysisFor } from '../engine/analysis.js';
import { claimedIdentity } from '../models/claims.js';
import { configuredModels } from '../models/configured.js';
import { principalHint, UnscopedJudge, unscopedEvidenceText } from './evidence.js';
import type { EvidenceMode } from './evidence.js';
import { positionFindings } from './findings.js';
import type { PositionFinding } from './findings.js';

export interface UnscopedKeyOptions {
  /** Table names (or `/regex/` strings) whose items are public by design, besides the shared setting. */
  readonly publicTables: readonly string[];
  /** Functions that assert the caller owns their arguments. */
  readonly guards: readonly string[];
  readonly evidence: EvidenceMode;
}

export interface UnscopedKey extends PositionFinding {
  /** Why the items are someone's (or, in an audit, why they may not be), in one clause. */
  readonly evidenceText: string;
  /** The request value's text is unchecked too: the message says so, `no-unvalidated-input` stays silent. */
  readonly unvalidated: boolean;
  /** The framework's principal, for the fix: `req.user`, `event.requestContext.authorizer`. */
  readonly principal: string;
  /** What the value does to the access, by its operation: picks the item, picks the items, filters a scan. */
  readonly selects: string;
}

/**
 * Request-derived values in key positions of accesses that nothing ties to the caller: no key
 * value derives from a principal, no check proves one equal to it, no owner condition or
 * post-read check, no configured guard, and the table is not public. With evidence required,
 * accesses to entities the program shows to be shared are left out.
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
  const judge = new UnscopedJudge(program, analysis, settings, options.publicTables, options.evidence);
  const out: UnscopedKey[] = [];
  const reported = new Set<ts.Node>();
  for (const fact of analysis.factsInFile(file)) {
    const access = judge.judge(fact);
    if (!access) continue;
    const evidenceText = unscopedEvidenceText(access, file, cwd);
    // Where a claimed identity and another request value reach one report (`req.query.t ?? req.headers['x-tenant-id']`,
    // or `{ id: args.id, userId }` passed on), it shows the flow of the claim its message names, not the other value's.
    const claim = access.verdict.kind === 'claimed' ? access.verdict.label : undefined;
    const findings = [
      ...(claim === undefined
        ? []
        : positionFindings(fact, fact.keys, (source) => claimedIdentity(source) === claim, file, reported, cwd)),
      ...positionFindings(fact, fact.keys, () => true, file, reported, cwd),
    ];
    for (const finding of findings) {
      out.push({
        ...finding,
        evidenceText,
        unvalidated: finding.source.content && !finding.source.validated,
        principal: principalHint(finding.source, analysis),
        selects: selection(fact),
      });
    }
  }
  return out;
}

/** What a key value does in its access: a scan's filter value picks no item, it filters every user's. */
function selection(fact: AccessFact): string {
  switch (operationOf(fact)) {
    case 'scan':
      return "filters a scan of every user's items";
    case 'query':
      return 'picks the items';
    default:
      return 'picks the item';
  }
}
