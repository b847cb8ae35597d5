import ts from 'typescript';
import {
  findProperty,
  isAssignment,
  isFunctionNode,
  memberValue,
  propertyNameOf,
  shortText,
  skipOuter,
} from '../ast.js';
import type { FunctionNode } from '../ast.js';
import type { ComputedWrite, MergedObject, PropertyWrite } from '../definitions.js';
import type { Taint } from '../taint.js';
import { substitute } from './arguments.js';
import type { Path } from './path.js';
import type { Tracer } from './tracer.js';
import { LiveBranches } from './live-branches.js';
import { isArrayLike } from './builtins.js';

/** The call context of a value seen through a call: maps the callee's symbolic parameters to that call's arguments. */
export type CallContext = (taint: Taint) => Taint;
export const NO_CALL_CONTEXT: CallContext = (taint) => taint;

/** An object literal that may be the value of an expression, seen from the expression's function. */
export interface LiteralShape {
  readonly kind: 'literal';
  readonly literal: ts.ObjectLiteralExpression;
  readonly context: CallContext;
  /** Properties set on the object after the literal created it, in source order. */
  readonly writes: readonly PropertyWrite[];
  /** Entries set under computed keys after creation (`names[\`#${k}\`] = k`), in source order. */
  readonly computed?: readonly ComputedWrite[];
  /** Objects merged into it whole after creation (`Object.assign(key, req.params)`), in source order. */
  readonly merged?: readonly MergedObject[];
}
/** The value is (a property path of) a parameter: resolved at each call site. */
export interface ParamShape {
  readonly kind: 'param';
  readonly fn: FunctionNode;
  readonly index: number;
  readonly path: Path;
}
/** The value is not an object literal the engine can see (a request body, an unresolved call). */
export interface OpaqueShape {
  readonly kind: 'opaque';
  readonly node: ts.Expression;
  readonly context: CallContext;
}
export type Shape = LiteralShape | ParamShape | OpaqueShape;

/**
 * The object shapes an expression may have: the literals it is built from (with the writes made
 * to them later), seen through variables, property reads and calls. The DynamoDB readers find an
 * input's `Key` and expressions in them; the exposure rule finds a read's projection.
 */
export class Shapes {
  /** Branches that never run in production: writes inside them do not shape the object. */
  readonly live: LiveBranches;
  /** perf: `surelyHolds` answers, per spread value and property name. */
  private readonly holdsMemo = new Map<ts.Node, Map<string, boolean>>();

  constructor(private readonly flow: Tracer) {
    this.live = new LiveBranches(flow);
  }

