import ts from 'typescript';
import { isFunctionNode, shortText, skipOuter } from './ast.js';
import type { RequestObjectModel } from './model.js';
import { CLEAN, single } from './taint.js';
import type { Taint } from './taint.js';
import { isAnyLike, typeMatches } from './types.js';

const ANY = '*';

/**
 * Recognises the request objects of the models (by type first, by shape where the type is `any`)
 * and turns property paths read from them into source or principal origins.
 */
export class RequestObjects {
  /** perf: only paths starting with one of these can mean anything, so others skip the checker. */
  private readonly firstSegments = new Set<string>();
  private readonly methods = new Set<string>();
  private readonly modelMemo = new Map<ts.Node, RequestObjectModel | null>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly models: readonly RequestObjectModel[],
  ) {
    for (const model of models) {
      for (const name of Object.keys(model.sources ?? {})) this.firstSegments.add(name);
      for (const principal of model.principals ?? []) if (principal[0]) this.firstSegments.add(principal[0]);
      for (const name of Object.keys(model.sourceMethods ?? {})) this.methods.add(name);
    }
  }

  /** `req.params.id` seen as (`req`, ['params', 'id']). */
  atExpression(node: ts.Expression, path: readonly string[]): Taint | undefined {
    if (!path[0] || !this.firstSegments.has(path[0])) return undefined;
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node) && !ts.isCallExpression(node) && node.kind !== ts.SyntaxKind.ThisKeyword) {
      return undefined;
    }
    const model = this.modelOf(node);
    return model ? classify(model, node, shortText(node, 40), path) : undefined;
  }

  /** A (possibly destructured) parameter that is a request object. */
  atParameter(parameter: ts.ParameterDeclaration, path: readonly string[]): Taint | undefined {
    if (!path[0] || !this.firstSegments.has(path[0])) return undefined;
    const model = this.modelOf(parameter);
    if (!model) return undefined;
    const label = ts.isIdentifier(parameter.name) ? parameter.name.text : '';
    return classify(model, parameter, label, path);
  }

  /** `req.get('x-tenant')`, `req.header('…')`, `req.param('id')`. */
  atMethodCall(call: ts.CallExpression): Taint | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !this.methods.has(callee.name.text)) return undefined;
    const model = this.modelOf(callee.expression);
    const sourceType = model?.sourceMethods?.[callee.name.text];
    if (!sourceType) return undefined;
    return single({ kind: 'source', node: call, label: shortText(call, 50), sourceType, steps: [{ label: `\`${shortText(call, 50)}\``, node: call }], content: true });
  }

  private modelOf(node: ts.Node): RequestObjectModel | undefined {
    const cached = this.modelMemo.get(node);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.findModel(node);
    this.modelMemo.set(node, found ?? null);
    return found;
  }

  private findModel(node: ts.Node): RequestObjectModel | undefined {
    const type = this.checker.getTypeAtLocation(node);
    if (!isAnyLike(type)) return this.models.find((model) => typeMatches(this.checker, type, model.types));
    const parameter = ts.isParameter(node) ? node : parameterOf(this.checker, node);
    if (!parameter) return undefined;
    return this.models.find((model) => model.untyped && matchesUntyped(parameter, model));
  }
}

function parameterOf(checker: ts.TypeChecker, node: ts.Node): ts.ParameterDeclaration | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
  return declaration && ts.isParameter(declaration) ? declaration : undefined;
}

/** `app.get('/x', (req, res) => …)`, or a function whose parameters are named like a handler's. */
function matchesUntyped(parameter: ts.ParameterDeclaration, model: RequestObjectModel): boolean {
  const untyped = model.untyped!;
  const fn = parameter.parent;
  if (!isFunctionNode(fn) || fn.parameters.indexOf(parameter) !== untyped.index) return false;
  const call = fn.parent;
  if (ts.isCallExpression(call) && call.arguments.includes(fn as ts.Expression)) {
    const callee = skipOuter(call.expression);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    return method !== undefined && untyped.registrars.includes(method);
  }
  return ts.isIdentifier(parameter.name) && untyped.names.includes(parameter.name.text);
}

function classify(model: RequestObjectModel, node: ts.Node, base: string, path: readonly string[]): Taint {
  const shown = path.filter((segment) => segment !== ANY);
  for (const principal of model.principals ?? []) {
    if (principal.every((segment, i) => path[i] === segment)) {
      const label = [base, ...principal].filter(Boolean).join('.');
      return single({ kind: 'principal', node, label });
    }
  }
  const sourceType = model.sources?.[path[0]!];
  if (!sourceType) return CLEAN;
  const label = [base, ...shown].filter(Boolean).join('.');
  return single({ kind: 'source', node, label, sourceType, steps: [{ label: `\`${label}\``, node }], content: true });
}
