import ts from 'typescript';
import { calledName, descendants, isFunctionNode, skipOuter, staticName } from './ast.js';
import type { FunctionNode } from './ast.js';
import { holderName, memberAssigned } from './callers.js';
import type { HeldMember } from './callers.js';
import type { ParameterMatcher } from './model.js';
import { isAnyLike, specifierNames, symbolMatches, typeMatches } from './types.js';
import type { Specifier } from './types.js';

/** The order matchers are tried in: the most specific shapes first. */
const MATCHER_PRIORITY: readonly ParameterMatcher['kind'][] = [
  'decorated',
  'exported',
  'directive',
  'member',
  'shape',
  'callback',
  'wrapped',
  'named',
];

/**
 * The model of a framework object an expression or parameter is: by its type through the checker,
 * else by the parameter's shape (decorator, exported handler, registrar callback, name).
 */
export function objectModelOf<
  M extends { readonly types: readonly Specifier[]; readonly parameters?: readonly ParameterMatcher[] },
>(checker: ts.TypeChecker, node: ts.Node, models: readonly M[]): M | undefined {
  return objectModelsOf(checker, node, models)[0];
}

/**
 * Every model an expression or parameter may be, the most specific first: by type, else by the
 * parameter's shape. `calledDirectly` says whether the program calls a function itself: a name
 * alone does not make such a function's parameter a request object (its callers decide).
 * `heldAt` gives the members that hold a function by name (`{ Mutation: { editUser } }`), where
 * a member matcher finds a function written elsewhere.
 */
export function objectModelsOf<
  M extends { readonly types: readonly Specifier[]; readonly parameters?: readonly ParameterMatcher[] },
>(
  checker: ts.TypeChecker,
  node: ts.Node,
  models: readonly M[],
  calledDirectly?: (fn: FunctionNode) => boolean,
  heldAt?: (fn: FunctionNode) => readonly HeldMember[],
): M[] {
  const type = checker.getTypeAtLocation(node);
  // A parameter typed by an unconstrained type parameter (`event: TEvent`) says no more than an untyped one.
  const untyped = isAnyLike(type) || isOpenTypeParameter(checker, type);
  if (!untyped) {
    const typed = models.filter((model) => requestTypeMatches(checker, type, model.types));
    if (typed.length) return typed;
  }
  const parameter = ts.isParameter(node) ? node : parameterOf(checker, node);
  if (!parameter) return [];
  // The most specific evidence first: a decorator or an exported handler name beats a parameter name.
  const found: M[] = [];
  for (const kind of MATCHER_PRIORITY) {
    for (const model of models) {
      if (found.includes(model)) continue;
      const matched = model.parameters?.find(
        (matcher) => matcher.kind === kind && matchesParameter(checker, parameter, matcher, untyped, heldAt),
      );
      if (!matched) continue;
      // A name, or what an untyped parameter reads, is weaker than a type: the program's own calls decide.
      const byUse =
        kind === 'named' ||
        (matched.kind === 'shape' && !!matched.reads && !shapeTyped(checker, parameter, matched, untyped));
      if (byUse && isFunctionNode(parameter.parent) && calledDirectly?.(parameter.parent)) continue;
      found.push(model);
    }
  }
  return found;
}

/**
 * Whether a function is a handler of a request object model: one of its parameters is the
 * model's object (by its type, declared or inferred, or by a matcher), or, when none is, the
 * function is written where the model's handlers are (a `'use server'` export, an exported
 * `loader`, an argument of `defineEventHandler`, a member of `actions`), or the callee it is passed
 * to hands it the model's object (`.query(() => …)` typed by the library).
 */
