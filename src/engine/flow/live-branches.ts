import ts from 'typescript';
import {
  descendants,
  enclosingFunction,
  equalityOf,
  isFunctionNode,
  isWithin,
  skipOuter,
  staticMemberPath,
  statementList,
} from '../ast.js';
import type { Definitions } from '../definitions.js';
import { objectModelsOf } from '../parameter-matchers.js';
import { constantString } from '../strings.js';
import type { Tracer } from './tracer.js';

/** Ancestors looked at above a node, and the depth of a folded condition. */
const MAX_ANCESTORS = 64;
const MAX_FOLD_DEPTH = 8;

/**
 * Branches the program never takes in production: under a condition that folds to a constant
 * (`const userIdPresent = true; if (userIdPresent && req.apiGateway) … else …`). A condition folds
 * through boolean literals, `!`, `&&`, `||`, `const` bindings, comparisons of constant strings, and
 * request-object properties the deployed framework always sets (`RequestObjectModel.present`).
 * Writes inside a dead branch do not reach the access they would otherwise feed.
 */
export class LiveBranches {
  private readonly folded = new Map<ts.Expression, boolean | undefined>();

  constructor(private readonly flow: Tracer) {}

  /** Whether the node lies, within its function, in a branch whose condition rules it out. */
  neverRuns(node: ts.Node): boolean {
    let child = node;
    for (let hop = 0; hop < MAX_ANCESTORS; hop++) {
      const parent = child.parent as ts.Node | undefined;
      if (!parent || isFunctionNode(parent) || ts.isSourceFile(parent)) return false;
      if (ts.isIfStatement(parent) && child !== parent.expression) {
        const truth = this.truth(parent.expression);
        if ((child === parent.thenStatement && truth === false) || (child === parent.elseStatement && truth === true))
          return true;
      } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
        const truth = this.truth(parent.condition);
        if ((child === parent.whenTrue && truth === false) || (child === parent.whenFalse && truth === true))
          return true;
      } else if (ts.isBinaryExpression(parent) && child === parent.right) {
        const operator = parent.operatorToken.kind;
        const truth =
          operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken
            ? this.truth(parent.left)
            : undefined;
        if (
          (operator === ts.SyntaxKind.AmpersandAmpersandToken && truth === false) ||
          (operator === ts.SyntaxKind.BarBarToken && truth === true)
        )
          return true;
      }
      child = parent;
    }
    return false;
  }

  /**
   * Whether a write runs on every path to a later use in the same function: its statement sits in a
   * block that holds the use, directly or under `if`s whose conditions fold to the branch it is in
   * (`if (userIdPresent) req.body.userId = identity;` with `const userIdPresent = true`).
   */
  alwaysRunsBefore(write: ts.Node, use: ts.Node): boolean {
    if (write.getSourceFile() !== use.getSourceFile() || write.end > use.pos) return false;
    let child: ts.Node = write;
    for (let hop = 0; hop < MAX_ANCESTORS; hop++) {
      const parent = child.parent as ts.Node | undefined;
      if (!parent || isFunctionNode(parent)) return false;
      if (statementList(parent)) {
        if (isWithin(use, parent)) return this.sameFunction(use, parent);
      } else if (ts.isIfStatement(parent)) {
        const truth = this.truth(parent.expression);
        if (!(child === parent.thenStatement && truth === true) && !(child === parent.elseStatement && truth === false))
          return false;
      } else if (!ts.isExpressionStatement(parent) && !ts.isParenthesizedExpression(parent)) return false;
      child = parent;
    }
    return false;
  }

  /**
   * The value last written to `holder.name` (`req.body.userId = identity`, `req.body['userId'] = …`)
   * by an assignment that runs on every path to `use`: the property holds it there, not what the
   * object came with (SPEC §4, overwritten properties). `holder` is a chain of static property reads
   * on a variable or parameter.
   */
  overwrite(holder: ts.Expression, name: string, use: ts.Node): ts.Expression | undefined {
    const target = this.chain(holder);
    if (!target) return undefined;
    const fn = enclosingFunction(use);
    let found: ts.BinaryExpression | undefined;
    for (const node of descendants(fn)) {
      if (
        node.end > use.pos ||
        (found && node.pos < found.pos) ||
        !ts.isBinaryExpression(node) ||
        node.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
        enclosingFunction(node) !== fn
      )
        continue;
      const written = this.chain(node.left);
      if (
        written?.root !== target.root ||
        written.path.length !== target.path.length + 1 ||
        written.path[target.path.length] !== name ||
        !target.path.every((segment, index) => written.path[index] === segment)
      )
        continue;
      if (this.alwaysRunsBefore(node, use)) found = node;
    }
    return found?.right;
  }

  /** `req.body.userId` as its root's symbol and `['body', 'userId']`. */
  private chain(node: ts.Expression): { root: ts.Symbol; path: string[] } | undefined {
    const chain = staticMemberPath(node, MAX_FOLD_DEPTH);
    if (!chain || !ts.isIdentifier(chain.base)) return undefined;
    const root = this.flow.checker.getSymbolAtLocation(chain.base);
    return root ? { root, path: chain.path } : undefined;
  }

  private sameFunction(use: ts.Node, block: ts.Node): boolean {
    for (let node: ts.Node = use.parent; node !== block; node = node.parent) if (isFunctionNode(node)) return false;
    return true;
  }

  /** The constant truth of a condition, or `undefined` when it depends on run time. */
  truth(node: ts.Expression, depth = 0): boolean | undefined {
    const expression = skipOuter(node);
    if (this.folded.has(expression)) return this.folded.get(expression);
    // A cycle (`const a = !a`) or a deep chain is unknown.
    this.folded.set(expression, undefined);
    const value = depth > MAX_FOLD_DEPTH ? undefined : this.fold(expression, depth);
    this.folded.set(expression, value);
    return value;
  }

  private fold(expression: ts.Expression, depth: number): boolean | undefined {
    if (expression.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (expression.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
      const operand = this.truth(expression.operand, depth + 1);
      return operand === undefined ? undefined : !operand;
    }
    if (ts.isBinaryExpression(expression)) {
      const operator = expression.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
        const and = operator === ts.SyntaxKind.AmpersandAmpersandToken;
        const left = this.truth(expression.left, depth + 1);
        // `false && x` is false, `true || x` is true, whatever x is.
        if (left === !and) return left;
        const right = this.truth(expression.right, depth + 1);
        if (left === and) return right;
        return right === !and ? right : undefined;
      }
      const comparison = equalityOf(operator);
      if (comparison) {
        const left = constantString(this.flow.definitions, expression.left);
        const right = constantString(this.flow.definitions, expression.right);
        if (!left.complete || !right.complete) return undefined;
        return (left.text === right.text) === (comparison === 'equal');
      }
      return undefined;
    }
    if (ts.isIdentifier(expression)) {
      const initializer = this.flow.definitions.constInitializer(expression);
      return initializer && this.truth(initializer, depth + 1);
    }
    if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression))
      return this.present(expression) ? true : undefined;
    return undefined;
  }

  /** `req.apiGateway` on a request object whose model says the deployed framework always sets it. */
  private present(expression: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
    const chain = staticMemberPath(expression, MAX_FOLD_DEPTH);
    if (!chain || !ts.isIdentifier(chain.base)) return false;
    const { base, path } = chain;
    const models = this.flow.model.requestObjects.filter((model) =>
      model.present?.some((present) => present.length === path.length && present.every((s, i) => s === path[i])),
    );
    if (!models.length) return false;
    return objectModelsOf(this.flow.checker, base, models, (fn) => this.flow.definitions.isCalled(fn)).length > 0;
  }
}

/**
 * A constant fallback (`identity || UNAUTH` with `const UNAUTH = 'UNAUTH'`, `sub ?? 'anonymous'`):
 * one fixed value no client chooses, so it is no alternative of the value it stands in for. The key
 * `identity || 'UNAUTH'` is the caller's partition or the one shared by every unauthenticated caller.
 */
export function isConstantFallback(definitions: Definitions, expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (!ts.isStringLiteralLike(node) && !ts.isNumericLiteral(node) && !ts.isIdentifier(node)) return false;
  return constantString(definitions, node).complete;
}
