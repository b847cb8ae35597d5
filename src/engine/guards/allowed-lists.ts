import ts from 'typescript';
import { argumentAt, isFunctionNode, skipOuter } from '../ast.js';
import { destructuredEnvName, envName } from '../environment.js';
import type { Tracer } from '../flow/tracer.js';

// Allowed lists of a role gate (SPEC §4, privileged access): the names a check lets through, written in the program
// (`['admin']`) or configured for the deployment (`process.env.ALLOWED_GROUPS.split(',')`, set per route in IaC).

/** How far an allowed list's value is followed through constants, alternatives, calls and parameters. */
const MAX_DEPTH = 6;
/** Callers of a function looked at for the list bound to its parameter. */
const MAX_CALLERS = 16;
/** Calls that keep the names of the list or text they are called on (`env.split(',')`, `s.trim()`). */
const NAME_PRESERVING = new Set(['split', 'filter', 'trim', 'toLowerCase', 'toUpperCase', 'slice']);

/** The names of an allowed list: its string constants, and whether some part is read from the environment. */
export interface AllowedNames {
  readonly names: readonly string[];
  readonly configured: boolean;
}

/**
 * The names a list (or one name) holds when the program or its deployment wrote every part of it:
 * string constants, environment reads, followed through constants, alternatives (`fixed ?? env`,
 * `env ? env.split(',') : []`), name-preserving calls, `map` of a name-preserving callback, the
 * returns of the program's functions called by name (`getAllowedGroups()`) and parameters every caller binds so (a caller that passes nothing adds nothing). Undefined when some
 * part may be anything else (a request value, a record read from the database).
 */
export function allowedNames(tracer: Tracer, expression: ts.Expression, depth = 0): AllowedNames | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipOuter(expression);
  const both = (parts: readonly ts.Expression[]): AllowedNames | undefined => {
    const names: string[] = [];
    let configured = false;
    for (const part of parts) {
      const found = allowedNames(tracer, part, depth + 1);
      if (!found) return undefined;
      names.push(...found.names);
      configured ||= found.configured;
    }
    return { names, configured };
  };
  // An empty name (`process.env.GROUPS || ''`) admits no group.
  if (ts.isStringLiteralLike(node)) return { names: node.text ? [node.text] : [], configured: false };
  if (envName(node) !== undefined || destructuredEnvName(tracer.definitions, node) !== undefined)
    return { names: [], configured: true };
  if (ts.isArrayLiteralExpression(node))
    return node.elements.some(ts.isSpreadElement) ? undefined : both(node.elements);
  if (ts.isConditionalExpression(node)) return both([node.whenTrue, node.whenFalse]);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    return operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken
      ? both([node.left, node.right])
      : undefined;
  }
  if (ts.isCallExpression(node)) {
    const callee = skipOuter(node.expression);
    // `getAllowedGroups()` returning `process.env.ALLOWED_GROUPS.split(',')`: what the helper returns.
    const helper = ts.isIdentifier(callee) ? tracer.definitions.callee(node) : undefined;
    if (helper?.body) {
      const returned = tracer.definitions.returnExpressions(helper);
      return returned.length > 0 ? both(returned) : undefined;
    }
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    if (NAME_PRESERVING.has(method) || (method === 'map' && preservesNames(tracer, node.arguments[0])))
      return allowedNames(tracer, callee.expression, depth + 1);
    return undefined;
  }
  if (!ts.isIdentifier(node)) return undefined;
  const initializer = tracer.definitions.constInitializer(node);
  if (initializer) return allowedNames(tracer, initializer, depth + 1);
  const declaration = tracer.definitions.declarationOf(node);
  if (!declaration || !ts.isParameter(declaration) || declaration.dotDotDotToken) return undefined;
  const fn = declaration.parent;
  if (!isFunctionNode(fn)) return undefined;
  const index = fn.parameters.indexOf(declaration);
  const calls = tracer.definitions.callersOf(fn);
  if (calls.length === 0 || calls.length > MAX_CALLERS) return undefined;
  return both(calls.flatMap((call) => argumentAt(call, index) ?? []));
}

/** `(name) => name.trim().toLowerCase()`: a callback that keeps the name it is given. */
function preservesNames(tracer: Tracer, callback: ts.Expression | undefined): boolean {
  const fn = callback && skipOuter(callback);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters.length !== 1) return false;
  const parameter = fn.parameters[0]!;
  let body: ts.Expression | undefined = ts.isBlock(fn.body) ? undefined : fn.body;
  while (body) {
    const node = skipOuter(body);
    if (ts.isIdentifier(node)) return tracer.definitions.declarationOf(node) === parameter;
    if (!ts.isCallExpression(node)) return false;
    const callee = skipOuter(node.expression);
    if (ts.isPropertyAccessExpression(callee) && NAME_PRESERVING.has(callee.name.text)) body = callee.expression;
    else if (ts.isIdentifier(callee) && callee.text === 'String' && node.arguments.length === 1)
      body = node.arguments[0];
    else return false;
  }
  return false;
}

/**
 * Whether an allowed list lets through only administrative roles: it has some part, and every name
 * it holds names one (`isAdministrative`); a part configured for the deployment (an environment read) holds
 * what the deployment names, a list per route the program cannot see.
 */
export function admitsOnlyRoles(
  allowed: AllowedNames | undefined,
  isAdministrative: (name: string) => boolean,
): boolean {
  return !!allowed && (allowed.configured || allowed.names.length > 0) && allowed.names.every(isAdministrative);
}

/**
 * The lists a membership test compares: `allowed.includes(role)`, `groups.includes(allowed)` and
 * `allowed.some((g) => groups.includes(g))` (either way round). Which side is the principal's is
 * for the caller to check; here the two sides of the test.
 */
export function membershipSides(call: ts.CallExpression): readonly [ts.Expression, ts.Expression] | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || call.arguments.length !== 1) return undefined;
  const argument = call.arguments[0]!;
  if (ts.isSpreadElement(argument)) return undefined;
  if (callee.name.text === 'includes') return [callee.expression, argument];
  if (callee.name.text !== 'some') return undefined;
  const callback = skipOuter(argument);
  if (!(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || callback.parameters.length !== 1)
    return undefined;
  const body = ts.isBlock(callback.body) ? singleReturn(callback.body) : callback.body;
  const inner = body && skipOuter(body);
  if (!inner || !ts.isCallExpression(inner)) return undefined;
  const innerCallee = skipOuter(inner.expression);
  const [element] = inner.arguments;
  const parameter = callback.parameters[0]!.name;
  if (
    !ts.isPropertyAccessExpression(innerCallee) ||
    innerCallee.name.text !== 'includes' ||
    inner.arguments.length !== 1 ||
    !element ||
    !ts.isIdentifier(parameter) ||
    !ts.isIdentifier(skipOuter(element)) ||
    (skipOuter(element) as ts.Identifier).text !== parameter.text
  )
    return undefined;
  return [callee.expression, innerCallee.expression];
}

function singleReturn(block: ts.Block): ts.Expression | undefined {
  const [only] = block.statements;
  return block.statements.length === 1 && only && ts.isReturnStatement(only) ? only.expression : undefined;
}
