import ts from 'typescript';
import { argumentAt, argumentSite, isFunctionNode, skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { functionOfDeclaration } from '../definitions.js';
import type { HandedSite } from '../callers.js';
import type { Tracer } from './tracer.js';

const MAX_CALLERS = 32;

/** What a wrapper passes a function it was handed: the argument, the call that handed the function over, and the wrapper. */
export interface PassedArgument {
  readonly argument: ts.Expression;
  readonly call: ts.CallExpression;
  readonly wrapper: FunctionNode;
}
/** Calls of its own parameter a wrapper is searched for, at most. */
const MAX_PARAMETER_CALLS = 16;

/**
 * Functions handed to a wrapper: `wrap(impl)` where `wrap = (handler) => async (event) => {
 * const result = await handler(event); … }`. A call of the wrapper's parameter runs the functions
 * the wrapper's callers pass at that position (`Definitions.callersOf`; bounded). One instance per tracer (per program).
 */
export class PassedFunctions {
  /** perf: the calls of each wrapper parameter, found once per program. */
  private readonly parameterCalls = new Map<ts.ParameterDeclaration, readonly ts.CallExpression[]>();
  private readonly handed = new Map<FunctionNode, readonly HandedSite[]>();

  constructor(private readonly flow: Tracer) {}

  /**
   * The inverse link: a parameter of a function handed to a program function, inline
   * (`wrap(async ({ event, userId }) => …)`) or by any of its names (`wrap(main)`, also where
   * `main` is imported), takes
   * what that function passes where it calls its own parameter at that position (`handler({ event,
   * userId })`): the argument expressions at `index` of those calls (bounded; the wrapper's own
   * parameters in them are read at the call that handed the function over), or `undefined` when the
   * function is handed to no such function.
   */
  argumentsFor(fn: FunctionNode, index: number): readonly PassedArgument[] | undefined {
    let out: PassedArgument[] | undefined;
    for (const { call, position } of this.handedAt(fn)) {
      const wrapper = this.flow.definitions.callee(call);
      const parameter = wrapper?.parameters[position];
      if (!wrapper || !parameter || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name)) continue;
      for (const called of this.callsOfParameter(wrapper, parameter)) {
        const args = called.arguments;
        if (args.slice(0, index + 1).some(ts.isSpreadElement)) continue;
        out ??= [];
        const argument = args[index];
        if (argument) out.push({ argument, call, wrapper });
      }
    }
    return out;
  }

  /** The calls a function is an argument of: where it is written inline, or where its name is passed in its own file. */
  handedAt(fn: FunctionNode): readonly HandedSite[] {
    const cached = this.handed.get(fn);
    if (cached) return cached;
    const inline = argumentSite(fn);
    let found: readonly HandedSite[];
    if (inline) found = inline.call.arguments.slice(0, inline.position).some(ts.isSpreadElement) ? [] : [inline];
    else found = this.flow.definitions.handedAt(fn).slice(0, MAX_CALLERS);
    this.handed.set(fn, found);
    return found;
  }

  /** `handler(…)` in the wrapper's body with `handler` its own parameter (confirmed through the checker; bounded). */
  callsOfParameter(wrapper: FunctionNode, parameter: ts.ParameterDeclaration): readonly ts.CallExpression[] {
    const cached = this.parameterCalls.get(parameter);
    if (cached) return cached;
    const name = (parameter.name as ts.Identifier).text;
    const found: ts.CallExpression[] = [];
    const visit = (node: ts.Node): void => {
      if (found.length >= MAX_PARAMETER_CALLS) return;
      if (ts.isCallExpression(node)) {
        const callee = skipOuter(node.expression);
        if (
          ts.isIdentifier(callee) &&
          callee.text === name &&
          this.flow.definitions.declarationOf(callee) === parameter
        )
          found.push(node);
      }
      ts.forEachChild(node, visit);
    };
    if (wrapper.body) visit(wrapper.body);
    this.parameterCalls.set(parameter, found);
    return found;
  }

  /** `handler(event)` with `handler` a parameter of a function: that function and the parameter's position. */
  parameterCalled(call: ts.CallExpression): { wrapper: FunctionNode; index: number } | undefined {
    const callee = skipOuter(call.expression);
    // perf: the checker is asked only when an enclosing function declares a parameter of that name.
    if (!ts.isIdentifier(callee) || !enclosedByParameterNamed(call, callee.text)) return undefined;
    const declaration = this.flow.definitions.declarationOf(callee);
    if (!declaration || !ts.isParameter(declaration) || declaration.dotDotDotToken) return undefined;
    const wrapper = declaration.parent;
    // A callback handed to another call is called by that call, not by the program's own callers.
    if (!isFunctionNode(wrapper) || ts.isCallExpression(wrapper.parent)) return undefined;
    return { wrapper, index: wrapper.parameters.indexOf(declaration) };
  }

  /** The functions the wrapper's callers pass at `index` (inline, or named by a variable, a declaration or an import). */
  passedAt(wrapper: FunctionNode, index: number): FunctionNode[] {
    const out: FunctionNode[] = [];
    for (const call of this.flow.definitions.callersOf(wrapper).slice(0, MAX_CALLERS)) {
      const argument = argumentAt(call, index);
      if (!argument) continue;
      const fn = this.functionValue(argument);
      if (fn?.body && !out.includes(fn)) out.push(fn);
    }
    return out;
  }

  private functionValue(node: ts.Expression): FunctionNode | undefined {
    const value = skipOuter(node);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
    if (!ts.isIdentifier(value)) return undefined;
    let symbol = this.flow.checker.getSymbolAtLocation(value);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.flow.checker.getAliasedSymbol(symbol);
    for (const declaration of symbol?.declarations ?? []) {
      const fn = functionOfDeclaration(declaration);
      if (fn) return fn;
      if (ts.isExportAssignment(declaration)) {
        const exported = skipOuter(declaration.expression);
        if (ts.isArrowFunction(exported) || ts.isFunctionExpression(exported)) return exported;
      }
    }
    return undefined;
  }
}

function enclosedByParameterNamed(node: ts.Node, name: string): boolean {
  for (let at = node.parent; !ts.isSourceFile(at); at = at.parent) {
    if (isFunctionNode(at) && at.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return true;
  }
  return false;
}