export function isHandlerOf(
  checker: ts.TypeChecker,
  fn: FunctionNode,
  model: { readonly types: readonly Specifier[]; readonly parameters?: readonly ParameterMatcher[] },
): boolean {
  for (const parameter of fn.parameters) {
    const type = checker.getTypeAtLocation(ts.isIdentifier(parameter.name) ? parameter : parameter.name);
    if (!isAnyLike(type) && requestTypeMatches(checker, type, model.types)) return true;
    if (model.parameters?.some((matcher) => matchesParameter(checker, parameter, matcher, isAnyLike(type))))
      return true;
  }
  for (const matcher of model.parameters ?? []) {
    switch (matcher.kind) {
      case 'directive':
        if (startsWithDirective(fn.body, matcher.directive) || isExportedFromDirectiveModule(fn, matcher.directive))
          return true;
        break;
      case 'exported':
        if (isExportedAs(fn, matcher.functions)) return true;
        break;
      case 'member':
        if (isMemberFunction(checker, fn, matcher)) return true;
        break;
      case 'wrapped': {
        const call = fn.parent;
        if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) break;
        const name = calledName(call.expression);
        if (name !== undefined && matcher.functions.includes(name)) return true;
        break;
      }
      default:
        break;
    }
  }
  // A callback whose callee's signature gives it the model's object, though it declares no parameter.
  if (!model.types.length || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  const contextual = checker.getContextualType(fn);
  for (const signature of contextual ? checker.getNonNullableType(contextual).getCallSignatures() : []) {
    const first = signature.parameters[0];
    const type = first && checker.getTypeOfSymbol(first);
    if (type && !isAnyLike(type) && requestTypeMatches(checker, type, model.types)) return true;
  }
  return false;
}

/** A type parameter without a constraint: any value may be passed as it. */
function isOpenTypeParameter(checker: ts.TypeChecker, type: ts.Type): boolean {
  return (
    (type.flags & ts.TypeFlags.TypeParameter) !== 0 && !checker.getBaseConstraintOfType(type)?.getProperties().length
  );
}

/** Utility types that keep what they are made from: a `Pick` of a request is still that request. */
const NARROWING_UTILITIES = new Set(['Pick', 'Omit', 'Partial', 'Required', 'Readonly']);

/**
 * A request object's type, also when narrowed by a utility type of the standard library
 * (`Pick<APIGatewayProxyEvent, 'pathParameters'>`, as handlers written for tests declare it).
 */
function requestTypeMatches(checker: ts.TypeChecker, type: ts.Type, specs: readonly Specifier[], depth = 0): boolean {
  if (typeMatches(checker, type, specs)) return true;
  const alias = type.aliasSymbol;
  const inner = type.aliasTypeArguments?.[0];
  if (depth > 3 || !alias || !inner || !NARROWING_UTILITIES.has(alias.name)) return false;
  const declaredInLibrary = alias.declarations?.some((declaration) => declaration.getSourceFile().isDeclarationFile);
  return !!declaredInLibrary && requestTypeMatches(checker, inner, specs, depth + 1);
}

export function parameterOf(checker: ts.TypeChecker, node: ts.Node): ts.ParameterDeclaration | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
  return declaration && ts.isParameter(declaration) ? declaration : undefined;
}

/**
 * perf: what a matcher needs of a parameter's syntax alone: its index, its name, the call or the
 * object literal its function is written in, its decorators, the directive. `matchesParameter`
 * requires each of these whatever the parameter's type, so where this says no the matcher cannot
 * match and the checker need not be asked.
 */
export function mayMatchParameter(parameter: ts.ParameterDeclaration, matcher: ParameterMatcher): boolean {
  const fn = parameter.parent;
  if (!isFunctionNode(fn)) return false;
  const index = fn.parameters.indexOf(parameter);
  switch (matcher.kind) {
    case 'callback':
      return index === matcher.index && registeredWith(fn, matcher.registrars);
    case 'named':
      return index === matcher.index && ts.isIdentifier(parameter.name) && matcher.names.includes(parameter.name.text);
    case 'member': {
      if (index !== matcher.index) return false;
      const member = objectMember(fn) ?? assignedMember(fn);
      // A function written elsewhere may be held by name under a member (`{ Mutation: { editUser } }`).
      if (!member) return !!(matcher.under ?? matcher.besideAny) && namedFunction(fn);
      return !matcher.properties || (member.name !== undefined && matcher.properties.includes(member.name));
    }
    case 'shape':
      return index === matcher.index;
    case 'wrapped':
      return index === matcher.index && wrappedBy(fn, matcher.functions);
    case 'exported':
    case 'decorated':
    case 'directive':
      // Read from syntax alone (the checker is not asked).
      return matchesParameterSyntax(parameter, fn, index, matcher);
  }
}

function matchesParameterSyntax(
  parameter: ts.ParameterDeclaration,
  fn: FunctionNode,
  index: number,
  matcher: Extract<ParameterMatcher, { kind: 'exported' | 'decorated' | 'directive' }>,
): boolean {
  switch (matcher.kind) {
    case 'exported':
      return index === matcher.index && isExportedAs(fn, matcher.functions);
    case 'decorated':
      return decoratorNames(parameter).some((name) => matcher.decorators.includes(name));
    case 'directive':
      return startsWithDirective(fn.body, matcher.directive) || isExportedFromDirectiveModule(fn, matcher.directive);
  }
}

