import ts from 'typescript';
import { descendants, skipOuter } from './ast.js';
import type { FunctionNode } from './ast.js';
import type { Definitions } from './definitions.js';
import type { HandlerValidationModel } from './model.js';
import { symbolMatches } from './types.js';

/** How far a middleware chain (`middy(h).use(a).use(b)`) is walked. */
const MAX_CHAIN = 32;

/**
 * Whether a handler only runs after validating middleware: `middy(handler).use(validator({…}))`,
 * `middy().use(parser({ schema })).handler(async (event) => …)`, or a method decorated
 * `@parser({ schema })`. The handler's whole input was then checked against a schema.
 */
export function validatedByMiddleware(
  checker: ts.TypeChecker,
  definitions: Definitions,
  model: HandlerValidationModel,
  fn: FunctionNode,
): boolean {
  if (
    ts.canHaveDecorators(fn) &&
    (ts.getDecorators(fn) ?? []).some((decorator) => isCallTo(checker, decorator.expression, model.decorators ?? []))
  )
    return true;
  return registrations(definitions, fn).some((call) => chainValidates(checker, model, call));
}

/** The calls that receive `fn` as an argument: inline, or by the name it is declared under in its file. */
function registrations(definitions: Definitions, fn: FunctionNode): ts.CallExpression[] {
  if (ts.isCallExpression(fn.parent)) return [fn.parent];
  const holder = ts.isVariableDeclaration(fn.parent) ? fn.parent : ts.isFunctionDeclaration(fn) ? fn : undefined;
  if (!holder?.name || !ts.isIdentifier(holder.name)) return [];
  const name = holder.name.text;
  const out: ts.CallExpression[] = [];
  for (const node of descendants(fn.getSourceFile())) {
    if (!ts.isCallExpression(node)) continue;
    for (const argument of node.arguments) {
      const value = skipOuter(argument);
      if (ts.isIdentifier(value) && value.text === name && definitions.declarationOf(value) === holder) out.push(node);
    }
  }
  return out;
}

/** Walks the fluent chain around a registration, inwards through receivers and outwards through callers. */
function chainValidates(
  checker: ts.TypeChecker,
  model: HandlerValidationModel,
  registration: ts.CallExpression,
): boolean {
  const calls: ts.CallExpression[] = [];
  let inner: ts.Expression = registration;
  for (let i = 0; i < MAX_CHAIN && ts.isCallExpression(inner); i++) {
    calls.push(inner);
    const callee = skipOuter(inner.expression);
    inner = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression) : callee;
  }
  let outer: ts.Node = registration;
  for (
    let i = 0;
    i < MAX_CHAIN && ts.isPropertyAccessExpression(outer.parent) && ts.isCallExpression(outer.parent.parent);
    i++
  ) {
    outer = outer.parent.parent;
    calls.push(outer as ts.CallExpression);
  }
  if (!calls.some((call) => isCallTo(checker, call, model.wrappers))) return false;
  return calls.some((call) => call.arguments.some((argument) => isCallTo(checker, argument, model.middleware)));
}

/** A call (`validator({…})`, `middy(h)`, `@parser({…})`) of one of the specified functions. */
function isCallTo(
  checker: ts.TypeChecker,
  expression: ts.Expression,
  specs: HandlerValidationModel['wrappers'],
): boolean {
  const node = skipOuter(expression);
  if (!ts.isCallExpression(node)) return false;
  const callee = skipOuter(node.expression);
  const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
  return !!name && symbolMatches(checker, checker.getSymbolAtLocation(name), specs);
}
