import ts from 'typescript';
import { equalityOf, isFunctionNode, shortText, skipOuter } from '../ast.js';
import type { ComputedWrite, Definitions } from '../definitions.js';
import { withStep } from '../taint.js';
import type { Taint } from '../taint.js';
import type { Path } from './path.js';
import type { Tracer } from './tracer.js';

/**
 * Copy loops: an object built by writing, under every key of another object, a value made from
 * that key's entry (`for (const k in item) out[k] = Object.values(item[k])[0]`,
 * `Object.fromEntries(Object.entries(item).map(([k, v]) => [k, f(v)]))`) holds the other object
 * whole, whatever it does to each value: it is as much the item as `unmarshall(item)` is. A loop
 * over a fixed list of names, or one that writes only the key names, copies nothing whole.
 */

/** A name bound, by a loop or an iteration callback, to every key of an object in turn. */
export interface KeyIteration {
  /** The object whose keys are iterated. */
  readonly object: ts.Expression;
  readonly key: ts.Symbol;
  /** The entry's value, when the iteration binds it (`[k, v]` of `Object.entries(o)`). */
  readonly value?: ts.Symbol;
  /** A filter that drops some named keys first: the copy is a deny-list. */
  readonly denyList?: ts.CallExpression;
}

/** Nodes a written value is searched for its entry (bounded: values are small expressions). */
const MAX_VALUE_NODES = 200;
/** Local variables followed from a written value to their initializer (`const v = item[k]; out[k] = v.S`). */
const MAX_LOCAL_DEPTH = 3;
/** Callback methods that call their first argument with each element first. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap']);

/** The value at `path` of a variable's object that copy loops before `use` filled with another object whole. */
export function copiedInto(tracer: Tracer, declaration: ts.VariableDeclaration, use: ts.Node, path: Path): Taint[] {
  // perf: a copy target starts empty (`const out = {}`, `let out`); other variables skip the scope scan.
  const initial = declaration.initializer && skipOuter(declaration.initializer);
  if (!ts.isIdentifier(declaration.name) || (initial && !ts.isObjectLiteralExpression(initial))) return [];
  const symbol = tracer.checker.getSymbolAtLocation(declaration.name);
  if (!symbol) return [];
  const out: Taint[] = [];
  for (const write of tracer.definitions.computedWrites(symbol, declaration)) {
    if (write.path.length || write.at.getSourceFile() !== use.getSourceFile() || write.at.end > use.pos) continue;
    const copied = copiedObject(tracer, write.key, write.value);
    if (copied) out.push(copyOf(tracer, copied, write.at, path));
  }
  return out;
}

/** A write `out[k] = f(o[k])` made for every key of another object: a copy of that object, not one entry. */
export function isCopyWrite(tracer: Tracer, write: ComputedWrite): boolean {
  return !write.path.length && !!copiedObject(tracer, write.key, write.value);
}

/**
 * The object a write `t[k] = f(v)` copies entry by entry (`for (const [k, v] of Object.entries(o))`,
 * `Object.keys(o).forEach((k) => { t[k] = f(o[k]); })`): `t` has `o`'s properties under the same
 * names, each made from `o`'s value there. A deny-list filter drops some names: no such copy.
 */
export function copiedEntries(tracer: Tracer, write: ComputedWrite): ts.Expression | undefined {
  if (write.path.length) return undefined;
  const copied = copiedObject(tracer, write.key, write.value);
  return copied && !copied.denyList ? copied.object : undefined;
}

/** `Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]))`: the result copies `o`. */
export function copiedByEntries(tracer: Tracer, pairs: ts.Expression, path: Path): Taint | undefined {
  const call = skipOuter(pairs);
  if (!ts.isCallExpression(call)) return undefined;
  const callee = skipOuter(call.expression);
  const callback = call.arguments[0];
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'map' || !callback) return undefined;
  if (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback)) return undefined;
  for (const returned of tracer.definitions.returnExpressions(callback)) {
    const pair = skipOuter(returned);
    if (!ts.isArrayLiteralExpression(pair) || pair.elements.length !== 2) continue;
    const [key, value] = pair.elements as unknown as [ts.Expression, ts.Expression];
    const copied = copiedObject(tracer, key, value);
    // The hop is the callback: call hops on an item's way are reserved for deny-lists.
    if (copied) return copyOf(tracer, copied, callback, path);
  }
  return undefined;
}

/**
 * `Object.entries(o).reduce((acc, [k, v]) => ({ ...acc, [k]: f(v) }), {})`,
 * `Object.keys(o).reduce((acc, k) => { acc[k] = f(o[k]); return acc; }, {})`: the result copies `o`.
 */