/**
 * Shape-based recognition. `callback` and `named` apply only where the type is `any` (plain
 * JavaScript); `exported` and `decorated` say what the parameter is whatever its declared type.
 */
function matchesParameter(
  checker: ts.TypeChecker,
  parameter: ts.ParameterDeclaration,
  matcher: ParameterMatcher,
  untyped: boolean,
  heldAt?: (fn: FunctionNode) => readonly HeldMember[],
): boolean {
  const fn = parameter.parent;
  if (!isFunctionNode(fn)) return false;
  const index = fn.parameters.indexOf(parameter);
  switch (matcher.kind) {
    case 'callback': {
      if (index !== matcher.index) return false;
      const destructured = untypedPattern(checker, parameter, matcher.destructured);
      if (!untyped && !destructured) return false;
      if (
        matcher.names &&
        !(ts.isIdentifier(parameter.name) && matcher.names.includes(parameter.name.text)) &&
        !destructured
      )
        return false;
      return registeredWith(fn, matcher.registrars);
    }
    case 'named':
      return (
        untyped &&
        index === matcher.index &&
        ts.isIdentifier(parameter.name) &&
        matcher.names.includes(parameter.name.text)
      );
    case 'exported':
    case 'decorated':
    case 'directive':
      return matchesParameterSyntax(parameter, fn, index, matcher);
    case 'member':
      return index === matcher.index && isMemberFunction(checker, fn, matcher, heldAt);
    case 'shape': {
      if (index !== matcher.index) return false;
      if (shapeTyped(checker, parameter, matcher, untyped)) return true;
      return (
        !!matcher.reads &&
        (untyped || impliedByPattern(checker, parameter)) &&
        isModuleEntry(fn) &&
        readsOneOf(parameter, matcher.reads)
      );
    }
    case 'wrapped':
      return untyped && index === matcher.index && wrappedBy(fn, matcher.functions);
  }
}

/** The call a function is handed to as an argument. */
function passedTo(fn: FunctionNode): ts.CallExpression | undefined {
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments.includes(fn as ts.Expression) ? call : undefined;
}

/** Whether a function is handed to a registrar method (`app.get(path, fn)`, `router.post(…)`). */
function registeredWith(fn: FunctionNode, registrars: readonly string[]): boolean {
  const call = passedTo(fn);
  const callee = call && skipOuter(call.expression);
  return !!callee && ts.isPropertyAccessExpression(callee) && registrars.includes(callee.name.text);
}

/** Whether a function is handed to one of the named wrapper functions (`middy(fn)`). */
function wrappedBy(fn: FunctionNode, functions: readonly string[]): boolean {
  const call = passedTo(fn);
  const name = call && calledName(call.expression);
  return name !== undefined && functions.includes(name);
}

/**
 * `({ input, ctx }) => …` without a declared type, passed where the callee's types give it none:
 * an object pattern that destructures one of the properties, each of them of type `any`.
 */
function untypedPattern(
  checker: ts.TypeChecker,
  parameter: ts.ParameterDeclaration,
  properties: readonly string[] | undefined,
): boolean {
  const pattern = parameter.name;
  if (!properties || parameter.type || !ts.isObjectBindingPattern(pattern)) return false;
  const named = (element: ts.BindingElement) => {
    const name = element.propertyName ?? element.name;
    return ts.isIdentifier(name) && properties.includes(name.text);
  };
  const untyped = (name: ts.BindingName, depth: number): boolean =>
    ts.isIdentifier(name)
      ? isAnyLike(checker.getTypeAtLocation(name))
      : depth < 4 &&
        name.elements.every((element) => ts.isOmittedExpression(element) || untyped(element.name, depth + 1));
  return (
    pattern.elements.some(named) && pattern.elements.every((element) => !named(element) || untyped(element.name, 0))
  );
}

/** A parameter whose (not `any`) type has every property of a shape matcher. */
function shapeTyped(
  checker: ts.TypeChecker,
  parameter: ts.ParameterDeclaration,
  matcher: Extract<ParameterMatcher, { kind: 'shape' }>,
  untyped: boolean,
): boolean {
  if (untyped) return false;
  const type = checker.getTypeAtLocation(parameter);
  return matcher.properties.every((name) => type.getProperty(name) !== undefined);
}

