import ts from 'typescript';
import { descendants, isFunctionNode, ownSourceFiles, shortText, skipOuter } from './ast.js';
import type { FunctionNode } from './ast.js';
import type { Definitions } from './definitions.js';
import type { HandlerValidationModel, ParameterMatcher, RequestObjectModel } from './model.js';
import { CLEAN, isClean, requestSource, single } from './taint.js';
import type { Sanitization, Taint } from './taint.js';
import { routeSchemaCheck } from './route-schemas.js';
import { validatedByMiddleware } from './handler-middleware.js';
import { isAnyLike, typeMatches } from './types.js';
import type { Specifier } from './types.js';

const ANY = '*';
const MATCHER_PRIORITY: readonly ParameterMatcher['kind'][] = ['decorated', 'exported', 'callback', 'named'];

/**
 * Recognises the request objects of the models (by type first, by shape where the type is `any`)
 * and turns property paths read from them into source or principal origins.
 */
export class RequestObjects {
  /** perf: only paths starting with one of these can mean anything, so others skip the checker. */
  private readonly firstSegments = new Set<string>();
  private readonly methods = new Set<string>();
  private readonly modelMemo = new Map<ts.Node, RequestObjectModel | null>();
  private readonly middlewareMemo = new Map<FunctionNode, boolean>();
  private readonly readTokens: RegExp;
  private assignments: Map<RequestObjectModel, Map<string, ts.Expression[]>> | undefined;
  private assignedNames: Set<string> | undefined;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly definitions: Definitions,
    private readonly models: readonly RequestObjectModel[],
    private readonly program?: ts.Program,
    /** Words of other source forms: decorator names, configured source functions. */
    extraReadWords: readonly string[] = [],
  ) {
    for (const model of models) {
      for (const name of Object.keys(model.sources ?? {})) this.firstSegments.add(name.split('.')[0]!);
      for (const principal of model.principals ?? []) if (principal[0]) this.firstSegments.add(principal[0]);
      for (const name of Object.keys(model.sourceMethods ?? {})) this.methods.add(name);
      for (const name of Object.keys(model.principalMethods ?? {})) this.methods.add(name);
    }
    const words = new Set([...this.firstSegments, ...this.methods, ...extraReadWords]);
    this.readTokens = new RegExp(`\\b(?:${[...words].map(escapeRegExp).join('|')})\\b`);
  }

  /**
   * Whether a file may read a request value at all: a word test on the names the models read
   * (`params`, `pathParameters`, `json`, `Param`, …). Findings are reported where a request value
   * is read, so a file without any of these words has none.
   */
  mayReadRequests(file: ts.SourceFile): boolean {
    return this.readTokens.test(file.text);
  }

  /** `req.params.id` seen as (`req`, ['params', 'id']). */
  atExpression(node: ts.Expression, path: readonly string[]): Taint | undefined {
    if (!path[0] || !this.firstSegments.has(path[0])) return undefined;
    if (!isObjectReference(node)) return undefined;
    const model = this.modelOf(node);
    if (!model) return undefined;
    const taint = classify(model, node, shortText(node, 40), path, this.routeCheck(model, node, path));
    // A property the model does not know may hold what middleware put there: the tracer follows it.
    return isClean(taint) && this.assignedAt(model, path) ? undefined : taint;
  }

  /**
   * Values that middleware put on request objects (`req.userId = req.params.id`,
   * `res.locals.noteId = …`), for a read of such a property elsewhere: each value and the path
   * left to read inside it.
   */
  assigned(
    node: ts.Expression,
    path: readonly string[],
  ): { value: ts.Expression; rest: readonly string[] }[] | undefined {
    if (!path[0] || !isObjectReference(node)) return undefined;
    this.assignedNames ??= this.collectAssignedNames();
    if (!this.assignedNames.has(path[0])) return undefined;
    const model = this.modelOf(node);
    const found = model && this.assignedAt(model, path);
    return found?.values.map((value) => ({ value, rest: path.slice(found.depth) }));
  }

  private assignedAt(
    model: RequestObjectModel,
    path: readonly string[],
  ): { values: ts.Expression[]; depth: number } | undefined {
    this.assignedNames ??= this.collectAssignedNames();
    if (!this.assignedNames.has(path[0]!)) return undefined;
    this.assignments ??= this.collectAssignments();
    const byPath = this.assignments.get(model);
    for (let depth = path.length; depth > 0; depth--) {
      const values = byPath?.get(path.slice(0, depth).join('.'));
      if (values) return { values, depth };
    }
    return undefined;
  }

  /** perf: property names assigned anywhere, so most reads skip the type-checked index. */
  private collectAssignedNames(): Set<string> {
    const names = new Set<string>();
    this.forEachPropertyAssignment((chain) => {
      for (const name of chain.path) names.add(name);
    });
    return names;
  }

  private collectAssignments(): Map<RequestObjectModel, Map<string, ts.Expression[]>> {
    const index = new Map<RequestObjectModel, Map<string, ts.Expression[]>>();
    this.forEachPropertyAssignment(({ base, path, value }) => {
      // `res.locals.x = v` is keyed `locals.x` under the response object.
      const model = this.modelOf(base);
      if (!model) return;
      const key = path.join('.');
      let byPath = index.get(model);
      if (!byPath) index.set(model, (byPath = new Map<string, ts.Expression[]>()));
      byPath.set(key, [...(byPath.get(key) ?? []), value]);
    });
    return index;
  }

  private forEachPropertyAssignment(
    visit: (chain: { base: ts.Expression; path: string[]; value: ts.Expression }) => void,
  ): void {
    for (const file of ownSourceFiles(this.program)) {
      for (const node of descendants(file)) {
        if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
        const path: string[] = [];
        let target = skipOuter(node.left);
        while (ts.isPropertyAccessExpression(target)) {
          path.unshift(target.name.text);
          target = skipOuter(target.expression);
        }
        if (path.length && isObjectReference(target)) visit({ base: target, path, value: node.right });
      }
    }
  }

  /** A (possibly destructured) parameter that is a request object. */
  atParameter(parameter: ts.ParameterDeclaration, path: readonly string[]): Taint | undefined {
    if (!path[0] || !this.firstSegments.has(path[0])) return undefined;
    const model = this.modelOf(parameter);
    if (!model) return undefined;
    const label = ts.isIdentifier(parameter.name) ? parameter.name.text : '';
    return classify(model, parameter, label, path, this.routeCheck(model, parameter, path));
  }

  private validatedHandler(model: HandlerValidationModel, fn: FunctionNode): boolean {
    let validated = this.middlewareMemo.get(fn);
    if (validated === undefined)
      this.middlewareMemo.set(fn, (validated = validatedByMiddleware(this.checker, this.definitions, model, fn)));
    return validated;
  }

  /** A request part that the route's schema or the handler's middleware validated before the handler ran. */
  private routeCheck(model: RequestObjectModel, node: ts.Node, path: readonly string[]): Sanitization | undefined {
    if (!model.routeSchema && !model.handlerValidation) return undefined;
    const parameter = ts.isParameter(node) ? node : parameterOf(this.checker, node);
    if (!parameter || !isFunctionNode(parameter.parent)) return undefined;
    if (model.handlerValidation && this.validatedHandler(model.handlerValidation, parameter.parent)) return 'validated';
    return (
      model.routeSchema &&
      routeSchemaCheck(
        this.definitions,
        model.routeSchema,
        parameter,
        path.filter((segment) => segment !== ANY),
      )
    );
  }

  /** `req.get('x-tenant')`, `c.req.param('id')`, `await request.json()`; `c.get('jwtPayload')`. */
  atMethodCall(call: ts.CallExpression): Taint | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !this.methods.has(callee.name.text)) return undefined;
    const model = this.modelOf(callee.expression);
    if (!model) return undefined;
    const method = callee.name.text;
    const first = call.arguments[0] && skipOuter(call.arguments[0]);
    const principalKeys = model.principalMethods?.[method];
    if (principalKeys && first && ts.isStringLiteralLike(first) && principalKeys.includes(first.text)) {
      return single({ kind: 'principal', node: call, label: shortText(call, 50) });
    }
    const sourceType = model.sourceMethods?.[method];
    if (!sourceType) return undefined;
    const label = shortText(call, 50);
    return requestSource(call, label, sourceType, model.validatedMethods?.includes(method) ? 'validated' : undefined);
  }

  private modelOf(node: ts.Node): RequestObjectModel | undefined {
    const cached = this.modelMemo.get(node);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.findModel(node);
    this.modelMemo.set(node, found ?? null);
    return found;
  }

  private findModel(node: ts.Node): RequestObjectModel | undefined {
    return objectModelOf(this.checker, node, this.models);
  }
}