  /** The shapes an input object may have: the literals it is built from, seen through calls. */
  of(node: ts.Expression, context: CallContext = NO_CALL_CONTEXT, depth = 0): Shape[] {
    const expression = skipOuter(node);
    if (depth > 12) return [];
    if (ts.isObjectLiteralExpression(expression))
      return [{ kind: 'literal', literal: expression, context, writes: [] }];
    if (ts.isAwaitExpression(expression)) return this.of(expression.expression, context, depth + 1);
    // `params = { … }` (a definition reaching a `let params;` use): the assignment's value is its right
    // side, a step inside the same expression that costs no depth.
    if (isAssignment(expression)) return this.of(expression.right, context, depth);
    if (ts.isConditionalExpression(expression)) {
      return [
        ...this.of(expression.whenTrue, context, depth + 1),
        ...this.of(expression.whenFalse, context, depth + 1),
      ];
    }
    if (ts.isIdentifier(expression)) {
      const declaration = this.flow.definitions.declarationOf(expression);
      if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
        const definitions = this.flow.definitions.reaching(declaration, expression);
        const symbol = this.flow.checker.getSymbolAtLocation(declaration.name);
        const before = (write: { at: ts.Node }) => write.at.end <= expression.pos && !this.live.neverRuns(write.at);
        const writes = symbol ? this.flow.definitions.propertyWrites(symbol, declaration).filter(before) : [];
        const computed = symbol ? this.flow.definitions.computedWrites(symbol, declaration).filter(before) : [];
        const merged = symbol ? this.flow.definitions.mergedObjects(symbol, declaration).filter(before) : [];
        const shapes = definitions
          .filter((definition) => !this.live.neverRuns(definition))
          .flatMap((definition) => this.of(definition, context, depth + 1))
          .map((shape) =>
            shape.kind === 'literal' && writes.length ? { ...shape, writes: [...shape.writes, ...writes] } : shape,
          )
          .map((shape) =>
            shape.kind === 'literal' && computed.length
              ? { ...shape, computed: [...(shape.computed ?? []), ...computed] }
              : shape,
          )
          .map((shape) =>
            shape.kind === 'literal' && merged.length
              ? { ...shape, merged: [...(shape.merged ?? []), ...merged] }
              : shape,
          );
        return shapes.length ? shapes : [{ kind: 'opaque', node: expression, context }];
      }
      if (
        declaration &&
        ts.isParameter(declaration) &&
        ts.isIdentifier(declaration.name) &&
        isFunctionNode(declaration.parent)
      ) {
        if (context !== NO_CALL_CONTEXT) return [{ kind: 'opaque', node: expression, context }];
        return [
          {
            kind: 'param',
            fn: declaration.parent,
            index: declaration.parent.parameters.indexOf(declaration),
            path: [],
          },
        ];
      }
    }
    if (ts.isPropertyAccessExpression(expression)) {
      const holders = this.of(expression.expression, context, depth + 1);
      const name = expression.name.text;
      const out: Shape[] = [];
      for (const holder of holders) {
        if (holder.kind === 'literal') {
          const value = literalMember(holder, name);
          if (value) out.push(...this.of(value, holder.context, depth + 1));
        } else if (holder.kind === 'param') {
          out.push({ ...holder, path: [...holder.path, name] });
        }
      }
      if (out.length) return out;
    }
    if (
      ts.isCallExpression(expression) &&
      expression.arguments[0] &&
      this.flow.calls(expression, this.flow.model.propagators)
    ) {
      return this.of(expression.arguments[0], context, depth + 1);
    }
    if (ts.isCallExpression(expression)) {
      const returned = this.throughReturns(expression, context, depth, (value) =>
        this.of(value, NO_CALL_CONTEXT, depth + 1),
      );
      if (returned.length) return returned;
    }
    return [{ kind: 'opaque', node: expression, context }];
  }
  /**
   * Whether spreading a value surely sets property `name` on the object it is spread into: later
   * properties override earlier ones, so in `{ ...fromDb, ...changes }` a `changes` built by a literal
   * with a `userId` member hides `fromDb.userId`. Every object the value may be must be a literal
   * with a member of that name (its own, a later write of it, or one of its own spreads that surely
   * sets it); anything else (a conditional spread, an opaque object) may not hold it.
   */
  surelyHolds(node: ts.Expression, name: string, depth = 0): boolean {
    let byName = this.holdsMemo.get(node);
    const cached = byName?.get(name);
    if (cached !== undefined) return cached;
    const shapes = depth > 4 ? [] : this.of(node);
    const result =
      shapes.length > 0 &&
      shapes.every(
        (shape) =>
          shape.kind === 'literal' &&
          (shape.literal.properties.some((member) =>
            ts.isSpreadAssignment(member)
              ? this.surelyHolds(member.expression, name, depth + 1)
              : propertyNameOf(member) === name,
          ) ||
            shape.writes.some((write) => write.path.length === 1 && write.path[0] === name)),
      );
    if (!byName) {
      byName = new Map<string, boolean>();
      this.holdsMemo.set(node, byName);
    }
    byName.set(name, result);
    return result;
  }
  /**
   * The shapes of an array's elements: a literal's, what a `.map` callback returns, the receiver's
   * through an element-preserving method (`items.slice(i, i + 25)`), what a helper returns.
   */
  elements(node: ts.Expression, context: CallContext = NO_CALL_CONTEXT, depth = 0): Shape[] {
    const expression = skipOuter(node);
    if (depth > 12) return [];
    if (isAssignment(expression)) return this.elements(expression.right, context, depth);
    if (ts.isArrayLiteralExpression(expression)) {
      return expression.elements.flatMap((element) =>
        ts.isSpreadElement(element)
          ? this.elements(element.expression, context, depth + 1)
          : this.of(element, context, depth + 1),
      );
    }
    if (ts.isCallExpression(expression)) {
      const callee = skipOuter(expression.expression);
      const callback = expression.arguments[0];
      if (
        ts.isPropertyAccessExpression(callee) &&
        (callee.name.text === 'map' || callee.name.text === 'flatMap') &&
        callback
      ) {
        const fn = skipOuter(callback);
        if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
          const returns = this.flow.definitions.returnExpressions(fn);
          return returns.flatMap((returned) => this.of(returned, context, depth + 1));
        }
      }
      const kept = this.keptElements(expression, context, depth);
      if (kept) return kept;
      const returned = this.throughReturns(expression, context, depth, (value) =>
        this.elements(value, NO_CALL_CONTEXT, depth + 1),
      );
      if (returned.length) return returned;
    }
    if (ts.isIdentifier(expression)) {
      const declaration = this.flow.definitions.declarationOf(expression);
      if (declaration && ts.isVariableDeclaration(declaration)) {
        const initial = this.flow.definitions
          .reaching(declaration, expression)
          .flatMap((definition) => this.elements(definition, context, depth + 1));
        return [...initial, ...this.added(declaration, expression, context, depth)];
      }
    }
    return [{ kind: 'opaque', node: expression, context }];
  }
  /**
   * The elements of a library array method's result that are the receiver's own (`slice`, `filter`,
   * `concat`, `reverse`, `sort`, `splice`'s removed elements) and `Array.from(a)`'s: a batch of
   * transaction items holds the items of the list it is cut from. `undefined` when the call is not one.
   */
  private keptElements(call: ts.CallExpression, context: CallContext, depth: number): Shape[] | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || this.flow.definitions.callee(call)?.body) return undefined;
    const receiver = skipOuter(callee.expression);
    const name = callee.name.text;
    if (name === 'from' && ts.isIdentifier(receiver) && receiver.text === 'Array' && call.arguments[0]) {
      const declaration = this.flow.definitions.declarationOf(receiver);
      if (declaration && !declaration.getSourceFile().isDeclarationFile) return undefined;
      // `Array.from(items, mapper)` holds what the mapper returns, not the items.
      return call.arguments.length === 1 ? this.elements(call.arguments[0], context, depth + 1) : undefined;
    }
    if (!ELEMENT_KEEPING.has(name) || !this.isArray(receiver)) return undefined;
    const kept = this.elements(receiver, context, depth + 1);
    if (name !== 'concat') return kept;
    // `a.concat(b, c)`: the elements of each array argument, and each other argument itself.
    const added = call.arguments.flatMap((argument) =>
      this.isArray(argument) ? this.elements(argument, context, depth + 1) : this.of(argument, context, depth + 1),
    );
    return [...kept, ...added];
  }

  /** Whether a value is an array by its type (or has no type to tell). */
  private isArray(node: ts.Expression): boolean {
    return ts.isArrayLiteralExpression(skipOuter(node)) || isArrayLike(this.flow.checker, node);
  }

  /**
   * What a call into a program function yields, read from each value it returns (`read`: the
   * value's own shapes, or its elements for `TransactItems: buildItems(table, body.user)`), with the
   * function's parameters bound to the call's arguments.
   */
  private throughReturns(
    call: ts.CallExpression,
    context: CallContext,
    depth: number,
    read: (returned: ts.Expression) => Shape[],
  ): Shape[] {
    const fn = this.flow.definitions.callee(call);
    if (!fn?.body) return [];
    const inner: CallContext = (taint) => context(substitute(this.flow, taint, call, fn, true));
    const out: Shape[] = [];
    for (const returned of this.flow.definitions.returnExpressions(fn)) {
      for (const shape of read(returned)) {
        if (shape.kind === 'literal' || shape.kind === 'opaque')
          out.push({ ...shape, context: (taint) => inner(shape.context(taint)) });
        else if (shape.fn === fn) out.push(...this.atArgument(call, shape, context, depth));
      }
    }
    return out;
  }

  /**
   * Elements added to an array variable before `use`: `items.push({ … })`, `items.unshift(…)`,
   * `items[0] = { … }` and `items[i] = { … }` (a list of statements or transaction items built up
   * one by one).
   */
  private added(declaration: ts.VariableDeclaration, use: ts.Node, context: CallContext, depth: number): Shape[] {
    const symbol = ts.isIdentifier(declaration.name)
      ? this.flow.checker.getSymbolAtLocation(declaration.name)
      : undefined;
    if (!symbol) return [];
    const definitions = this.flow.definitions;
    const before = (node: ts.Node) => node.getSourceFile() === use.getSourceFile() && node.end <= use.pos;
    const out: Shape[] = [];
    for (const element of definitions.pushedElements(symbol, declaration).filter(before)) {
      const added = ts.isSpreadElement(element)
        ? this.elements(element.expression, context, depth + 1)
        : this.of(element, context, depth + 1);
      out.push(...added);
    }
    for (const write of definitions.propertyWrites(symbol, declaration))
      if (write.path.length === 1 && isIndex(write.path[0]!) && before(write.at))
        out.push(...this.of(write.value, context, depth + 1));
    for (const write of definitions.computedWrites(symbol, declaration))
      if (write.path.length === 0 && before(write.at)) out.push(...this.of(write.value, context, depth + 1));
    return out;
  }

  /** The caller-side shapes of a callee parameter shape, for a call site. */
  atArgument(call: ts.CallExpression | ts.NewExpression, shape: ParamShape, context: CallContext, depth = 0): Shape[] {
    const argument = call.arguments?.[shape.index];
    if (!argument) return [];
    let shapes = this.of(argument, context, depth + 1);
    for (const name of shape.path) {
      shapes = shapes.flatMap((holder): Shape[] => {
        if (holder.kind === 'literal') {
          const value = literalMember(holder, name);
          return value ? this.of(value, holder.context, depth + 1) : [];
        }
        if (holder.kind === 'param') return [{ ...holder, path: [...holder.path, name] }];
        return [holder];
      });
    }
    return shapes;
  }
}