/**
 * A destructured parameter with no declared type and no type from its context: its type is only
 * what the pattern implies (`({ pathParameters: { id } }) => …` in plain JavaScript), so it says
 * no more than an untyped parameter.
 */
function impliedByPattern(checker: ts.TypeChecker, parameter: ts.ParameterDeclaration): boolean {
  if (parameter.type || !ts.isObjectBindingPattern(parameter.name)) return false;
  const fn = parameter.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && checker.getContextualType(fn)) return false;
  return !ts.getJSDocType(parameter);
}

/** Nodes of a function body looked at for the properties a parameter reads. */
const MAX_READ_NODES = 20_000;
const readsMemo = new WeakMap<ts.ParameterDeclaration, ReadonlySet<string>>();

/** Whether a parameter reads every property of one of the sets. */
function readsOneOf(parameter: ts.ParameterDeclaration, sets: readonly (readonly string[])[]): boolean {
  let read = readsMemo.get(parameter);
  if (!read) readsMemo.set(parameter, (read = propertiesRead(parameter)));
  const names = read;
  return sets.some((set) => set.every((name) => names.has(name)));
}

/**
 * The first-level properties a parameter's function reads from it: the names of its destructuring
 * pattern, or `p.name`, `p['name']` and `const { name } = p` in the body (a bounded, syntactic walk).
 */
function propertiesRead(parameter: ts.ParameterDeclaration): ReadonlySet<string> {
  const names = new Set<string>();
  const fromPattern = (pattern: ts.ObjectBindingPattern) => {
    for (const element of pattern.elements) {
      const name = staticName(element.propertyName ?? element.name);
      if (name !== undefined) names.add(name);
    }
  };
  if (ts.isObjectBindingPattern(parameter.name)) {
    fromPattern(parameter.name);
    return names;
  }
  if (!ts.isIdentifier(parameter.name)) return names;
  const own = parameter.name.text;
  const fn = parameter.parent;
  const body = isFunctionNode(fn) ? fn.body : undefined;
  if (!body) return names;
  const isOwn = (node: ts.Expression) => {
    const inner = skipOuter(node);
    return ts.isIdentifier(inner) && inner.text === own;
  };
  let count = 0;
  for (const node of descendants(body)) {
    if (++count > MAX_READ_NODES) break;
    if (ts.isPropertyAccessExpression(node) && isOwn(node.expression)) names.add(node.name.text);
    else if (
      ts.isElementAccessExpression(node) &&
      isOwn(node.expression) &&
      ts.isStringLiteralLike(node.argumentExpression)
    )
      names.add(node.argumentExpression.text);
    else if (
      ts.isVariableDeclaration(node) &&
      ts.isObjectBindingPattern(node.name) &&
      node.initializer &&
      isOwn(node.initializer)
    )
      fromPattern(node.name);
  }
  return names;
}

/** Wrapping calls an export may hold its handler in (`middy(handler).use(…)`), followed outward. */
const MAX_WRAPS = 4;

/**
 * A function the module hands to its loader: exported (`export const f = …`, `export function f`,
 * `export default`, `export { f }`), assigned to `exports.f`/`module.exports(.f)` or written in the
 * literal assigned there, directly or as the argument of a wrapping call (`middy(async (event) => …)`).
 */
function isModuleEntry(fn: FunctionNode): boolean {
  if (ts.isFunctionDeclaration(fn)) {
    if (hasExportModifier(fn)) return true;
    return !!fn.name && exportedNames(fn.getSourceFile()).has(fn.name.text);
  }
  let value: ts.Node = fn;
  for (let depth = 0; depth < MAX_WRAPS; depth++) {
    const parent = value.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) value = parent;
    else if (ts.isCallExpression(parent) && parent.arguments.includes(value as ts.Expression)) value = parent;
    else if (ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent) && parent.expression === value)
      value = parent.parent;
    else break;
  }
  const holder = value.parent;
  if (ts.isExportAssignment(holder)) return true;
  if (isExportsTarget(holder, value)) return true;
  if (ts.isPropertyAssignment(holder) && holder.initializer === value) {
    const literal = holder.parent;
    return ts.isExportAssignment(literal.parent) || isExportsTarget(literal.parent, literal);
  }
  if (ts.isVariableDeclaration(holder) && holder.initializer === value && ts.isIdentifier(holder.name)) {
    const statement = holder.parent.parent;
    if (ts.isVariableStatement(statement) && hasExportModifier(statement)) return true;
    return exportedNames(fn.getSourceFile()).has(holder.name.text);
  }
  return false;
}