/**
 * The model of a framework object an expression or parameter is: by its type through the checker,
 * else by the parameter's shape (decorator, exported handler, registrar callback, name).
 */
export function objectModelOf<
  M extends { readonly types: readonly Specifier[]; readonly parameters?: readonly ParameterMatcher[] },
>(checker: ts.TypeChecker, node: ts.Node, models: readonly M[]): M | undefined {
  const type = checker.getTypeAtLocation(node);
  const untyped = isAnyLike(type);
  if (!untyped) {
    const typed = models.find((model) => typeMatches(checker, type, model.types));
    if (typed) return typed;
  }
  const parameter = ts.isParameter(node) ? node : parameterOf(checker, node);
  if (!parameter) return undefined;
  // The most specific evidence first: a decorator or an exported handler name beats a parameter name.
  for (const kind of MATCHER_PRIORITY) {
    const found = models.find((model) =>
      model.parameters?.some((matcher) => matcher.kind === kind && matchesParameter(parameter, matcher, untyped)),
    );
    if (found) return found;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isObjectReference(node: ts.Expression): boolean {
  return (
    ts.isIdentifier(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isCallExpression(node) ||
    node.kind === ts.SyntaxKind.ThisKeyword
  );
}

function parameterOf(checker: ts.TypeChecker, node: ts.Node): ts.ParameterDeclaration | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
  return declaration && ts.isParameter(declaration) ? declaration : undefined;
}

/**
 * Shape-based recognition. `callback` and `named` apply only where the type is `any` (plain
 * JavaScript); `exported` and `decorated` say what the parameter is whatever its declared type.
 */
function matchesParameter(parameter: ts.ParameterDeclaration, matcher: ParameterMatcher, untyped: boolean): boolean {
  const fn = parameter.parent;
  if (!isFunctionNode(fn)) return false;
  const index = fn.parameters.indexOf(parameter);
  switch (matcher.kind) {
    case 'callback': {
      if (!untyped || index !== matcher.index) return false;
      if (matcher.names && !(ts.isIdentifier(parameter.name) && matcher.names.includes(parameter.name.text)))
        return false;
      const call = fn.parent;
      if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
      const callee = skipOuter(call.expression);
      return ts.isPropertyAccessExpression(callee) && matcher.registrars.includes(callee.name.text);
    }
    case 'named':
      return (
        untyped &&
        index === matcher.index &&
        ts.isIdentifier(parameter.name) &&
        matcher.names.includes(parameter.name.text)
      );
    case 'exported':
      return index === matcher.index && isExportedAs(fn, matcher.functions);
    case 'decorated':
      return decoratorNames(parameter).some((name) => matcher.decorators.includes(name));
  }
}

/** `export async function GET(…)`, `export const GET = …`. */
function isExportedAs(fn: FunctionNode, names: readonly string[]): boolean {
  if (ts.isFunctionDeclaration(fn)) {
    return (
      !!fn.name &&
      names.includes(fn.name.text) &&
      !!ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
    );
  }
  const holder = fn.parent;
  if (!ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name) || !names.includes(holder.name.text))
    return false;
  const statement = holder.parent.parent;
  return (
    ts.isVariableStatement(statement) &&
    !!ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
  );
}

/** The names of a node's decorators (`@Param('id')` → `Param`, `@Controller()` → `Controller`). */
export function decoratorNames(node: ts.Node): string[] {
  const decorators = ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
  return decorators.flatMap((decorator) => {
    const expression = skipOuter(decorator.expression);
    const callee = ts.isCallExpression(expression) ? skipOuter(expression.expression) : expression;
    return ts.isIdentifier(callee) ? [callee.text] : ts.isPropertyAccessExpression(callee) ? [callee.name.text] : [];
  });
}

function classify(
  model: RequestObjectModel,
  node: ts.Node,
  base: string,
  path: readonly string[],
  checked?: Sanitization,
): Taint {
  const shown = path.filter((segment) => segment !== ANY);
  for (const principal of model.principals ?? []) {
    if (principal.every((segment, i) => path[i] === segment)) {
      const label = [base, ...principal].filter(Boolean).join('.');
      return single({ kind: 'principal', node, label });
    }
  }
  let sourceType: string | undefined;
  for (let depth = path.length; depth > 0 && !sourceType; depth--)
    sourceType = model.sources?.[path.slice(0, depth).join('.')];
  if (!sourceType) return CLEAN;
  const label = [base, ...shown].filter(Boolean).join('.');
  return requestSource(node, label, sourceType, checked);
}
