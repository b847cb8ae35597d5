import ts from 'typescript';
import {
  bindingPath,
  findProperty,
  isStatic,
  memberValue as propertyValue,
  skipOuter,
  staticName,
  thisBinder,
  thisObjectLiteral,
} from '../ast.js';
import type { Definitions } from '../definitions.js';
import type { FunctionNode } from '../ast.js';
import { CLEAN, alternatives, flatMapOrigins, hasOrigin, mix, single, withStep } from '../taint.js';
import type { ParamOrigin, Taint } from '../taint.js';
import type { Path } from './path.js';
import type { Tracer } from './tracer.js';

/** The index of a `param` origin that stands for a method's receiver (`this`), resolved at each call. */
export const THIS = -1;

/** Bound on the base classes followed from a constructed class. */
const MAX_BASES = 8;

/**
 * `this.x` inside a method, getter or constructor: a symbolic value of the receiver, resolved at
 * each call (`photo.keys()` reads `photo`'s `x`), so that a base class's method sees the members
 * of the concrete class constructed at the call (abstract getters, parameter properties).
 */
export function receiverValue(node: ts.Expression, path: Path): Taint {
  const fn = thisBinder(node);
  if (!fn || !ts.isClassLike(fn.parent)) return CLEAN;
  const origin: ParamOrigin = { kind: 'param', fn, index: THIS, path, steps: [], content: true, validated: false };
  return single(origin);
}

/** A call's receiver: `photo` in `photo.keys()`, the new object in `new Photo(…)`. */
export function receiverOf(call: ts.CallExpression | ts.NewExpression): ts.Expression | undefined {
  if (ts.isNewExpression(call)) return call;
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
}

/** Fields of a constructed object followed for its whole value (a response wrapper has a few). */
const MAX_WHOLE_FIELDS = 16;

/**
 * The value at `path` of an object the program constructs (`new Photo(username, photoId)`): the
 * member of the most derived class that defines it (a getter, a field initializer, a constructor
 * parameter property, an assignment in a constructor), with `this` bound to the new object and the
 * constructor's parameters to the arguments (through `super(…)` for a base class's members); the
 * whole object, what its fields hold.
 */
export function constructedValue(flow: Tracer, node: ts.NewExpression, path: Path): Taint | undefined {
  const [name, ...rest] = path;
  // The whole object holds what its fields hold (`new Success(message, item)`), as an object literal does.
  if (name === undefined) {
    const fields = constructedFields(flow.definitions, node).slice(0, MAX_WHOLE_FIELDS);
    return fields.length ? mix(fields.map((field) => constructedValue(flow, node, [field]) ?? CLEAN)) : undefined;
  }
  const chain = classChain(flow.definitions, node.expression);
  if (!chain.length) return undefined;
  const step = { label: `\`${shortName(chain[0]!)}.${name}\``, node };
  const bindThis = (taint: Taint, fn: FunctionNode) => bindReceiver(flow, taint, fn, node);
  for (let level = 0; level < chain.length; level++) {
    const owner = chain[level]!;
    const args = (index: number, argPath: Path) => constructorArgument(flow, node, chain, level, index, argPath);
    const found = memberValue(flow, owner, name, rest, args, bindThis);
    if (found) return withStep(found, step);
  }
  return undefined;
}

