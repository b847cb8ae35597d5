import ts from 'typescript';
import { skipOuter } from './ast.js';
import type { Taint } from './taint.js';
import { concatenationOperands } from './ast.js';
import type { Tracer } from './flow/tracer.js';

/** Bounds the walk back through variables, arrays and helpers. */
const MAX_DEPTH = 8;
const MAX_VISITS = 200;

/**
 * Where client text joins constant text in a string: the template interpolations, concatenation
 * operands, `+=` pieces and array elements later `join`ed whose value `carries` a flow. The walk
 * goes back through variables assembled over several statements, arrays filled with `push`,
 * `map` callbacks and helpers' return values; a value that is the client text as a whole has none.
 */
export function splicePoints(tracer: Tracer, node: ts.Expression, carries: (taint: Taint) => boolean): ts.Expression[] {
  const seen = new Set<ts.Node>();
  let visits = 0;
  const tainted = (piece: ts.Expression) => carries(tracer.value(piece));

  /** Pieces joined with constant text: each tainted one is a splice, or holds the splices inside it. */
  const pieces = (parts: readonly ts.Expression[], depth: number): ts.Expression[] =>
    parts.filter(tainted).flatMap((part) => {
      const inner = visit(part, depth + 1);
      return inner.length ? inner : [part];
    });

  const visit = (raw: ts.Expression, depth: number): ts.Expression[] => {
    const expression = skipOuter(raw);
    if (depth > MAX_DEPTH || ++visits > MAX_VISITS || seen.has(expression)) return [];
    seen.add(expression);
    if (ts.isTemplateExpression(expression))
      return pieces(
        expression.templateSpans.map((span) => span.expression),
        depth,
      );
    if (ts.isBinaryExpression(expression)) {
      const operator = expression.operatorToken.kind;
      if (operator === ts.SyntaxKind.PlusToken) return pieces(concatenationOperands(expression), depth);
      if (operator === ts.SyntaxKind.PlusEqualsToken) return pieces([expression.right], depth);
      if (operator === ts.SyntaxKind.EqualsToken) return visit(expression.right, depth + 1);
      if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
        return [...visit(expression.left, depth + 1), ...visit(expression.right, depth + 1)];
      }
      return [];
    }
    if (ts.isConditionalExpression(expression))
      return [...visit(expression.whenTrue, depth + 1), ...visit(expression.whenFalse, depth + 1)];
    if (ts.isIdentifier(expression)) {
      const declaration = tracer.definitions.declarationOf(expression);
      if (!declaration || !ts.isVariableDeclaration(declaration)) return [];
      return tracer.definitions.reaching(declaration, expression).flatMap((definition) => visit(definition, depth + 1));
    }
    if (ts.isCallExpression(expression)) return callPieces(expression, depth);
    return [];
  };

  /** `parts.join(' AND ')`, `fields.map((f) => \`#${f}\`).join(', ')`, a helper's returned string. */
  const callPieces = (call: ts.CallExpression, depth: number): ts.Expression[] => {
    const callee = skipOuter(call.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'join')
      return pieces(elementsOf(callee.expression, depth), depth);
    const fn = tracer.definitions.callee(call);
    if (!fn?.body) return [];
    const returned = tracer.definitions.returnExpressions(fn);
    return returned.flatMap((expression) => visit(expression, depth + 1));
  };

  /** The element expressions of an array: literal elements, pushed elements, a `map` callback's result. */
  const elementsOf = (raw: ts.Expression, depth: number): ts.Expression[] => {
    const array = skipOuter(raw);
    if (depth > MAX_DEPTH) return [];
    if (ts.isArrayLiteralExpression(array))
      return array.elements.map((element) => (ts.isSpreadElement(element) ? element.expression : element));
    if (ts.isIdentifier(array)) {
      const declaration = tracer.definitions.declarationOf(array);
      const symbol =
        declaration && ts.isVariableDeclaration(declaration)
          ? tracer.checker.getSymbolAtLocation(declaration.name)
          : undefined;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !symbol) return [];
      const pushed = tracer.definitions
        .pushedElements(symbol, declaration)
        .filter((element) => element.end <= array.pos);
      return [
        ...tracer.definitions.reaching(declaration, array).flatMap((definition) => elementsOf(definition, depth + 1)),
        ...pushed,
      ];
    }
    if (ts.isCallExpression(array)) {
      const callee = skipOuter(array.expression);
      const callback = array.arguments[0] && skipOuter(array.arguments[0]);
      if (
        ts.isPropertyAccessExpression(callee) &&
        callback &&
        (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))
      ) {
        if (callee.name.text === 'map' || callee.name.text === 'flatMap') {
          return tracer.definitions.returnExpressions(callback);
        }
        if (callee.name.text === 'filter') return elementsOf(callee.expression, depth + 1);
      }
    }
    return [raw];
  };

  return visit(node, 0);
}

/**
 * Whether a splice sits where the expression names an attribute: right after a `#` of the constant
 * text before it (`` `#${key} = :v${i}` ``, `'#' + key`). The client then picks attribute names,
 * which no `:placeholder` can bind; only an allow-list of names helps.
 */
export function splicesName(splice: ts.Expression): boolean {
  const parent = splice.parent;
  if (ts.isTemplateSpan(parent)) {
    const template = parent.parent;
    const index = template.templateSpans.indexOf(parent);
    const before = index === 0 ? template.head.text : template.templateSpans[index - 1]!.literal.text;
    return NAME_PREFIX.test(before);
  }
  if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.PlusToken &&
    parent.right === splice
  ) {
    // `'#' + key`, or `prefix + '#' + key`: the constant text right before the splice.
    const left = skipOuter(parent.left);
    const before = ts.isBinaryExpression(left) ? skipOuter(left.right) : left;
    return ts.isStringLiteralLike(before) && NAME_PREFIX.test(before.text);
  }
  return false;
}
/** Constant text that ends in an attribute name placeholder's `#` (and any constant start of its name). */
const NAME_PREFIX = /#\w*$/;