/** `exports.f = value`, `module.exports = value`, `module.exports.f = value`. */
function isExportsTarget(node: ts.Node, value: ts.Node): boolean {
  if (!ts.isBinaryExpression(node) || node.right !== value || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken)
    return false;
  let target = skipOuter(node.left);
  if (ts.isPropertyAccessExpression(target) && target.name.text !== 'exports') target = skipOuter(target.expression);
  if (ts.isIdentifier(target)) return target.text === 'exports';
  return (
    ts.isPropertyAccessExpression(target) &&
    target.name.text === 'exports' &&
    ts.isIdentifier(target.expression) &&
    target.expression.text === 'module'
  );
}

const exportedNamesMemo = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/**
 * The local names a module exports, read from its top-level statements: `export { f }`,
 * `export default f`, `exports.h = f`, `module.exports = { f, h: f }`, also inside wrapping calls
 * (`export const handler = middy(f)`, `module.exports.handler = wrap(f)`).
 */
function exportedNames(file: ts.SourceFile): ReadonlySet<string> {
  const cached = exportedNamesMemo.get(file);
  if (cached) return cached;
  const names = new Set<string>();
  const collect = (node: ts.Expression, depth: number): void => {
    const value = skipOuter(node);
    if (ts.isIdentifier(value)) names.add(value.text);
    else if (depth >= MAX_WRAPS) return;
    else if (ts.isCallExpression(value)) {
      for (const argument of value.arguments) collect(argument, depth + 1);
      const callee = skipOuter(value.expression);
      if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(skipOuter(callee.expression)))
        collect(callee.expression, depth + 1);
    } else if (ts.isObjectLiteralExpression(value)) {
      for (const member of value.properties) {
        if (ts.isShorthandPropertyAssignment(member)) names.add(member.name.text);
        else if (ts.isPropertyAssignment(member)) collect(member.initializer, depth + 1);
      }
    }
  };
  for (const local of exportListNames(file).keys()) names.add(local);
  for (const statement of file.statements) {
    if (ts.isExportAssignment(statement)) collect(statement.expression, 0);
    else if (ts.isExpressionStatement(statement)) {
      const expression = statement.expression;
      if (ts.isBinaryExpression(expression) && isExportsTarget(expression, expression.right))
        collect(expression.right, 0);
    } else if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (declaration.initializer) collect(declaration.initializer, 1);
    }
  }
  exportedNamesMemo.set(file, names);
  return names;
}

/** A body (or a file's statements) whose first statement is the directive (`'use server'`). */
function startsWithDirective(body: ts.Node | undefined, directive: string): boolean {
  const statements = body && (ts.isBlock(body) || ts.isSourceFile(body)) ? body.statements : undefined;
  const first = statements?.[0];
  return (
    !!first &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === directive
  );
}

/** An exported function of a module that starts with the directive: `export async function f(…)`, `export const f = …`, `export { f }`. */
function isExportedFromDirectiveModule(fn: FunctionNode, directive: string): boolean {
  const file = fn.getSourceFile();
  if (!startsWithDirective(file, directive)) return false;
  let name: string | undefined;
  if (ts.isFunctionDeclaration(fn)) {
    if (fn.parent !== file) return false;
    if (hasExportModifier(fn)) return true;
    name = fn.name?.text;
  } else {
    const holder = fn.parent;
    if (ts.isExportAssignment(holder)) return holder.parent === file;
    if (!ts.isVariableDeclaration(holder) || holder.initializer !== fn || !ts.isIdentifier(holder.name)) return false;
    const statement = holder.parent.parent;
    if (!ts.isVariableStatement(statement) || statement.parent !== file) return false;
    if (hasExportModifier(statement)) return true;
    name = holder.name.text;
  }
  if (name === undefined) return false;
  return file.statements.some(
    (statement) =>
      (ts.isExportDeclaration(statement) &&
        !statement.moduleSpecifier &&
        !!statement.exportClause &&
        ts.isNamedExports(statement.exportClause) &&
        statement.exportClause.elements.some((element) => (element.propertyName ?? element.name).text === name)) ||
      (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression) && statement.expression.text === name),
  );
}

