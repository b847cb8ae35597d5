import ts from 'typescript';
import { descendants, enclosingFunction, ownSourceFiles, propertyNameOf } from '../ast.js';
import { packageRootOf } from '../packages.js';
import { sourcesOf } from '../taint.js';
import type { SourceOrigin, Taint } from '../taint.js';
import type { Tracer } from './tracer.js';

/** Bounds on following a helper's parameter to its callers' arguments: calls deep, and calls per helper. */
const MAX_HOPS = 3;
const MAX_CALLS = 40;

/** Per tracer (so per program and configuration): whether each package deploys a verifying authorizer. */
const verifyingPackages = new WeakMap<Tracer, Map<string, boolean>>();

/**
 * Whether a call decodes, without checking its signature, a bearer token that an authorizer
 * verified before the handler ran (`EngineModel.gatewayAuthorizers`): in a package that deploys an
 * API Gateway Lambda authorizer which verifies the token and answers with an IAM policy
 * (`{ principalId, policyDocument }`), or in functions whose every HTTP route the deployment
 * template puts behind a JWT or Cognito authorizer of the `Authorization` header
 * (`DeployedTables.tokenVerified`, judged for the files the request comes from),
 * `jwt.decode(event.headers.Authorization.split(' ')[1])` in a handler reads a token the gateway
 * already checked, so its result is the caller. Decoding anything else the request holds (a body
 * field, another header), or with no such authorizer, stays request data.
 */
export function decodesVerifiedToken(tracer: Tracer, node: ts.CallExpression): boolean {
  const model = tracer.model.gatewayAuthorizers;
  if (!model || !tracer.calls(node, model.decoders)) return false;
  const token = node.arguments[0];
  if (!token) return false;
  // A helper's parameter (`parseUserId(jwtToken)`) is judged by where the token may come from in
  // the request: nowhere but the header the authorizer checked.
  const header = (text: string) => model.headers.some((name) => text.toLowerCase().includes(name));
  const fromHeader = (origin: SourceOrigin) => header(origin.label) || header(origin.node.getText());
  const sources = sourcesOf(tracer.value(token, []));
  if (!sources.every(fromHeader)) return false;
  if (deploysVerifyingAuthorizer(tracer, model.resultMembers, packageRootOf(node.getSourceFile()))) return true;
  // The deployment guards functions, so it is judged where the request enters: through the callers
  // of a shared helper (`extractUserId(event)` in a library) to the handlers' files.
  const deployed = tracer.definitions.deployed;
  if (!deployed) return false;
  const requested = requestSources(tracer, tracer.value(token, []), 0);
  return (
    !!requested?.length &&
    requested.every((origin) => fromHeader(origin) && deployed.tokenVerified(origin.node.getSourceFile()))
  );
}

/**
 * The request values a token may be, with a helper's parameter followed to the arguments its
 * callers pass; `undefined` when some parameter cannot be followed (no callers, too many, too deep).
 */
function requestSources(tracer: Tracer, taint: Taint, hops: number): SourceOrigin[] | undefined {
  const found: SourceOrigin[] = [];
  for (const origin of taint.alts.flat()) {
    if (origin.kind === 'source') found.push(origin);
    if (origin.kind !== 'param') continue;
    const passed = hops < MAX_HOPS ? tracer.definitions.argumentsBound(origin.fn, origin.index, MAX_CALLS) : undefined;
    if (!passed) return undefined;
    for (const argument of passed) {
      const inner = requestSources(tracer, tracer.value(argument, origin.path), hops + 1);
      if (!inner) return undefined;
      found.push(...inner);
    }
  }
  return found;
}

/**
 * Whether a package holds an authorizer: a function that answers with an authorizer result (an
 * object with a `policyDocument`, or `isAuthorized` for HTTP APIs), in a file that verifies a token
 * (`principalCalls`: `jwt.verify`, `jwtVerify`, a JWKS verifier).
 */
function deploysVerifyingAuthorizer(tracer: Tracer, members: readonly string[], root: string): boolean {
  let answers = verifyingPackages.get(tracer);
  if (!answers) verifyingPackages.set(tracer, (answers = new Map<string, boolean>()));
  let found = answers.get(root);
  if (found === undefined) {
    found = ownSourceFiles(tracer.program).some(
      (file) =>
        packageRootOf(file) === root &&
        members.some((member) => file.text.includes(member)) &&
        answersAsAuthorizer(file, members) &&
        verifiesToken(tracer, file),
    );
    answers.set(root, found);
  }
  return found;
}

/** Whether a function of the file builds an authorizer's answer. */
function answersAsAuthorizer(file: ts.SourceFile, members: readonly string[]): boolean {
  for (const node of descendants(file)) {
    if (!ts.isObjectLiteralExpression(node)) continue;
    if (!node.properties.some((property) => members.includes(propertyNameOf(property) ?? ''))) continue;
    if (!ts.isSourceFile(enclosingFunction(node))) return true;
  }
  return false;
}

/** Whether the file calls a token verifier. */
function verifiesToken(tracer: Tracer, file: ts.SourceFile): boolean {
  for (const node of descendants(file))
    if (ts.isCallExpression(node) && tracer.calls(node, tracer.model.principalCalls)) return true;
  return false;
}
