import ts from 'typescript';
import { descendants, findProperty, memberValue, skipOuter } from './ast.js';
import type { FunctionNode } from './ast.js';
import type { Definitions } from './definitions.js';
import type { HandlerValidationModel } from './model.js';
import { jsonSchemaFieldCheck, literalOf } from './route-schemas.js';
import type { Sanitization } from './taint.js';
import { symbolMatches } from './types.js';

/** How far a middleware chain (`middy(h).use(a).use(b)`) is walked. */
const MAX_CHAIN = 32;

/**
 * Whether a handler only runs after validating middleware: `middy(handler).use(validator({…}))`,
 * `middy().use(parser({ schema })).handler(async (event) => …)`, or a method decorated
 * `@parser({ schema })`. The handler's whole input was then checked against a schema; the JSON
 * Schemas the program writes for it are returned (`undefined`: no validating middleware).
 */
export function validatedByMiddleware(
  checker: ts.TypeChecker,
  definitions: Definitions,
  model: HandlerValidationModel,
  fn: FunctionNode,
): MiddlewareValidation | undefined {
  if (
    ts.canHaveDecorators(fn) &&
    (ts.getDecorators(fn) ?? []).some((decorator) => isCallTo(checker, decorator.expression, model.decorators ?? []))
  )
    return { schemas: [] };
  let found: ts.CallExpression[] | undefined;
  for (const registration of registrations(definitions, fn)) {
    const middleware = validatingMiddleware(checker, model, registration);
    if (middleware) (found ??= []).push(...middleware);
  }
  return found && { schemas: found.flatMap((call) => eventSchemas(checker, definitions, model, call)) };
}

/** A handler's validating middleware, and the JSON Schemas of the whole event it checks against. */
export interface MiddlewareValidation {
  readonly schemas: readonly ts.ObjectLiteralExpression[];
}

/** The JSON Schema literals a middleware call's options give for the event (`validator({ eventSchema })`). */
function eventSchemas(
  checker: ts.TypeChecker,
  definitions: Definitions,
  model: HandlerValidationModel,
  call: ts.CallExpression,
): ts.ObjectLiteralExpression[] {
  const options = call.arguments[0] && literalOf(definitions, call.arguments[0]);
  if (!options) return [];
  const out: ts.ObjectLiteralExpression[] = [];
  for (const name of model.schemaOptions ?? []) {
    const member = findProperty(options, name);
    let value = member && memberValue(member);
    const compiled = value && skipOuter(value);
    if (compiled && ts.isCallExpression(compiled) && isCallTo(checker, compiled, model.schemaCompilers ?? []))
      value = compiled.arguments[0];
    const schema = value && literalOf(definitions, value);
    if (schema) out.push(schema);
  }
  return out;
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

/**
 * Walks the fluent chain around a registration, inwards through receivers and outwards through
 * callers: the validating middleware calls of a chain that wraps the handler, or `undefined`.
 */
function validatingMiddleware(
  checker: ts.TypeChecker,
  model: HandlerValidationModel,
  registration: ts.CallExpression,
): ts.CallExpression[] | undefined {
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
  if (!calls.some((call) => isCallTo(checker, call, model.wrappers))) return undefined;
  const middleware = calls.flatMap((call) =>
    call.arguments
      .map((argument) => skipOuter(argument))
      .filter((argument): argument is ts.CallExpression => isCallTo(checker, argument, model.middleware)),
  );
  return middleware.length ? middleware : undefined;
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

/**
 * What validating middleware guarantees about the event's field at `path`: allow-listed where one
 * of its JSON Schemas restricts the field to an `enum` or a `const`, else validated.
 */
export function middlewareCheck(
  definitions: Definitions,
  validation: MiddlewareValidation,
  path: readonly string[],
): Sanitization {
  const allowListed = validation.schemas.some(
    (schema) => jsonSchemaFieldCheck(definitions, schema, path) === 'allowListed',
  );
  return allowListed ? 'allowListed' : 'validated';
}