/** A function written as a property or method of an object literal, placed as the matcher says. */
/** A function written as a member of an object literal (`{ note: (p, args) => … }`, `{ resolve(opts) {…} }`): the literal and the member's name. */
export function objectMember(
  fn: FunctionNode,
): { literal: ts.ObjectLiteralExpression; name: string | undefined } | undefined {
  if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent))
    return { literal: fn.parent, name: staticName(fn.name) };
  if (ts.isPropertyAssignment(fn.parent) && fn.parent.initializer === fn)
    return { literal: fn.parent.parent, name: staticName(fn.parent.name) };
  return undefined;
}

type MemberMatcher = Extract<ParameterMatcher, { kind: 'member' }>;

/**
 * Whether a function is a member the matcher describes: written as one (`{ Query: { note: (…) => … } }`,
 * `resolvers['Query']['note'] = (…) => …`), or held by name as one (`{ Query: { note } }` of a
 * `note` declared in another file).
 */
function isMemberFunction(
  checker: ts.TypeChecker,
  fn: FunctionNode,
  matcher: MemberMatcher,
  heldAt?: (fn: FunctionNode) => readonly HeldMember[],
): boolean {
  const member = objectMember(fn);
  if (member) return isLiteralMember(checker, member.literal, member.name, matcher);
  const assigned = assignedMember(fn);
  if (assigned) return isAssignedMember(assigned, matcher);
  if (!namedFunction(fn) || !(matcher.under ?? matcher.besideAny)) return false;
  return (heldAt?.(fn) ?? []).some((held) =>
    held.kind === 'literal'
      ? isLiteralMember(checker, held.literal, held.name, matcher)
      : isAssignedMember(held, matcher),
  );
}

/** `resolvers['Mutation']['x'] = (…) => …`: the holder's member and the function's name under it. */
function assignedMember(fn: FunctionNode): { holder: string; name: string } | undefined {
  const assignment = fn.parent;
  return ts.isBinaryExpression(assignment) &&
    assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    assignment.right === fn
    ? memberAssigned(assignment.left)
    : undefined;
}

function isAssignedMember(assigned: { holder: string; name: string }, matcher: MemberMatcher): boolean {
  if (matcher.properties && !matcher.properties.includes(assigned.name)) return false;
  return !!matcher.under?.includes(assigned.holder);
}

/** A function declared under a name other code may hold it by: `function note(…)`, `const note = (…) => …`. */
function namedFunction(fn: FunctionNode): boolean {
  if (ts.isFunctionDeclaration(fn)) return !!fn.name;
  return ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn && ts.isIdentifier(fn.parent.name);
}

function isLiteralMember(
  checker: ts.TypeChecker,
  literal: ts.ObjectLiteralExpression,
  name: string | undefined,
  matcher: MemberMatcher,
): boolean {
  if (matcher.properties && (name === undefined || !matcher.properties.includes(name))) return false;
  if (matcher.fieldOf && name !== undefined && isFieldResolver(checker, literal, name, matcher.fieldOf)) return true;
  const holder = literal.parent;
  // `export const actions = { default: async (event) => … }` names the literal by its variable.
  const under = holderName(literal);
  if (matcher.under && under !== undefined && matcher.under.includes(under)) return true;
  const beside = matcher.besideAny;
  if (
    beside &&
    ts.isPropertyAssignment(holder) &&
    holder.initializer === literal &&
    ts.isObjectLiteralExpression(holder.parent) &&
    holder.parent.properties.some((member) => {
      const sibling = staticName(member.name);
      return sibling !== undefined && beside.includes(sibling);
    })
  )
    return true;
  if (
    matcher.callees &&
    (ts.isCallExpression(holder) || ts.isNewExpression(holder)) &&
    holder.arguments?.includes(literal)
  ) {
    const calleeName = calledName(holder.expression);
    if (calleeName !== undefined && matcher.callees.includes(calleeName)) return true;
  }
  return false;
}

type FieldOf = NonNullable<MemberMatcher['fieldOf']>;

/** Bounds: statements between a `return` of the fields and its function; constants followed; nodes read per file. */
const MAX_RETURN_DEPTH = 8;
const MAX_HOPS = 3;
const MAX_FILE_NODES = 200_000;

/**
 * Whether `literal` is a field's config in a code-first schema and `name` its resolver: the
 * member's contextual type is the library's resolver type (where the library is typed), or the
 * literal is a field of the `fields` option of the schema library's type constructor
 * (`new GraphQLObjectType({ fields: { me: literal } })`, `fields: () => ({ me: literal })`), also
 * through constants of the same file (`const fields = { me: literal }` … `fields: () => ({ ...fields })`).
 */
