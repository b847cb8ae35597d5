import ts from 'typescript';
import { calledName, descendants, enclosingFunction, ownSourceFiles } from '../ast.js';
import type { AccessFact } from '../dynamodb/access.js';
import type { DynamoAnalysis } from '../dynamodb/analysis.js';
import type { PasswordVerifierModel } from '../model.js';
import { sourcesOf } from '../taint.js';
import { specifierNames } from '../types.js';

/** How many verifier calls a program's index follows back (bounded: a login has one or two). */
const MAX_VERIFIER_CALLS = 64;

/** A read site → the functions that check the password hash of the item it produced. */
type CredentialReads = ReadonlyMap<ts.Node, ReadonlySet<ts.Node>>;

const cache = new WeakMap<DynamoAnalysis, CredentialReads>();

/**
 * Whether an access is a login lookup: a read whose item's password hash goes to a password
 * verifier (`bcrypt.compare(password, user.passwordHash)`) on the way the request value took to
 * it, so the client names the account it then proves it owns. A helper shared with other routes
 * (`getUser(email)`) is a login lookup only where the value passes through the checking function.
 */
export function isLoginLookup(
  analysis: DynamoAnalysis,
  verifiers: readonly PasswordVerifierModel[],
  fact: AccessFact,
): boolean {
  let reads = cache.get(analysis);
  if (!reads) cache.set(analysis, (reads = findCredentialReads(analysis, verifiers)));
  const checkers = reads.get(fact.site.node);
  if (!checkers) return false;
  return fact.keys.some((position) =>
    sourcesOf(position.taint).some((source) =>
      [source.node, ...source.steps.map((step) => step.node)].some((node) => checkers.has(enclosingFunction(node))),
    ),
  );
}

/** From the verifier calls back to the reads that produced their hash, once per analysis (program and configuration). */
function findCredentialReads(analysis: DynamoAnalysis, verifiers: readonly PasswordVerifierModel[]): CredentialReads {
  const reads = new Map<ts.Node, Set<ts.Node>>();
  const names = [...new Set(verifiers.flatMap((verifier) => specifierNames(verifier.callee)))];
  let followed = 0;
  for (const file of ownSourceFiles(analysis.program)) {
    if (!names.some((name) => file.text.includes(name))) continue;
    for (const node of descendants(file)) {
      if (!ts.isCallExpression(node)) continue;
      const name = calledName(node.expression);
      if (name === undefined || !names.includes(name)) continue;
      const verifier = verifiers.find((candidate) => analysis.tracer.calls(node, [candidate.callee]));
      const hash = verifier && node.arguments[verifier.hash];
      if (!hash || followed++ >= MAX_VERIFIER_CALLS) continue;
      const checker = enclosingFunction(node);
      for (const origin of analysis.tracer.value(hash).alts.flat()) {
        if (origin.kind !== 'produced') continue;
        const checkers = reads.get(origin.site) ?? new Set<ts.Node>();
        reads.set(origin.site, checkers.add(checker));
      }
    }
  }
  return reads;
}
