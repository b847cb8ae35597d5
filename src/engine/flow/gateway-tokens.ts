import ts from 'typescript';
import { descendants, enclosingFunction, ownSourceFiles, propertyNameOf } from '../ast.js';
import { packageRootOf } from '../packages.js';
import { sourcesOf } from '../taint.js';
import type { Tracer } from './tracer.js';

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
  const sources = sourcesOf(tracer.value(token, []));
  if (!sources.every((origin) => header(origin.label) || header(origin.node.getText()))) return false;
  const deployed = tracer.definitions.deployed;
  return (
    deploysVerifyingAuthorizer(tracer, model.resultMembers, packageRootOf(node.getSourceFile())) ||
    (!!deployed && sources.length > 0 && sources.every((origin) => deployed.tokenVerified(origin.node.getSourceFile())))
  );
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
