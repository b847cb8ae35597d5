import ts from 'typescript';
import { isFunctionNode, shortText, skipOuter, staticName, statementList } from './ast.js';
import { hasOrigin, isClean, single } from './taint.js';
import type { Taint } from './taint.js';
import type { Tracer } from './tracer.js';

/** Two expressions proven equal on some path, or an expression vouched for by a guard call. */
export interface Equality {
  readonly left: ts.Expression;
  readonly right: ts.Expression;
}

/**
 * Path-sensitive facts from the code around a use: early exits (`if (a !== b) return`), the
 * branch a use sits in (`if (a === b) { use }`), and configured guard calls (`assertOwner(u, id)`).
 */
export class Guards {
  private readonly canonicalMemo = new Map<ts.Node, string | null>();

  constructor(private readonly tracer: Tracer) {}

  /**
   * If every path to `use` has checked it equal to a value with no request origin (a principal,
   * or a parameter a caller may bind to one), that value. A value proven equal to the caller's
   * identity is both scoped and validated.
   */
  equalPrincipal(use: ts.Expression): Taint | undefined {
    const key = this.canonical(use);
    if (!key) return undefined;
    for (const fact of this.factsBefore(use)) {
      if ('guardCall' in fact) {
        if (fact.args.some((argument) => this.canonical(argument) === key)) {
          return single({ kind: 'principal', node: fact.guardCall, label: shortText(fact.guardCall, 50) });
        }
        continue;
      }
      const other = this.canonical(fact.left) === key ? fact.right : this.canonical(fact.right) === key ? fact.left : undefined;
      if (!other) continue;
      const taint = this.tracer.value(other);
      if (!isClean(taint) && !hasOrigin(taint, (origin) => origin.kind === 'source' || origin.kind === 'produced')) return taint;
    }
    return undefined;
  }

  /** Equalities that hold wherever execution continues past the exits that follow `node`. */
  equalitiesAfter(node: ts.Node): Equality[] {
    const out: Equality[] = [];
    let child: ts.Node = node;
    for (let parent = node.parent; parent && !isBoundary(parent); child = parent, parent = parent.parent) {
      const statements = statementList(parent);
      if (!statements) continue;
      const index = statements.indexOf(child as ts.Statement);
      for (const statement of statements.slice(index + 1)) {
        for (const fact of this.exitFacts(statement, [])) if (!('guardCall' in fact)) out.push(fact);
      }
    }
    return out;
  }

