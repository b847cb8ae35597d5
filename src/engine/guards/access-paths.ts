import ts from 'typescript';
import { bindingPath, skipOuter } from '../ast.js';
import type { Definitions } from '../definitions.js';
import type { ValueRef } from './facts.js';

/** Bound on the alias chains followed for an access path. */
const MAX_ACCESS_PATH_DEPTH = 64;

/** Whether the access path `path` is `base` or a part of it (`req.params.id` of `req.params`). */
export function pathWithin(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}.`);
}

/**
 * Access paths (CodeQL's term): a name for the value an expression denotes, equal for
 * `req.params.id` and a `const { id } = req.params` alias, so a check on one covers uses of the other.
 */
export class AccessPaths {
  private readonly memo = new Map<ts.Node, string | null>();
  private depth = 0;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly definitions: Definitions,
  ) {}

  /** The access path of a value reference (a parameter's own position, or an expression's path), with its property path. */
  ofRef(ref: ValueRef): string | undefined {
    const base = ts.isParameter(ref.node) ? `${ref.node.getSourceFile().fileName}:${ref.node.pos}` : this.of(ref.node);
    return base && [base, ...ref.path].join('.');
  }

  /** The access path of an expression, if it names a value (a variable, a parameter, a property of one). */
  of(expression: ts.Expression): string | undefined {
    const node = skipOuter(expression);
    const cached = this.memo.get(node);
    if (cached !== undefined) return cached ?? undefined;
    // Bounded: a 20,000-link alias chain stops being followed (it keeps its own name) long before the stack ends.
    if (this.depth >= MAX_ACCESS_PATH_DEPTH) return undefined;
    this.memo.set(node, null);
    this.depth++;
    let found: string | undefined;
    try {
      found = this.compute(node);
    } finally {
      this.depth--;
    }
    this.memo.set(node, found ?? null);
    return found;
  }

  private compute(node: ts.Expression): string | undefined {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node)
        ? node.name.text
        : this.definitions.elementName(node.argumentExpression);
      const base = name === undefined ? undefined : this.of(node.expression);
      return base && `${base}.${name}`;
    }
    if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
    if (!ts.isIdentifier(node)) return undefined;
    const declaration = this.definitions.declarationOf(node);
    if (!declaration) return undefined;
    const own = `${declaration.getSourceFile().fileName}:${declaration.pos}`;
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && this.neverReassigned(declaration)) {
      return this.of(declaration.initializer) ?? own;
    }
    if (ts.isBindingElement(declaration)) {
      const { holder, path, defaults, rest } = bindingPath(declaration);
      if (rest || defaults.length) return own;
      if (ts.isVariableDeclaration(holder) && holder.initializer && (holder.parent.flags & ts.NodeFlags.Const) !== 0) {
        const base = this.of(holder.initializer);
        return base ? `${base}.${path.join('.')}` : own;
      }
      if (ts.isParameter(holder)) return `${holder.getSourceFile().fileName}:${holder.pos}.${path.join('.')}`;
    }
    return own;
  }

  private neverReassigned(declaration: ts.VariableDeclaration): boolean {
    if (declaration.parent.flags & ts.NodeFlags.Const) return true;
    const symbol = ts.isIdentifier(declaration.name) ? this.checker.getSymbolAtLocation(declaration.name) : undefined;
    return !!symbol && this.definitions.writes(symbol, declaration).length === 0;
  }
}
