import ts from 'typescript';
import { argumentAt, bindingPath, isFunctionNode, skipOuter, staticName, thisObjectLiteral } from '../ast.js';
import type { FunctionNode } from '../ast.js';

/**
 * What the walk asks of the rest of the engine (the tracer gives all of it): the function a call
 * runs and the values it returns, what a factory of the program built for a parameter (a GraphQL
 * resolver's context, built by the server's `context` function), and what a dependency-injection
 * container passes for a constructor's parameter. Read only.
 */
export interface ClientLinks {
  readonly program: ts.Program;
  readonly definitions: {
    callee(call: ts.CallExpression | ts.NewExpression): FunctionNode | undefined;
    callersOf(fn: FunctionNode): readonly (ts.CallExpression | ts.NewExpression)[];
    returnExpressions(fn: FunctionNode): ts.Expression[];
    reaching(declaration: ts.VariableDeclaration, use: ts.Node): ts.Expression[];
    symbolOf(node: ts.Node): ts.Symbol | undefined;
  };
  readonly containers: {
    injectedValues(declaration: ts.Declaration): ts.Expression[];
  };
  readonly requestObjects: {
    builtValues(
      parameter: ts.ParameterDeclaration,
      path: readonly string[],
    ): { value: ts.Expression; rest: readonly string[] }[] | undefined;
  };
}

/** Values visited per question: the walk stops there, whatever it has found. */
const MAX_VISITS = 64;
/** Hops from the receiver: a chain longer than this is not followed. */
const MAX_DEPTH = 12;
/** Callers of one function whose arguments are followed. */
const MAX_CALLERS = 16;
/** A receiver made by more than this many constructions is not asked further. */
const MAX_FOUND = 4;

type Item =
  | { readonly kind: 'value'; readonly node: ts.Expression; readonly path: readonly string[]; readonly depth: number }
  | {
      readonly kind: 'parameter';
      readonly node: ts.ParameterDeclaration;
      readonly path: readonly string[];
      readonly depth: number;
    };

/**
 * The `new` expressions a value was made by, for a client whose type is `any`: through `const`s,
 * object properties, destructuring and `require`d modules; a call is what its callee returns; a
 * parameter is what its callers pass at its position (an object literal's property for a
 * destructured one), or what the program's factory built for it. Bounded (visits, depth, callers)
 * and memoised per program (one instance per `Sites`).
 */