  private *factsBefore(use: ts.Node): Generator<Equality | GuardCall> {
    const guardNames = this.tracer.model.guardFunctions ?? [];
    let child: ts.Node = use;
    for (let parent = use.parent; parent && !isBoundary(parent); child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent) && child !== parent.expression) {
        yield* this.conditionFacts(parent.expression, child === parent.thenStatement, guardNames);
      } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
        yield* this.conditionFacts(parent.condition, child === parent.whenTrue, guardNames);
      } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === parent.right) {
        yield* this.conditionFacts(parent.left, true, guardNames);
      }
      const statements = statementList(parent);
      if (!statements) continue;
      const index = statements.indexOf(child as ts.Statement);
      for (let i = index - 1; i >= 0; i--) {
        const statement = statements[i]!;
        yield* this.exitFacts(statement, guardNames);
        const call = guardCallOf(statement, guardNames);
        if (call) yield call;
      }
    }
  }

  /**
   * A name for the value an expression denotes, equal for `req.params.id` and a `const { id } =
   * req.params` alias, so a check on one covers uses of the other.
   */
  canonical(expression: ts.Expression): string | undefined {
    const node = skipOuter(expression);
    const cached = this.canonicalMemo.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.canonicalMemo.set(node, null);
    const found = this.computeCanonical(node);
    this.canonicalMemo.set(node, found ?? null);
    return found;
  }

  private computeCanonical(node: ts.Expression): string | undefined {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : staticName(skipOuter(node.argumentExpression));
      const base = name === undefined ? undefined : this.canonical(node.expression);
      return base && `${base}.${name}`;
    }
    if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
    if (!ts.isIdentifier(node)) return undefined;
    const declaration = this.tracer.definitions.declarationOf(node);
    if (!declaration) return undefined;
    const own = `${declaration.getSourceFile().fileName}:${declaration.pos}`;
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && this.neverReassigned(declaration)) {
      return this.canonical(declaration.initializer) ?? own;
    }
    if (ts.isBindingElement(declaration)) {
      const path: string[] = [];
      let current: ts.Node = declaration;
      while (ts.isBindingElement(current)) {
        if (current.dotDotDotToken || current.initializer) return own;
        const pattern: ts.BindingPattern = current.parent;
        path.unshift(ts.isObjectBindingPattern(pattern) ? (staticName(current.propertyName ?? current.name) ?? '*') : String(pattern.elements.indexOf(current)));
        current = pattern.parent;
      }
      if (ts.isVariableDeclaration(current) && current.initializer && (current.parent.flags & ts.NodeFlags.Const) !== 0) {
        const base = this.canonical(current.initializer);
        return base ? `${base}.${path.join('.')}` : own;
      }
      if (ts.isParameter(current)) return `${current.getSourceFile().fileName}:${current.pos}.${path.join('.')}`;
    }
    return own;
  }

  private neverReassigned(declaration: ts.VariableDeclaration): boolean {
    if (declaration.parent.flags & ts.NodeFlags.Const) return true;
    const symbol = ts.isIdentifier(declaration.name) ? this.tracer.checker.getSymbolAtLocation(declaration.name) : undefined;
    return !!symbol && this.tracer.definitions.writes(symbol, declaration).length === 0;
  }

  /** `if (cond) <exit>` lets execution continue only when `cond` is false (and vice versa for else). */
  private *exitFacts(statement: ts.Statement, guardNames: readonly string[]): Generator<Equality | GuardCall> {
    if (!ts.isIfStatement(statement)) return;
    const thenExits = exits(statement.thenStatement);
    const elseExits = statement.elseStatement ? exits(statement.elseStatement) : false;
    if (thenExits && !elseExits) yield* this.conditionFacts(statement.expression, false, guardNames);
    if (elseExits && !thenExits) yield* this.conditionFacts(statement.expression, true, guardNames);
  }

  /** Facts that hold when `condition` evaluates to `holds`. */
  private *conditionFacts(condition: ts.Expression, holds: boolean, guardNames: readonly string[]): Generator<Equality | GuardCall> {
    const node = skipOuter(condition);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      yield* this.conditionFacts(node.operand, !holds, guardNames);
      return;
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if ((operator === ts.SyntaxKind.BarBarToken && !holds) || (operator === ts.SyntaxKind.AmpersandAmpersandToken && holds)) {
        yield* this.conditionFacts(node.left, holds, guardNames);
        yield* this.conditionFacts(node.right, holds, guardNames);
        return;
      }
      // `if (id !== user.sub && user.role !== 'admin') return`: past it, either the ids are equal
      // or the caller holds a privilege. A privilege test of the principal alone authorises too.
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken && !holds) {
        if (this.isPrivilegeTest(node.right)) yield* this.conditionFacts(node.left, false, guardNames);
        else if (this.isPrivilegeTest(node.left)) yield* this.conditionFacts(node.right, false, guardNames);
        return;
      }
      const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
      const notEqual = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
      if ((equal && holds) || (notEqual && !holds)) yield { left: node.left, right: node.right };
      return;
    }
    if (holds) {
      const call = guardCallOfExpression(node, guardNames);
      if (call) yield call;
    }
  }

  /** A condition over the principal and constants only (`user.role !== 'admin'`, `!isAdmin(req.user)`). */
  private isPrivilegeTest(condition: ts.Expression): boolean {
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
      } else if (!ts.isLiteralExpression(node) && node.kind !== ts.SyntaxKind.TrueKeyword && node.kind !== ts.SyntaxKind.FalseKeyword) {
        leaves.push(node);
      }
    };
    collect(condition);
    let principal = false;
    for (const leaf of leaves) {
      const taint = this.tracer.value(leaf);
      if (hasOrigin(taint, (origin) => origin.kind !== 'principal')) return false;
      principal ||= !isClean(taint);
    }
    return principal;
  }
}

interface GuardCall {
  readonly guardCall: ts.CallExpression;
  readonly args: readonly ts.Expression[];
}

/** Guards do not reach across named functions and methods: those run in other contexts. */
function isBoundary(node: ts.Node): boolean {
  return ts.isSourceFile(node) || (isFunctionNode(node) && !ts.isArrowFunction(node) && !ts.isFunctionExpression(node));
}

function guardCallOf(statement: ts.Statement, guardNames: readonly string[]): GuardCall | undefined {
  if (!ts.isExpressionStatement(statement)) return undefined;
  return guardCallOfExpression(statement.expression, guardNames);
}

function guardCallOfExpression(expression: ts.Expression, guardNames: readonly string[]): GuardCall | undefined {
  if (guardNames.length === 0) return undefined;
  let node = skipOuter(expression);
  if (ts.isAwaitExpression(node)) node = skipOuter(node.expression);
  if (!ts.isCallExpression(node)) return undefined;
  const callee = skipOuter(node.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name && guardNames.includes(name) ? { guardCall: node, args: node.arguments } : undefined;
}

/** Whether a statement always leaves the enclosing block: return, throw, continue or break. */
export function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isContinueStatement(statement) || ts.isBreakStatement(statement)) {
    return true;
  }
  if (ts.isBlock(statement)) return statement.statements.some(exits);
  if (ts.isIfStatement(statement)) return !!statement.elseStatement && exits(statement.thenStatement) && exits(statement.elseStatement);
  return false;
}
