import ts from 'typescript';
import { calledName, equalityOf, skipOuter } from '../ast.js';
import type { Tracer } from '../flow/tracer.js';
import { admitsOnlyRoles, allowedNames, membershipSides } from './allowed-lists.js';
import { constantString, nameWords } from '../strings.js';
import { hasOrigin, isClean } from '../taint.js';
import type { ParamOrigin, Taint } from '../taint.js';

/** Callers looked at, per function, for a parameter every caller binds to the principal. */
const MAX_CALLERS = 16;
/** Parameters followed through their callers' own parameters (`controller → service → check`). */
const MAX_PARAMETER_HOPS = 3;

// Privileged access (SPEC §4): a condition on the principal that only an administrative role passes.

/**
 * Whether a condition that holds proves the principal holds an administrative role (SPEC §4):
 * a test over the principal and constants only that names such a role, as a property or
 * function tested for truth (`user.isAdmin`, `is_manager`, `isAdmin(user)`), or as a constant
 * the principal's value is compared with or found in (`role === 'admin'`, `role === Role.Admin`,
 * `groups.includes('Admins')`). Alternatives must all be role tests.
 */
export function isRoleTest(tracer: Tracer, condition: ts.Expression): boolean {
  const roles = tracer.model.privilege?.roles ?? [];
  if (roles.length === 0) return false;
  const node = skipOuter(condition);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    return isRoleTest(tracer, node.left) && isRoleTest(tracer, node.right);
  const namesRole = (text: string) => namesRoleConstant(tracer, text);
  // A string written in place, or held by a constant or an enum member (`Role.Admin = 'admin'`).
  const constantNamesRole = (expression: ts.Expression) => {
    const constant = constantString(tracer.definitions, expression);
    return constant.complete && namesRole(constant.text);
  };
  let named: boolean;
  if (ts.isBinaryExpression(node)) {
    if (!equalityOf(node.operatorToken.kind)) return false;
    // `role === 'admin'`, `role === Role.Admin`: the constant names the role.
    named = [node.left, node.right].some(constantNamesRole);
  } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = ts.isPropertyAccessExpression(node)
      ? node.name.text
      : tracer.definitions.elementName(node.argumentExpression);
    named = name !== undefined && namesRole(name);
  } else if (ts.isCallExpression(node)) {
    // `allowed.some((g) => groups.includes(g))`: one side an allowed list of the program or its
    // deployment's configuration, the other the principal's.
    const sides = membershipSides(node);
    if (sides) {
      const [list, value] = sides;
      if (admitsOnlyRoles(allowedNames(tracer, list), namesRole)) return isPrivilegeTest(tracer, value);
      if (admitsOnlyRoles(allowedNames(tracer, value), namesRole)) return isPrivilegeTest(tracer, list);
    }
    const name = calledName(node.expression) ?? '';
    // `['manager', 'admin'].includes(user.role)`: a list of role names, each naming a role.
    const callee = skipOuter(node.expression);
    const list =
      ts.isPropertyAccessExpression(callee) && callee.name.text === 'includes'
        ? roleList(tracer, callee.expression)
        : undefined;
    named =
      (list !== undefined && list.length > 0 && list.every(namesRole)) ||
      namesRole(name) ||
      node.arguments.some(constantNamesRole);
  } else return false;
  return named && isPrivilegeTest(tracer, node);
}

/** The constants of an array of strings written in place or kept in a constant (`const MANAGERS = ['manager', 'admin']`). */
export function roleList(tracer: Tracer, expression: ts.Expression): string[] | undefined {
  let node = skipOuter(expression);
  if (ts.isIdentifier(node)) {
    const initializer = tracer.definitions.constInitializer(node);
    if (!initializer) return undefined;
    node = skipOuter(initializer);
  }
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  const names: string[] = [];
  for (const element of node.elements) {
    const inner = skipOuter(element);
    if (!ts.isStringLiteralLike(inner)) return undefined;
    names.push(inner.text);
  }
  return names;
}

/** Whether a constant names an administrative role of the model (`admin`, `Managers`). */
export function namesRoleConstant(tracer: Tracer, text: string): boolean {
  const roles = tracer.model.privilege?.roles ?? [];
  return nameWords(text)
    .split(' ')
    .some((word) => roles.includes(word) || (word.endsWith('s') && roles.includes(word.slice(0, -1))));
}

/**
 * A condition over the principal and constants only (`user.role !== 'admin'`, `!isAdmin(req.user)`),
 * the principal standing in for its own record too (`me.isAdmin` of the item read by `claims.sub`).
 */