export function copiedByReduce(tracer: Tracer, callback: ts.Expression, path: Path): Taint | undefined {
  if (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback)) return undefined;
  let count = 0;
  let found: Taint | undefined;
  const visit = (node: ts.Node): void => {
    if (found || ++count > MAX_VALUE_NODES * 2) return;
    if (isFunctionNode(node) && node !== callback) return;
    let key: ts.Expression | undefined;
    let value: ts.Expression | undefined;
    if (ts.isComputedPropertyName(node) && ts.isPropertyAssignment(node.parent)) {
      key = node.expression;
      value = node.parent.initializer;
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isElementAccessExpression(skipOuter(node.left))
    ) {
      key = (skipOuter(node.left) as ts.ElementAccessExpression).argumentExpression;
      value = node.right;
    }
    const copied = key && value ? copiedObject(tracer, key, value) : undefined;
    if (copied) {
      found = copyOf(tracer, copied, node, path);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(callback);
  return found;
}

/** The object a write `[key]: value` copies whole: `key` runs over its keys and `value` is made from that key's entry. */
function copiedObject(tracer: Tracer, key: ts.Expression, value: ts.Expression): KeyIteration | undefined {
  const iteration = keyIteration(tracer, key);
  return iteration && readsEntry(tracer, iteration, value, 0) ? iteration : undefined;
}

/** The copied object's value; a deny-list filter on the way is a call hop, as the rule shows deny-lists. */
function copyOf(tracer: Tracer, copied: KeyIteration, at: ts.Node, path: Path): Taint {
  const value = tracer.value(copied.object, path);
  const filtered = copied.denyList
    ? withStep(value, { label: `${shortText(copied.denyList.expression, 40)}(…)`, node: copied.denyList })
    : value;
  return withStep(filtered, { label: 'a copy of every key', node: at });
}

/**
 * The iteration that binds `key` to every key of an object: `Object.keys(o).forEach(k => …)`
 * (and `map`, `flatMap`, `reduce`), `Object.entries(o)` with `[k, v]`, `for (const k in o)`,
 * `for (const k of Object.keys(o))`, `for (const [k, v] of Object.entries(o))`.
 */
export function keyIteration(tracer: Tracer, key: ts.Expression): KeyIteration | undefined {
  const name = skipOuter(key);
  if (!ts.isIdentifier(name)) return undefined;
  const symbol = tracer.checker.getSymbolAtLocation(name);
  const declaration = tracer.definitions.declarationOf(name);
  if (!symbol || !declaration) return undefined;
  if (ts.isParameter(declaration)) {
    const keys = iterated(tracer.definitions, callbackReceiver(declaration), 'keys');
    return keys && { ...keys, key: symbol };
  }
  if (ts.isBindingElement(declaration)) {
    const pattern = declaration.parent;
    if (!ts.isArrayBindingPattern(pattern) || pattern.elements[0] !== declaration) return undefined;
    const holder = pattern.parent;
    const source = ts.isParameter(holder)
      ? callbackReceiver(holder)
      : ts.isVariableDeclaration(holder)
        ? forOfExpression(holder)
        : undefined;
    const entries = iterated(tracer.definitions, source, 'entries');
    if (!entries) return undefined;
    const second = pattern.elements[1];
    const value =
      second && ts.isBindingElement(second) && ts.isIdentifier(second.name)
        ? tracer.checker.getSymbolAtLocation(second.name)
        : undefined;
    return { ...entries, key: symbol, value };
  }
  if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent)) {
    const loop = declaration.parent.parent;
    if (ts.isForInStatement(loop) && loop.initializer === declaration.parent)
      return { object: loop.expression, key: symbol };
    const keys = iterated(tracer.definitions, forOfExpression(declaration), 'keys');
    return keys && { ...keys, key: symbol };
  }
  return undefined;
}

/** The receiver whose elements a callback parameter receives (`xs.forEach(x => …)`, the element of `reduce`). */
function callbackReceiver(parameter: ts.ParameterDeclaration): ts.Expression | undefined {
  const fn = parameter.parent;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const index = fn.parameters.indexOf(parameter);
  const method = callee.name.text;
  const element = method === 'reduce' ? index === 1 : ELEMENT_CALLBACKS.has(method) && index === 0;
  return element ? callee.expression : undefined;
}

function forOfExpression(declaration: ts.VariableDeclaration): ts.Expression | undefined {
  const list = declaration.parent;
  const loop = ts.isVariableDeclarationList(list) ? list.parent : undefined;
  return loop && ts.isForOfStatement(loop) && loop.initializer === list ? loop.expression : undefined;
}

/** What an iteration runs over: an object's keys, and the filter that drops some of them, if any. */
interface Iterated {
  readonly object: ts.Expression;
  readonly denyList?: ts.CallExpression;
}

/**
 * `o` of `Object.keys(o)` (`keys`) or `Object.entries(o)` (`entries`), with the global `Object`;
 * through a `.filter` that drops named keys (`k !== 'password'`, `!HIDDEN.includes(k)`: a
 * deny-list). A filter that keeps named keys is an allow-list: no copy of the whole object.
 */
