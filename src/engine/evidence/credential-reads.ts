import ts from 'typescript';
import { calledName, descendants, ownSourceFiles } from '../ast.js';
import type { DynamoAnalysis } from '../dynamodb/analysis.js';
import type { PasswordVerifierModel } from '../model.js';
import { hasOrigin } from '../taint.js';
import { specifierNames } from '../types.js';

/** How many verifier calls a program's index follows back (bounded: a login has one or two). */
const MAX_VERIFIER_CALLS = 64;

const cache = new WeakMap<DynamoAnalysis, ReadonlySet<ts.Node>>();

/**
 * The DynamoDB reads whose item's password hash goes to a password verifier (`bcrypt.compare(password,
 * user.passwordHash)`): login lookups, where the client is expected to name the account it
 * proves it owns. Found from the verifier calls back to the reads that produced their hash,
 * once per analysis (program and configuration), on first need.
 */
export function credentialReads(
  analysis: DynamoAnalysis,
  verifiers: readonly PasswordVerifierModel[],
): ReadonlySet<ts.Node> {
  let reads = cache.get(analysis);
  if (!reads) cache.set(analysis, (reads = findCredentialReads(analysis, verifiers)));
  return reads;
}

function findCredentialReads(analysis: DynamoAnalysis, verifiers: readonly PasswordVerifierModel[]): Set<ts.Node> {
  const reads = new Set<ts.Node>();
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
      hasOrigin(analysis.tracer.value(hash), (origin) => {
        if (origin.kind === 'produced') reads.add(origin.site);
        return false;
      });
    }
  }
  return reads;
}
