import ts from 'typescript';
import { skipOuter } from '../ast.js';
import type { Tracer } from './tracer.js';

/**
 * Whether a call resolves to the caller an identity service verified (`EngineModel.principalCommands`):
 * `client.send(new GetUserCommand({ AccessToken }))` (the command also through a constant that holds
 * it), or `provider.getUser({ AccessToken }).promise()` where `getUser` is a principal call.
 */
export function sendsPrincipalCommand(tracer: Tracer, node: ts.CallExpression): boolean {
  const model = tracer.model.principalCommands;
  if (!model) return false;
  const callee = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  if (model.sendMethods.includes(method)) {
    const argument = node.arguments[0] && commandOf(tracer.checker, skipOuter(node.arguments[0]));
    return argument !== undefined && tracer.calls(argument, model.commands);
  }
  if (model.resultMethods.includes(method) && node.arguments.length === 0) {
    const inner = skipOuter(callee.expression);
    return ts.isCallExpression(inner) && tracer.calls(inner, tracer.model.principalCalls);
  }
  return false;
}

/** The command construction an argument is: written in place, or held by a constant. */
function commandOf(checker: ts.TypeChecker, argument: ts.Expression): ts.NewExpression | undefined {
  if (ts.isNewExpression(argument)) return argument;
  if (!ts.isIdentifier(argument)) return undefined;
  const declaration = checker.getSymbolAtLocation(argument)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const initializer = skipOuter(declaration.initializer);
  return ts.isNewExpression(initializer) ? initializer : undefined;
}