function iterated(
  definitions: Definitions,
  expression: ts.Expression | undefined,
  kind: 'keys' | 'entries',
): Iterated | undefined {
  const call = expression && skipOuter(expression);
  if (!call || !ts.isCallExpression(call)) return undefined;
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  if (callee.name.text === 'filter') {
    const inner = iterated(definitions, callee.expression, kind);
    const predicate = call.arguments[0];
    return inner && !inner.denyList && predicate && dropsNamedKeys(predicate, kind)
      ? { object: inner.object, denyList: call }
      : undefined;
  }
  if (!ts.isIdentifier(callee.expression)) return undefined;
  const names = kind === 'keys' ? ['keys', 'getOwnPropertyNames'] : ['entries'];
  if (callee.expression.text !== 'Object' || !names.includes(callee.name.text)) return undefined;
  // Declared by the library (or nowhere): not a program's own `Object`.
  if (definitions.declarationOf(callee.expression)) return undefined;
  const object = call.arguments[0];
  return object && { object };
}

/** A key predicate that keeps every key but some named ones: `k !== 'a' && k !== 'b'`, `!HIDDEN.includes(k)`. */
function dropsNamedKeys(predicate: ts.Expression, kind: 'keys' | 'entries'): boolean {
  if (!ts.isArrowFunction(predicate) && !ts.isFunctionExpression(predicate)) return false;
  const first = predicate.parameters[0]?.name;
  const element = kind === 'entries' && first && ts.isArrayBindingPattern(first) ? first.elements[0] : undefined;
  const keyName = kind === 'keys' ? first : element && ts.isBindingElement(element) ? element.name : undefined;
  if (!keyName || !ts.isIdentifier(keyName)) return false;
  const body = ts.isBlock(predicate.body)
    ? predicate.body.statements.length === 1 && ts.isReturnStatement(predicate.body.statements[0]!)
      ? predicate.body.statements[0].expression
      : undefined
    : predicate.body;
  const isKey = (node: ts.Expression) => {
    const inner = skipOuter(node);
    return ts.isIdentifier(inner) && inner.text === keyName.text;
  };
  const drops = (node: ts.Expression): boolean => {
    const expression = skipOuter(node);
    if (ts.isBinaryExpression(expression)) {
      const operator = expression.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return drops(expression.left) && drops(expression.right);
      if (equalityOf(operator) === 'unequal') return isKey(expression.left) || isKey(expression.right);
      return false;
    }
    if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
      const test = skipOuter(expression.operand);
      return ts.isCallExpression(test) && test.arguments.length === 1 && isKey(test.arguments[0]!);
    }
    return false;
  };
  return !!body && drops(body);
}

/**
 * Whether a written value is made from the iterated key's entry: it reads the entry's value
 * binding, or the object at that key (`o[k]`), directly or through a local variable.
 */
function readsEntry(tracer: Tracer, iteration: KeyIteration, value: ts.Expression, depth: number): boolean {
  const objectText = skipOuter(iteration.object).getText();
  const checker = tracer.checker;
  const locals: ts.Expression[] = [];
  let count = 0;
  const reads = (node: ts.Node): boolean => {
    if (++count > MAX_VALUE_NODES) return false;
    if (ts.isIdentifier(node)) {
      const symbol = checker.getSymbolAtLocation(node);
      if (symbol && symbol === iteration.value) return true;
      const declaration = symbol && depth < MAX_LOCAL_DEPTH ? tracer.definitions.declarationOf(node) : undefined;
      if (
        declaration &&
        ts.isVariableDeclaration(declaration) &&
        declaration.initializer &&
        isWithinLoopOf(declaration, iteration) &&
        !locals.includes(declaration.initializer)
      )
        locals.push(declaration.initializer);
    } else if (ts.isElementAccessExpression(node)) {
      const argument = skipOuter(node.argumentExpression);
      if (
        ts.isIdentifier(argument) &&
        checker.getSymbolAtLocation(argument) === iteration.key &&
        skipOuter(node.expression).getText() === objectText
      )
        return true;
    }
    return ts.forEachChild(node, (child) => (reads(child) ? true : undefined)) ?? false;
  };
  return reads(value) || locals.some((local) => readsEntry(tracer, iteration, local, depth + 1));
}

/** A variable declared inside the body that binds the key (the loop or the callback), so set once per key. */
function isWithinLoopOf(declaration: ts.VariableDeclaration, iteration: KeyIteration): boolean {
  const keyDeclaration = iteration.key.valueDeclaration ?? iteration.key.declarations?.[0];
  if (!keyDeclaration) return false;
  let scope: ts.Node = keyDeclaration.parent;
  while (!isFunctionNode(scope) && !ts.isForInStatement(scope) && !ts.isForOfStatement(scope)) {
    if (ts.isSourceFile(scope)) return false;
    scope = scope.parent;
  }
  return declaration.pos >= scope.pos && declaration.end <= scope.end;
}