function memberValue(
  flow: Tracer,
  owner: ts.ClassLikeDeclaration,
  name: string,
  rest: Path,
  args: (index: number, path: Path) => Taint,
  bindThis: (taint: Taint, fn: FunctionNode) => Taint,
): Taint | undefined {
  const ctor = owner.members.find(
    (member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined,
  );
  const values: Taint[] = [];
  for (const member of owner.members) {
    if (staticName(member.name) !== name || isStatic(member)) continue;
    if (ts.isGetAccessorDeclaration(member) && member.body) return bindThis(flow.returnValue(member, rest), member);
    if (ts.isPropertyDeclaration(member) && member.initializer) values.push(flow.value(member.initializer, rest));
    if (ts.isMethodDeclaration(member) && member.body) return CLEAN;
  }
  if (ctor) {
    ctor.parameters.forEach((parameter, index) => {
      if (ts.isIdentifier(parameter.name) && parameter.name.text === name && isParameterProperty(parameter))
        values.push(args(index, rest));
    });
    for (const statement of ctor.body?.statements ?? []) {
      if (!ts.isExpressionStatement(statement)) continue;
      const write = statement.expression;
      if (!ts.isBinaryExpression(write) || write.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const target = write.left;
      if (
        ts.isPropertyAccessExpression(target) &&
        target.expression.kind === ts.SyntaxKind.ThisKeyword &&
        target.name.text === name
      )
        values.push(bindThis(bindParameters(flow.value(write.right, rest), ctor, args), ctor));
    }
  }
  return values.length ? alternatives(values) : undefined;
}

/**
 * The fields an object the program constructs holds (`new Todo(name, userId)`): those its class
 * and base classes declare (fields, parameter properties) or their constructors assign (`this.userId = userId`).
 */
export function constructedFields(definitions: Definitions, node: ts.NewExpression): string[] {
  const names = new Set<string>();
  for (const owner of classChain(definitions, node.expression))
    for (const member of owner.members) {
      const name = staticName(member.name);
      if (ts.isPropertyDeclaration(member) && name !== undefined && !isStatic(member)) names.add(name);
      if (!ts.isConstructorDeclaration(member) || !member.body) continue;
      for (const parameter of member.parameters)
        if (ts.isIdentifier(parameter.name) && isParameterProperty(parameter)) names.add(parameter.name.text);
      for (const statement of member.body.statements) {
        const write = ts.isExpressionStatement(statement) ? statement.expression : undefined;
        if (!write || !ts.isBinaryExpression(write) || write.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
        const target = write.left;
        if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword)
          names.add(target.name.text);
      }
    }
  return [...names];
}

/** The argument at `index` of the constructor of `chain[level]`: the `new` arguments, or a derived class's `super(…)`. */
function constructorArgument(
  flow: Tracer,
  node: ts.NewExpression,
  chain: readonly ts.ClassLikeDeclaration[],
  level: number,
  index: number,
  path: Path,
): Taint {
  if (level === 0) {
    const argument = node.arguments?.[index];
    return argument && !ts.isSpreadElement(argument) ? flow.value(argument, path) : CLEAN;
  }
  const derived = chain[level - 1]!;
  const ctor = derived.members.find(
    (member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined,
  );
  const outer = (i: number, p: Path) => constructorArgument(flow, node, chain, level - 1, i, p);
  if (!ctor) return outer(index, path);
  const call = superCall(ctor);
  const argument = call?.arguments[index];
  if (!argument || ts.isSpreadElement(argument)) return CLEAN;
  return bindParameters(flow.value(argument, path), ctor, outer);
}

/** Replaces a constructor's symbolic parameters with the arguments it was called with. */
function bindParameters(taint: Taint, fn: FunctionNode, args: (index: number, path: Path) => Taint): Taint {
  if (!hasOrigin(taint, (origin) => origin.kind === 'param' && origin.fn === fn && origin.index >= 0)) return taint;
  return flatMapOrigins(taint, (origin) =>
    origin.kind === 'param' && origin.fn === fn && origin.index >= 0 ? args(origin.index, origin.path) : undefined,
  );
}

/** Replaces a member's symbolic receiver with the value of the object it runs on. */
export function bindReceiver(flow: Tracer, taint: Taint, fn: FunctionNode, receiver: ts.Expression): Taint {
  if (!hasOrigin(taint, (origin) => origin.kind === 'param' && origin.fn === fn && origin.index === THIS)) return taint;
  return flatMapOrigins(taint, (origin) =>
    origin.kind === 'param' && origin.fn === fn && origin.index === THIS
      ? flow.value(receiver, origin.path)
      : undefined,
  );
}

/** The class an expression names (as `new` constructs it) and its base classes, most derived first (the program's own classes only). */
export function classChain(definitions: Definitions, expression: ts.Expression): ts.ClassLikeDeclaration[] {
  const constructed = classDeclaration(definitions, expression);
  return constructed ? withBases(definitions, constructed) : [];
}

/** A class and its base classes, most derived first (the program's own classes only). */
function withBases(definitions: Definitions, owner: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] {
  const chain: ts.ClassLikeDeclaration[] = [];
  let current: ts.ClassLikeDeclaration | undefined = owner;
  while (current && chain.length < MAX_BASES && !chain.includes(current)) {
    chain.push(current);
    const heritage: ts.HeritageClause | undefined = current.heritageClauses?.find(
      (clause) => clause.token === ts.SyntaxKind.ExtendsKeyword,
    );
    const base: ts.Expression | undefined = heritage?.types[0]?.expression;
    current = base ? classDeclaration(definitions, base) : undefined;
  }
  return chain;
}

function classDeclaration(definitions: Definitions, expression: ts.Expression): ts.ClassLikeDeclaration | undefined {
  const declaration = definitions.declarationOf(expression);
  if (declaration && ts.isClassLike(declaration)) return declaration;
  if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const value = declaration.initializer;
    if (ts.isClassExpression(value)) return value;
  }
  return undefined;
}

/**
 * `this.name` in a method of a class: the expression objects of `owner` (by default that class; a
 * derived class when the method is inherited) set the member from (`memberSource`); in a method of
 * an object literal (no `owner` given), the literal's member. `undefined` when it is not such a
 * read or `owner` does not have the method's class among its bases.
 */
export function thisMemberSource(
  definitions: Definitions,
  access: ts.Expression,
  owner?: ts.ClassLikeDeclaration,
): ts.Expression | undefined {
  const node = skipOuter(access);
  if (!ts.isPropertyAccessExpression(node) || node.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  // In a method of an object literal, `this.name` is the literal's own member.
  const literal = owner ? undefined : thisObjectLiteral(node);
  if (literal) {
    const member = findProperty(literal, node.name.text);
    return member && propertyValue(member);
  }
  const declaring = thisBinder(node)?.parent;
  if (!declaring || !ts.isClassLike(declaring)) return undefined;
  const concrete = owner ?? declaring;
  if (!withBases(definitions, concrete).includes(declaring)) return undefined;
  return memberSource(definitions, concrete, node.name.text);
}

/** The class of the object a method is called on: the one a `new` constructs, else the receiver's declared type. */
export function receiverClass(
  definitions: Definitions,
  checker: ts.TypeChecker,
  call: ts.CallExpression | ts.NewExpression,
): ts.ClassLikeDeclaration | undefined {
  const receiver = receiverOf(call);
  if (!receiver) return undefined;
  const node = skipOuter(receiver);
  if (ts.isNewExpression(node)) return classDeclaration(definitions, node.expression);
  return checker
    .getTypeAtLocation(node)
    .getSymbol()
    ?.declarations?.find((declaration): declaration is ts.ClassLikeDeclaration => ts.isClassLike(declaration));
}

/**
 * The expression member `name` of every object of class `owner` is set from, as written: a field
 * initializer, or `this.name = …` in a constructor, followed through the constructor's parameters
 * to what a derived class passes to `super(…)` (`super({ tableName: 'Diagnosis' })` for a base's
 * `this.tableName = opts.tableName`). `undefined` when it is set from a parameter `owner`'s own
 * callers choose, or elsewhere.
 */
function memberSource(
  definitions: Definitions,
  owner: ts.ClassLikeDeclaration,
  name: string,
): ts.Expression | undefined {
  const chain = withBases(definitions, owner);
  for (let level = 0; level < chain.length; level++) {
    const ctor = constructorOf(chain[level]!);
    // The constructor runs after the field initializers: its assignment is the value an object keeps
    // (`tableName = null` in a base class whose constructor sets `this.tableName = tableName`).
    for (const parameter of ctor?.parameters ?? [])
      if (ts.isIdentifier(parameter.name) && parameter.name.text === name && isParameterProperty(parameter))
        return passedAbove(definitions, chain, level, parameter.name);
    for (const statement of ctor?.body?.statements ?? []) {
      const write = ts.isExpressionStatement(statement) ? statement.expression : undefined;
      if (!write || !ts.isBinaryExpression(write) || write.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const target = write.left;
      if (
        ts.isPropertyAccessExpression(target) &&
        target.expression.kind === ts.SyntaxKind.ThisKeyword &&
        target.name.text === name
      )
        return passedAbove(definitions, chain, level, write.right);
    }
    for (const member of chain[level]!.members) {
      if (staticName(member.name) !== name || isStatic(member)) continue;
      if (ts.isPropertyDeclaration(member) && member.initializer) return member.initializer;
      if (ts.isGetAccessorDeclaration(member)) return undefined;
    }
  }
  return undefined;
}

/**
 * A value in the constructor of `chain[level]`: itself, unless it reads one of the constructor's
 * parameters (`tableName`, `opts.tableName`, `{ tableName }`), then the part of the argument the
 * derived class's `super(…)` passes there, as written in an object literal.
 */
function passedAbove(
  definitions: Definitions,
  chain: readonly ts.ClassLikeDeclaration[],
  level: number,
  value: ts.Expression,
): ts.Expression | undefined {
  const path: string[] = [];
  let root = skipOuter(value);
  while (ts.isPropertyAccessExpression(root)) {
    path.unshift(root.name.text);
    root = skipOuter(root.expression);
  }
  const declaration = ts.isIdentifier(root) ? definitions.declarationOf(root) : undefined;
  let parameter: ts.Node | undefined = declaration;
  if (declaration && ts.isBindingElement(declaration)) {
    const binding = bindingPath(declaration);
    if (binding.rest) return undefined;
    path.unshift(...binding.path);
    parameter = binding.holder;
  }
  const ctor = constructorOf(chain[level]!);
  if (!parameter || !ts.isParameter(parameter) || parameter.parent !== ctor) return value;
  if (level === 0) return undefined;
  const derived = constructorOf(chain[level - 1]!);
  let passed: ts.Expression | undefined = derived
    ? superCall(derived)?.arguments[ctor.parameters.indexOf(parameter)]
    : undefined;
  for (const segment of path) {
    const literal = passed && skipOuter(passed);
    const member = literal && ts.isObjectLiteralExpression(literal) ? findProperty(literal, segment) : undefined;
    passed = member && propertyValue(member);
  }
  return passed && !ts.isSpreadElement(passed) ? passedAbove(definitions, chain, level - 1, passed) : undefined;
}

export function constructorOf(owner: ts.ClassLikeDeclaration): ts.ConstructorDeclaration | undefined {
  return owner.members.find(
    (member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined,
  );
}

/** The `super(…)` call of a derived class's constructor. */
export function superCall(ctor: ts.ConstructorDeclaration): ts.CallExpression | undefined {
  for (const statement of ctor.body?.statements ?? []) {
    if (!ts.isExpressionStatement(statement)) continue;
    const call = statement.expression;
    if (ts.isCallExpression(call) && call.expression.kind === ts.SyntaxKind.SuperKeyword) return call;
  }
  return undefined;
}

function isParameterProperty(parameter: ts.ParameterDeclaration): boolean {
  return ts.getModifiers(parameter)?.some((modifier) => PARAMETER_PROPERTY_MODIFIERS.has(modifier.kind)) ?? false;
}

const PARAMETER_PROPERTY_MODIFIERS = new Set([
  ts.SyntaxKind.PublicKeyword,
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.ReadonlyKeyword,
]);

function shortName(owner: ts.ClassLikeDeclaration): string {
  return owner.name?.text ?? 'class';
}