/** Array methods whose result is an array of (some of) the receiver's elements. */
const ELEMENT_KEEPING = new Set(['slice', 'filter', 'concat', 'reverse', 'toReversed', 'sort', 'toSorted', 'splice']);

function isIndex(name: string): boolean {
  return /^\d+$/.test(name);
}

/** A property of an object shape: the last write to it, or the literal's own member. */
export function literalMember(shape: LiteralShape, name: string): ts.Expression | undefined {
  for (let i = shape.writes.length - 1; i >= 0; i--) {
    const write = shape.writes[i]!;
    if (write.path.length === 1 && write.path[0] === name) return write.value;
  }
  const member = findProperty(shape.literal, name);
  return member && memberValue(member);
}

/**
 * Entries added under a property after creation (`params.ExpressionAttributeValues[':s'] = v`); one
 * written under a computed key (`params.Key[k] = v`) is named by its key's text in brackets (`[k]`).
 */
export function nestedWrites(shape: LiteralShape, name: string): { name: string; value: ts.Expression }[] {
  const computed = (shape.computed ?? [])
    .filter((write) => write.path.length === 1 && write.path[0] === name)
    .map((write) => ({ name: `[${shortText(write.key, 30)}]`, value: write.value }));
  return shape.writes
    .filter((write) => write.path.length === 2 && write.path[0] === name)
    .map((write) => ({ name: write.path[1]!, value: write.value }))
    .concat(computed);
}