function isFieldResolver(
  checker: ts.TypeChecker,
  literal: ts.ObjectLiteralExpression,
  name: string,
  fieldOf: FieldOf,
): boolean {
  if (fieldOf.outputTypes && !outputTypeIs(checker, literal, fieldOf.outputTypes)) return false;
  const contextual = checker.getContextualType(literal);
  const member = contextual && checker.getNonNullableType(contextual).getProperty(name);
  const type = member && checker.getTypeOfSymbol(member);
  if (type && !isAnyLike(type) && typeMatches(checker, type, fieldOf.resolverTypes)) return true;
  for (const config of placesOf(checker, literal)) {
    const field = config.parent;
    const map = ts.isPropertyAssignment(field) && field.initializer === config ? field.parent : undefined;
    const fieldsMap = ts.isShorthandPropertyAssignment(config) ? config.parent : map;
    if (!fieldsMap) continue;
    for (const value of [fieldsMap, ...spreadsOf(checker, fieldsMap)])
      for (const place of placesOf(checker, value)) {
        const options = optionsHolding(place, fieldOf.property);
        const call = options?.parent;
        if (call && (ts.isNewExpression(call) || ts.isCallExpression(call)) && call.arguments?.[0] === options)
          if (calleeIs(checker, call.expression, fieldOf.callees)) return true;
      }
  }
  return false;
}

/** Bound: wrapping constructors around a field's output type (`new GraphQLNonNull(new GraphQLList(T))`). */
const MAX_TYPE_WRAPS = 4;

/** A field config whose `type` is one of `specs`, also inside wrapping constructors (`new GraphQLNonNull(T)`). */
function outputTypeIs(
  checker: ts.TypeChecker,
  config: ts.ObjectLiteralExpression,
  specs: readonly Specifier[],
): boolean {
  const member = config.properties.find((property) => staticName(property.name) === 'type');
  let value = member && ts.isPropertyAssignment(member) ? skipOuter(member.initializer) : undefined;
  for (let depth = 0; depth < MAX_TYPE_WRAPS && value && ts.isNewExpression(value); depth++)
    value = value.arguments?.[0] && skipOuter(value.arguments[0]);
  return !!value && calleeIs(checker, value, specs);
}

/**
 * Where a literal's value is written: the literal itself and, when a constant of its file holds
 * it (`const fields = { … }`), each reference to that constant in the file (`fields: fields`,
 * `{ note }`, `...fields`).
 */
function placesOf(checker: ts.TypeChecker, literal: ts.ObjectLiteralExpression): readonly ts.Node[] {
  let byLiteral = placesMemo.get(checker);
  if (!byLiteral) placesMemo.set(checker, (byLiteral = new WeakMap<ts.ObjectLiteralExpression, readonly ts.Node[]>()));
  let places = byLiteral.get(literal);
  if (!places) byLiteral.set(literal, (places = collectPlaces(checker, literal)));
  return places;
}

const placesMemo = new WeakMap<ts.TypeChecker, WeakMap<ts.ObjectLiteralExpression, readonly ts.Node[]>>();

function collectPlaces(checker: ts.TypeChecker, literal: ts.ObjectLiteralExpression): ts.Node[] {
  let node: ts.Node = literal;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const declaration = node.parent;
  if (
    !ts.isVariableDeclaration(declaration) ||
    declaration.initializer !== node ||
    !ts.isIdentifier(declaration.name) ||
    !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)
  )
    return [node];
  const symbol = checker.getSymbolAtLocation(declaration.name);
  const text = declaration.name.text;
  const places: ts.Node[] = [node];
  let count = 0;
  for (const reference of descendants(declaration.getSourceFile())) {
    if (++count > MAX_FILE_NODES) break;
    if (!ts.isIdentifier(reference) || reference.text !== text || reference === declaration.name) continue;
    const parent = reference.parent;
    const referenced = ts.isShorthandPropertyAssignment(parent)
      ? checker.getShorthandAssignmentValueSymbol(parent)
      : checker.getSymbolAtLocation(reference);
    if (referenced !== symbol) continue;
    places.push(ts.isShorthandPropertyAssignment(parent) ? parent : reference);
  }
  return places;
}