export class ClientConstructions {
  private readonly memo = new Map<ts.Expression, { found: readonly ts.NewExpression[]; crossed: boolean }>();
  /** Whether an answer since `reset()` depended on other files than the asking file's imports (callers, factories). */
  crossedFiles = false;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly links?: () => ClientLinks | undefined,
  ) {}

  /** Starts a file: `crossedFiles` says afterwards whether its answers looked beyond its imports. */
  reset(): void {
    this.crossedFiles = false;
  }

  of(expression: ts.Expression): readonly ts.NewExpression[] {
    let answer = this.memo.get(expression);
    if (!answer) {
      const before = this.crossedFiles;
      this.crossedFiles = false;
      const found = this.walk(expression);
      answer = { found, crossed: this.crossedFiles };
      this.crossedFiles = before;
      this.memo.set(expression, answer);
    }
    if (answer.crossed) this.crossedFiles = true;
    return answer.found;
  }

  private walk(expression: ts.Expression): ts.NewExpression[] {
    const found: ts.NewExpression[] = [];
    const seen = new Map<ts.Node, Set<string>>();
    const queue: Item[] = [{ kind: 'value', node: expression, path: [], depth: 0 }];
    let visits = 0;
    const push = (item: Item) => {
      if (item.depth > MAX_DEPTH) return;
      const key = item.path.join('\0');
      let keys = seen.get(item.node);
      if (!keys) seen.set(item.node, (keys = new Set()));
      if (keys.has(key)) return;
      keys.add(key);
      queue.push(item);
    };
    while (queue.length && visits++ < MAX_VISITS && found.length < MAX_FOUND) {
      const item = queue.shift()!;
      if (item.kind === 'parameter') this.parameter(item.node, item.path, item.depth, push);
      else {
        const made = this.value(item.node, item.path, item.depth, push);
        if (made && !found.includes(made)) found.push(made);
      }
    }
    return found;
  }

  /** One value: a construction (returned), or the values it comes from (pushed). */
  private value(
    expression: ts.Expression,
    path: readonly string[],
    depth: number,
    push: (item: Item) => void,
  ): ts.NewExpression | undefined {
    const node = skipOuter(expression);
    const next = (value: ts.Expression, rest: readonly string[] = path) => {
      push({ kind: 'value', node: value, path: rest, depth: depth + 1 });
    };
    if (ts.isNewExpression(node)) return path.length ? undefined : node;
    if (ts.isAwaitExpression(node)) {
      next(node.expression);
      return undefined;
    }
    if (ts.isConditionalExpression(node)) {
      next(node.whenTrue);
      next(node.whenFalse);
      return undefined;
    }
    if (
      ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
        node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
    ) {
      next(node.left);
      next(node.right);
      return undefined;
    }
    if (ts.isObjectLiteralExpression(node)) {
      const [first, ...rest] = path;
      if (first === undefined) return undefined;
      for (const member of node.properties) {
        if (ts.isPropertyAssignment(member) && staticName(member.name) === first) next(member.initializer, rest);
        else if (ts.isShorthandPropertyAssignment(member) && member.name.text === first) next(member.name, rest);
        else if (ts.isSpreadAssignment(member)) next(member.expression);
      }
      return undefined;
    }
    if (ts.isCallExpression(node)) {
      const links = this.links?.();
      const fn = links?.definitions.callee(node);
      if (!links || !fn) return undefined;
      for (const value of links.definitions.returnExpressions(fn)) next(value);
      return undefined;
    }
    // `this.doc` in a method of an object literal: the literal's member `doc`.
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      const literal = thisObjectLiteral(node);
      if (literal) next(literal);
      return undefined;
    }
    const nameNode = ts.isPropertyAccessExpression(node) ? node.name : ts.isIdentifier(node) ? node : undefined;
    if (!nameNode) return undefined;
    let symbol = this.checker.getSymbolAtLocation(nameNode);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    // An import the checker could not resolve (a path alias only the importing package's config
    // declares, `@/lib/dynamodb`): the program's file that config names (`UnresolvedImports`).
    if (symbol && !symbol.declarations?.length) symbol = this.links?.()?.definitions.symbolOf(nameNode) ?? symbol;
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!declaration) {
      // A property of an untyped object (`ctx.db`): the object's property.
      if (ts.isPropertyAccessExpression(node)) next(node.expression, [node.name.text, ...path]);
      return undefined;
    }
    const holder = ts.isShorthandPropertyAssignment(declaration)
      ? this.checker.getShorthandAssignmentValueSymbol(declaration)?.valueDeclaration
      : declaration;
    if (!holder) return undefined;
    if (
      (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) &&
      holder.initializer
    ) {
      next(holder.initializer);
      return undefined;
    }
    // A JavaScript member declared by its assignment (`this.dynamoDb = new AWS.DynamoDB.DocumentClient()`).
    if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      next(holder.right);
      return undefined;
    }
    if (ts.isParameter(holder)) {
      if (ts.isIdentifier(holder.name)) push({ kind: 'parameter', node: holder, path, depth: depth + 1 });
      return undefined;
    }
    if (ts.isBindingElement(holder)) {
      const { holder: root, path: prefix, rest } = bindingPath(holder);
      if (rest) return undefined;
      const full = [...prefix, ...path];
      if (ts.isParameter(root)) push({ kind: 'parameter', node: root, path: full, depth: depth + 1 });
      else if (ts.isVariableDeclaration(root) && root.initializer) next(root.initializer, full);
    }
    return undefined;
  }

  /** A parameter: what the program's factory built for it, what a container injects, and what its callers pass at its position. */
  private parameter(
    parameter: ts.ParameterDeclaration,
    path: readonly string[],
    depth: number,
    push: (item: Item) => void,
  ): void {
    const links = this.links?.();
    if (!links) return;
    this.crossedFiles = true;
    for (const { value, rest } of links.requestObjects.builtValues(parameter, path) ?? [])
      push({ kind: 'value', node: value, path: rest, depth: depth + 1 });
    for (const value of links.containers.injectedValues(parameter))
      push({ kind: 'value', node: value, path, depth: depth + 1 });
    const fn = parameter.parent;
    if (!isFunctionNode(fn) || parameter.dotDotDotToken) return;
    const index = fn.parameters.indexOf(parameter);
    for (const call of links.definitions.callersOf(fn).slice(0, MAX_CALLERS)) {
      const argument = argumentAt(call, index);
      if (argument) push({ kind: 'value', node: argument, path, depth: depth + 1 });
    }
  }
}