export function isPrivilegeTest(tracer: Tracer, condition: ts.Expression): boolean {
  const leaves: ts.Expression[] = [];
  const collect = (expression: ts.Expression): void => {
    const node = skipOuter(expression);
    if (ts.isPrefixUnaryExpression(node)) collect(node.operand);
    else if (ts.isBinaryExpression(node)) {
      collect(node.left);
      collect(node.right);
    } else if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      if (ts.isPropertyAccessExpression(callee)) collect(callee.expression);
      node.arguments.forEach(collect);
    } else if (
      !ts.isLiteralExpression(node) &&
      node.kind !== ts.SyntaxKind.TrueKeyword &&
      node.kind !== ts.SyntaxKind.FalseKeyword
    ) {
      leaves.push(node);
    }
  };
  collect(condition);
  let principal = false;
  for (const leaf of leaves) {
    const taint = tracer.value(leaf);
    if (callerOnly(tracer, taint, 0)) principal ||= !isClean(taint);
    // `!me || me.role !== 'admin'` with `me` the caller's own record read by the principal: the
    // role the record holds is the caller's, as a role claim on the token is (SPEC §5).
    else if (tracer.guards.ownRecordValue(leaf, taint)) principal = true;
    else return false;
  }
  return principal;
}

/**
 * Whether a value is the principal's (or constant) wherever it comes from: a parameter counts when
 * every call of its function passes the principal there (`service.update(id, dto, req.user)`
 * checking `user.role !== 'admin'`), never when some caller may pass a client's object.
 */
function callerOnly(tracer: Tracer, taint: Taint, hops: number): boolean {
  return !hasOrigin(
    taint,
    (origin) => origin.kind !== 'principal' && !(origin.kind === 'param' && boundToCaller(tracer, origin, hops)),
  );
}

function boundToCaller(tracer: Tracer, origin: ParamOrigin, hops: number): boolean {
  if (hops >= MAX_PARAMETER_HOPS) return false;
  const bound = tracer.definitions.argumentsBound(origin.fn, origin.index, MAX_CALLERS);
  return (
    !!bound &&
    bound.every((argument) => {
      if (ts.isSpreadElement(argument)) return false;
      const taint = tracer.value(argument, origin.path);
      return !isClean(taint) && callerOnly(tracer, taint, hops + 1);
    })
  );
}

/**
 * `!roles.includes(user.role)`'s operand, `roles.some((r) => user.groups.includes(r))`: a membership
 * test of the principal's value in a list whose names `namesOf` knows (a role-gate factory's
 * parameter bound at its call, a route's role metadata), each naming an administrative role. The
 * list is seen through a normalising `map` (`listedParameter`).
 */
export function isListedRoleTest(
  tracer: Tracer,
  test: ts.Expression,
  namesOf: (list: ts.Expression) => readonly string[] | undefined,
): boolean {
  const call = skipOuter(test);
  const sides = ts.isCallExpression(call) ? membershipSides(call) : undefined;
  if (!sides) return false;
  return [sides, [sides[1], sides[0]] as const].some(([list, value]) => {
    const names = namesOf(listedParameter(tracer, skipOuter(list)));
    return !!names?.length && names.every((name) => namesRoleConstant(tracer, name)) && isPrivilegeTest(tracer, value);
  });
}

/** String methods that only change a role name's case or spacing. */
const NORMALISERS: ReadonlySet<string> = new Set([
  'toLowerCase',
  'toUpperCase',
  'trim',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
]);

/**
 * The list a role test searches, through a normalising `map`: `allowedRoles` held by `const
 * allowedRoles = roles.map((r) => String(r).toLowerCase())` is `roles`, the same names in another case.
 */
export function listedParameter(tracer: Tracer, list: ts.Expression): ts.Expression {
  if (!ts.isIdentifier(list)) return list;
  const initializer = tracer.definitions.constInitializer(list);
  const call = initializer && skipOuter(initializer);
  if (!call || !ts.isCallExpression(call) || call.arguments.length !== 1) return list;
  const callee = skipOuter(call.expression);
  const mapper = skipOuter(call.arguments[0]!);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'map') return list;
  if (!(ts.isArrowFunction(mapper) || ts.isFunctionExpression(mapper)) || mapper.parameters.length !== 1) return list;
  const [parameter] = mapper.parameters;
  const returned = tracer.definitions.returnExpressions(mapper);
  return returned.length === 1 && parameter && normalises(returned[0]!, parameter)
    ? skipOuter(callee.expression)
    : list;
}

/** `String(r).toLowerCase()`, `r.trim()`: the parameter itself, only its case or spacing changed. */
function normalises(expression: ts.Expression, parameter: ts.ParameterDeclaration): boolean {
  const node = skipOuter(expression);
  if (ts.isIdentifier(node)) return ts.isIdentifier(parameter.name) && node.text === parameter.name.text;
  if (!ts.isCallExpression(node)) return false;
  const callee = skipOuter(node.expression);
  if (ts.isIdentifier(callee) && callee.text === 'String' && node.arguments.length === 1)
    return normalises(node.arguments[0]!, parameter);
  return (
    ts.isPropertyAccessExpression(callee) &&
    NORMALISERS.has(callee.name.text) &&
    node.arguments.length === 0 &&
    normalises(callee.expression, parameter)
  );
}