/** The literals spread into a fields map written in the same file (`{ ...userFields, ...noteFields }`), bounded. */
function spreadsOf(checker: ts.TypeChecker, map: ts.ObjectLiteralExpression): ts.ObjectLiteralExpression[] {
  const out: ts.ObjectLiteralExpression[] = [];
  let hops = 0;
  // The map spread into another: follow the map's places to the literals that spread it.
  const queue = [map];
  while (queue.length && hops++ < MAX_HOPS) {
    const current = queue.shift()!;
    for (const place of placesOf(checker, current)) {
      const spread = place.parent;
      if (ts.isSpreadAssignment(spread) && spread.expression === place) {
        out.push(spread.parent);
        queue.push(spread.parent);
      }
    }
  }
  return out;
}

/**
 * The options literal whose `property` holds a fields map (a literal, or a reference to a constant
 * holding one): `{ fields: map }`, `{ fields: () => map }`, `{ fields() { return map; } }`.
 */
function optionsHolding(map: ts.Node, property: string): ts.ObjectLiteralExpression | undefined {
  let node: ts.Node = map;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  let holder: ts.Node = node.parent;
  let returned = isFunctionNode(holder) && holder.body === node;
  if (ts.isReturnStatement(holder)) {
    for (let depth = 0; depth < MAX_RETURN_DEPTH && !isFunctionNode(holder); depth++) holder = holder.parent;
    returned = isFunctionNode(holder);
  }
  if (returned && isFunctionNode(holder)) {
    const fn = holder;
    if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent))
      return staticName(fn.name) === property ? fn.parent : undefined;
    holder = fn.parent;
    node = fn;
  }
  if (ts.isShorthandPropertyAssignment(node)) return staticName(node.name) === property ? node.parent : undefined;
  return ts.isPropertyAssignment(holder) && holder.initializer === node && staticName(holder.name) === property
    ? holder.parent
    : undefined;
}

/**
 * A callee that is one of `specs`: by its symbol (declared in the package, or imported from it
 * where its types are missing), or, where the checker knows nothing of it (`graphql.GraphQLObjectType`
 * of an untyped module), by its name.
 */
function calleeIs(checker: ts.TypeChecker, expression: ts.Expression, specs: readonly Specifier[]): boolean {
  const callee = skipOuter(expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  if (!ts.isIdentifier(nameNode)) return false;
  if (symbolMatches(checker, checker.getSymbolAtLocation(nameNode), specs)) return true;
  return (
    isAnyLike(checker.getTypeAtLocation(callee)) && specs.some((spec) => specifierNames(spec).includes(nameNode.text))
  );
}

/** `export async function GET(…)`, `export const GET = …`. */
export function isExportedAs(fn: FunctionNode, names: readonly string[]): boolean {
  let local: string | undefined;
  if (ts.isFunctionDeclaration(fn)) {
    if (!fn.name) return false;
    local = fn.name.text;
    if (names.includes(local) && hasExportModifier(fn)) return true;
  } else {
    const holder = fn.parent;
    if (!ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) return false;
    local = holder.name.text;
    const statement = holder.parent.parent;
    if (names.includes(local) && ts.isVariableStatement(statement) && hasExportModifier(statement)) return true;
  }
  // An export list names the function too: `export { GET }`, `export { handler as GET }`.
  return !!exportListNames(fn.getSourceFile())
    .get(local)
    ?.some((exported) => names.includes(exported));
}

/** The names a module's export lists give its local declarations: `export { handler as GET, handler as POST }`. */
function exportListNames(file: ts.SourceFile): ReadonlyMap<string, readonly string[]> {
  const cached = exportListMemo.get(file);
  if (cached) return cached;
  const names = new Map<string, string[]>();
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier || statement.isTypeOnly) continue;
    if (!statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      const local = (element.propertyName ?? element.name).text;
      names.set(local, [...(names.get(local) ?? []), element.name.text]);
    }
  }
  exportListMemo.set(file, names);
  return names;
}

const exportListMemo = new WeakMap<ts.SourceFile, ReadonlyMap<string, readonly string[]>>();

/** `export function f`, `export const f = …`. */
function hasExportModifier(node: ts.HasModifiers): boolean {
  return !!ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/** The names of a node's decorators (`@Param('id')` → `Param`, `@Controller()` → `Controller`). */
export function decoratorNames(node: ts.Node): string[] {
  const decorators = ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
  return decorators.flatMap((decorator) => {
    const expression = skipOuter(decorator.expression);
    const callee = ts.isCallExpression(expression) ? skipOuter(expression.expression) : expression;
    return ts.isIdentifier(callee) ? [callee.text] : ts.isPropertyAccessExpression(callee) ? [callee.name.text] : [];
  });
}
