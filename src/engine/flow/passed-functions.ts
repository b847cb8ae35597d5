import path from 'node:path';
import ts from 'typescript';
import { callerName, descendants, isFunctionNode, ownSourceFiles, skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { functionOfDeclaration } from '../definitions.js';
import type { Tracer } from './tracer.js';

const MAX_CALLERS = 32;
const MAX_CALLS_SCANNED = 4000;

/**
 * Functions handed to a wrapper: `wrap(impl)` where `wrap = (handler) => async (event) => {
 * const result = await handler(event); … }`. A call of the wrapper's parameter runs the functions
 * the wrapper's callers pass at that position (found by the wrapper's name or its module's file
 * name, confirmed through the checker; bounded). One instance per tracer (per program).
 */
export class PassedFunctions {
  private readonly callersMemo = new Map<FunctionNode, readonly ts.CallExpression[]>();

  constructor(private readonly flow: Tracer) {}

  /** `handler(event)` with `handler` a parameter of a function: that function and the parameter's position. */
  parameterCalled(call: ts.CallExpression): { wrapper: FunctionNode; index: number } | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isIdentifier(callee)) return undefined;
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
    for (const call of this.callersOf(wrapper)) {
      const argument = call.arguments[index];
      if (!argument || call.arguments.slice(0, index + 1).some(ts.isSpreadElement)) continue;
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

  private callersOf(wrapper: FunctionNode): readonly ts.CallExpression[] {
    const cached = this.callersMemo.get(wrapper);
    if (cached) return cached;
    const callers: ts.CallExpression[] = [];
    const words = [callerName(wrapper), path.basename(wrapper.getSourceFile().fileName).replace(/\.[^.]*$/, '')].filter(
      (word): word is string => !!word && word !== 'index',
    );
    let scanned = 0;
    outer: for (const file of ownSourceFiles(this.flow.program)) {
      if (!words.some((word) => file.text.includes(word))) continue;
      for (const node of descendants(file)) {
        if (!ts.isCallExpression(node) || !node.arguments.length) continue;
        if (++scanned > MAX_CALLS_SCANNED || callers.length >= MAX_CALLERS) break outer;
        if (this.flow.definitions.callee(node) === wrapper) callers.push(node);
      }
    }
    this.callersMemo.set(wrapper, callers);
    return callers;
  }
}
