import ts from 'typescript';
import { equalityOf, skipOuter } from '../ast.js';
import type { Tracer } from '../flow/tracer.js';

/**
 * Membership tests: a condition that says a value is in a list, whatever its form — `ids.includes(me)`,
 * `set.has(me)`, a search whose callback compares each element or an attribute of it with the value
 * (`list.some((p) => p.userId === me)`, `find`), or an index search compared with -1
 * (`list.findIndex(…) !== -1`, `ids.indexOf(me) === -1` failing). The guards read them as equalities
 * of the value with the list (`guards/dominators.ts`).
 */

/** Parts of a search callback's conjunction looked into (`(p) => p.userId === me && p.active`). */
const MAX_CONJUNCTS = 4;

/** Methods that look a value up in a list or set (`values`), or search it with a callback (`searches`). */
export interface MembershipMethods {
  readonly values: ReadonlySet<string>;
  readonly searches: ReadonlySet<string>;
}

/** Truthy when the value is found: `ids.includes(me)`, `set.has(me)`, `list.some(cb)`, `list.find(cb)`. */
export const TRUTHY_METHODS: MembershipMethods = {
  values: new Set(['includes', 'has']),
  searches: new Set(['some', 'find']),
};

/** The index the value is found at, -1 when it is not: `ids.indexOf(me)`, `list.findIndex(cb)`. */
export const INDEX_METHODS: MembershipMethods = { values: new Set(['indexOf']), searches: new Set(['findIndex']) };

/**
 * The value a call finds and the list it finds it in, when the call is one of `methods` (as the
 * condition that holds it tests it, see `TRUTHY_METHODS` and `INDEX_METHODS`). Not a literal
 * looked up in a list (`groups.includes('admin')` is a role test), nor a list written in place, nor
 * a substring search (`email.includes(part)`).
 */
export function membershipOf(
  tracer: Tracer,
  call: ts.CallExpression,
  methods: MembershipMethods,
): { value: ts.Expression; list: ts.Expression } | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const [given] = call.arguments;
  if (call.arguments.length !== 1 || !given || ts.isSpreadElement(given)) return undefined;
  const value = methods.values.has(callee.name.text)
    ? given
    : methods.searches.has(callee.name.text)
      ? searchedValue(given)
      : undefined;
  if (!value || ts.isStringLiteralLike(skipOuter(value))) return undefined;
  const list = listRead(tracer, skipOuter(callee.expression));
  if (ts.isArrayLiteralExpression(list)) return undefined;
  const type = tracer.checker.getTypeAtLocation(list);
  if (type.flags & ts.TypeFlags.StringLike) return undefined;
  return { value, list };
}

/**
 * The index search (`list.findIndex(cb)`, `ids.indexOf(me)`, directly or held in a constant) that a
 * comparison says found its value where it evaluates to `holds`: `i !== -1`, `i > -1` or `i >= 0`
 * holding; `i === -1`, `i <= -1` or `i < 0` failing.
 */
export function foundAtIndex(tracer: Tracer, node: ts.BinaryExpression, holds: boolean): ts.CallExpression | undefined {
  const operator = node.operatorToken.kind;
  const bound = integer(node.right);
  const found =
    (bound === -1 &&
      (equalityOf(operator) === (holds ? 'unequal' : 'equal') ||
        operator === (holds ? ts.SyntaxKind.GreaterThanToken : ts.SyntaxKind.LessThanEqualsToken))) ||
    (bound === 0 && operator === (holds ? ts.SyntaxKind.GreaterThanEqualsToken : ts.SyntaxKind.LessThanToken));
  if (!found) return undefined;
  let index = skipOuter(node.left);
  if (ts.isIdentifier(index)) index = skipOuter(tracer.definitions.constInitializer(index) ?? index);
  return ts.isCallExpression(index) ? index : undefined;
}

/** `0`, `-1`: an integer literal, negated or not. */
function integer(expression: ts.Expression): number | undefined {
  const node = skipOuter(expression);
  if (ts.isNumericLiteral(node)) return Number(node.text);
  return ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
    ? -Number(node.operand.text)
    : undefined;
}

/**
 * The list a membership test reads, past an empty fallback, which holds nothing, and a constant
 * holding one: `(party.invitedUsers ?? []).includes(me)`, `const participants = (item?.participants
 * ?? []) as P[]; participants.findIndex(…)` read `party.invitedUsers` and `item?.participants`.
 */
function listRead(tracer: Tracer, list: ts.Expression): ts.Expression {
  const direct = withoutEmptyFallback(list);
  if (direct !== list || !ts.isIdentifier(list)) return direct;
  const initializer = tracer.definitions.constInitializer(list);
  const held = initializer && withoutEmptyFallback(skipOuter(initializer));
  return held && held !== skipOuter(initializer) ? held : list;
}

function withoutEmptyFallback(list: ts.Expression): ts.Expression {
  if (!ts.isBinaryExpression(list)) return list;
  const operator = list.operatorToken.kind;
  const fallback = skipOuter(list.right);
  const empty = ts.isArrayLiteralExpression(fallback) && fallback.elements.length === 0;
  return empty && (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken)
    ? skipOuter(list.left)
    : list;
}

/**
 * `(e) => e === email` (or `email == e`), `(p) => p.userId === me`, `(p) => { return p.userId ===
 * me; }`: the value a search callback compares each element, or a named attribute of it, with. In
 * a conjunction (`(p) => p.userId === me && p.isOwner`) the element found passes every part, so the
 * first part comparing it with a value that is not a literal counts.
 */
function searchedValue(callback: ts.Expression): ts.Expression | undefined {
  const fn = skipOuter(callback);
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters.length !== 1) return undefined;
  const element = fn.parameters[0]!.name;
  if (!ts.isIdentifier(element)) return undefined;
  const body = ts.isBlock(fn.body) ? onlyReturned(fn.body) : skipOuter(fn.body);
  return body && comparedWithElement(body, element.text, 0);
}

/** The value a condition on `element` compares it (or an attribute of it) with, in it or in a part of a conjunction. */
function comparedWithElement(condition: ts.Expression, element: string, depth: number): ts.Expression | undefined {
  const node = skipOuter(condition);
  if (!ts.isBinaryExpression(node)) return undefined;
  if (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    if (depth >= MAX_CONJUNCTS) return undefined;
    return comparedWithElement(node.left, element, depth + 1) ?? comparedWithElement(node.right, element, depth + 1);
  }
  if (equalityOf(node.operatorToken.kind) !== 'equal') return undefined;
  const isElement = (side: ts.Expression): boolean => {
    const inner = skipOuter(side);
    if (ts.isPropertyAccessExpression(inner)) return isElement(inner.expression);
    return ts.isIdentifier(inner) && inner.text === element;
  };
  const mentionsElement = (side: ts.Node): boolean =>
    (ts.isIdentifier(side) && side.text === element) || !!ts.forEachChild(side, mentionsElement);
  const value =
    isElement(node.left) && !mentionsElement(node.right)
      ? node.right
      : isElement(node.right) && !mentionsElement(node.left)
        ? node.left
        : undefined;
  return value && !isLiteral(value) ? value : undefined;
}

/** `'admin'`, `true`, `3`, `null`: a value no caller is. */
function isLiteral(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  return (
    ts.isStringLiteralLike(node) ||
    ts.isNumericLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  );
}

/** The expression a callback body of one return statement returns. */
function onlyReturned(body: ts.Block): ts.Expression | undefined {
  const [statement] = body.statements;
  return body.statements.length === 1 && statement && ts.isReturnStatement(statement) && statement.expression
    ? skipOuter(statement.expression)
    : undefined;
}
