import ts from 'typescript';
import { descendants, isAssignment, isFunctionNode, isWithin, ownSourceFiles, skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import type { Definitions } from '../definitions.js';
import { builderArguments } from '../declared-inputs.js';
import type { RequestObjectModel } from '../model.js';
import type { PassedFunctions } from '../flow/passed-functions.js';

/** Export-object members followed to the function they name. */
const MAX_EXPORT_HOPS = 3;

/** A route registration (`router.get(path, gate, handler)`) and the position of the handler in it. */
interface Registration {
  readonly call: ts.CallExpression;
  readonly position: number;
}

/** `router.use(middleware, …)` with no path, and the variable it is called on. */
interface PathlessUse {
  readonly call: ts.CallExpression;
  readonly router: ts.Declaration;
}

/**
 * The route-middleware index: which functions a route registration runs before each handler, and
 * the middleware a procedure's builder chain runs before its resolver (`t.procedure.use(fn)`).
 */
export class RouteMiddleware {
  private index: Map<FunctionNode, Registration[]> | undefined;
  /** Per file, its pathless `use` calls (`usesIn`). */
  private readonly uses = new Map<ts.SourceFile, readonly PathlessUse[]>();
  /** Builder methods that add a procedure middleware (`use`): from the request models. */
  private readonly procedureMethods: ReadonlySet<string>;
  private readonly procedures = new Map<FunctionNode, readonly FunctionNode[]>();

  constructor(
    private readonly definitions: Definitions,
    /** Where a wrapper calls the function it is handed (`wrappedFunction`). */
    private readonly passed: PassedFunctions,
    private readonly program: ts.Program | undefined,
    /** Method names that register routes (`get`, `post`, `use`): from the request models' callback matchers. */
    private readonly registrars: ReadonlySet<string>,
    models: readonly RequestObjectModel[] = [],
  ) {
    this.procedureMethods = new Set(models.flatMap((model) => model.procedureMiddleware ?? []));
  }

  /**
   * For each route registration passing `handler`, the functions registered before it; for a
   * procedure's resolver, the middleware its builder chain adds.
   */
  before(handler: FunctionNode): FunctionNode[][] {
    const chains = this.argumentsBefore(handler).map((chain) => this.functionsOf(chain));
    const procedure = this.procedureMiddleware(handler);
    return procedure.length ? [...chains, [...procedure]] : chains;
  }

  /** The functions a list of middleware arguments names (an argument that names none is left out). */
  private functionsOf(list: readonly ts.Expression[]): FunctionNode[] {
    return list.flatMap((argument) => {
      const fn = this.functionOf(argument);
      return fn ? [fn] : [];
    });
  }

  /** `protectedProcedure.query(resolver)` with `protectedProcedure = t.procedure.use(fn)`: `fn`, kept per resolver. */
  private procedureMiddleware(handler: FunctionNode): readonly FunctionNode[] {
    let found = this.procedures.get(handler);
    if (!found) {
      found = [...this.procedureMethods].flatMap((method) =>
        this.functionsOf(builderArguments(this.definitions, method, handler)),
      );
      this.procedures.set(handler, found);
    }
    return found;
  }

  /** For each route registration passing `handler`, the arguments before it (`requireRole('admin')` included). */
  argumentsBefore(handler: FunctionNode): ts.Expression[][] {
    return this.registrationsOf(handler).map(({ call, position }) => call.arguments.slice(0, position));
  }

  /**
   * For each route registration passing `handler`, the middleware its router or app was given by
   * `use` without a path before that registration (`router.use(protectAdmin, requireSuperAdmin);
   * router.get('/:id', handler)`): Express runs it before every route registered after it.
   */
  usedBefore(handler: FunctionNode): ts.Expression[][] {
    return this.registrationsOf(handler).map(({ call }) => {
      const callee = skipOuter(call.expression);
      const router = ts.isPropertyAccessExpression(callee) ? this.receiverOf(callee) : undefined;
      if (!router) return [];
      return this.usesIn(call.getSourceFile())
        .filter((use) => use.call.end <= call.pos && use.router === router)
        .flatMap((use) => use.call.arguments);
    });
  }

  /** The registrations passing `handler`, and where in each. */
  private registrationsOf(handler: FunctionNode): readonly Registration[] {
    const direct = handler.parent;
    if (ts.isCallExpression(direct) && direct.arguments.includes(handler as ts.Expression)) {
      if (this.isRegistration(direct))
        return [{ call: direct, position: direct.arguments.indexOf(handler as ts.Expression) }];
      // A handler a wrapper runs is registered wherever the wrapper's result is.
      if (this.wrappedFunction(direct) !== handler) return [];
    } else if (
      !ts.isFunctionDeclaration(handler) &&
      !ts.isVariableDeclaration(handler.parent) &&
      !(ts.isBinaryExpression(handler.parent) && ts.isPropertyAccessExpression(handler.parent.left))
    )
      return [];
    this.index ??= this.buildIndex();
    return this.index.get(handler) ?? [];
  }

  /** The variable a registration's receiver names (`router` of `router.get(…)`). */
  private receiverOf(callee: ts.PropertyAccessExpression): ts.Declaration | undefined {
    const receiver = skipOuter(callee.expression);
    return ts.isIdentifier(receiver) ? this.definitions.declarationOf(receiver) : undefined;
  }

  /** A file's `x.use(middleware, …)` calls whose first argument is not a path, in source order, with the variable `x` names. */
  private usesIn(file: ts.SourceFile): readonly PathlessUse[] {
    const cached = this.uses.get(file);
    if (cached) return cached;
    const found: PathlessUse[] = [];
    for (const node of descendants(file)) {
      if (!ts.isCallExpression(node) || !node.arguments.length) continue;
      const callee = skipOuter(node.expression);
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'use') continue;
      const first = skipOuter(node.arguments[0]!);
      if (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first) || ts.isArrayLiteralExpression(first))
        continue;
      const router = this.receiverOf(callee);
      if (router) found.push({ call: node, router });
    }
    this.uses.set(file, found);
    return found;
  }

  private isRegistration(call: ts.CallExpression): boolean {
    const callee = skipOuter(call.expression);
    return ts.isPropertyAccessExpression(callee) && this.registrars.has(callee.name.text);
  }

  functionOf(argument: ts.Expression): FunctionNode | undefined {
    const node = skipOuter(argument);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
    if (ts.isCallExpression(node)) return this.wrappedFunction(node);
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return undefined;
    let declaration = this.definitions.declarationOf(ts.isPropertyAccessExpression(node) ? node.name : node);
    // `module.exports = { isManager, authenticate: authenticateToken }` imported by name: the exported function.
    for (let hop = 0; declaration && hop < MAX_EXPORT_HOPS; hop++) {
      if (ts.isShorthandPropertyAssignment(declaration)) declaration = this.definitions.declarationOf(declaration.name);
      else if (ts.isPropertyAssignment(declaration) && ts.isIdentifier(skipOuter(declaration.initializer)))
        declaration = this.definitions.declarationOf(skipOuter(declaration.initializer));
      else break;
    }
    if (!declaration) return undefined;
    if (isFunctionNode(declaration)) return declaration;
    // `const h = …`, and a CommonJS export (`exports.h = …`, declared by the assigned member).
    const assigned = ts.isVariableDeclaration(declaration)
      ? declaration.initializer
      : ts.isPropertyAccessExpression(declaration)
        ? assignedTo(declaration)
        : undefined;
    if (!assigned) return undefined;
    const value = skipOuter(assigned);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
    return ts.isCallExpression(value) ? this.wrappedFunction(value) : undefined;
  }

  /**
   * `asyncHandler(async (req, res, next) => …)`: the function a wrapper is handed, where the
   * function the wrapper returns calls it (`(req, res, next) => fn(req, res, next).catch(next)`),
   * so the route runs it in the wrapper's place.
   */
  private wrappedFunction(call: ts.CallExpression): FunctionNode | undefined {
    const position = call.arguments.findIndex((argument) => {
      const node = skipOuter(argument);
      return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
    });
    const wrapper = position >= 0 ? this.definitions.callee(call) : undefined;
    const parameter = wrapper?.parameters[position];
    if (!wrapper?.body || !parameter || !ts.isIdentifier(parameter.name)) return undefined;
    const runs = this.passed.callsOfParameter(wrapper, parameter);
    const runsIt = this.definitions.returnExpressions(wrapper).some((returned) => {
      const fn = skipOuter(returned);
      return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && runs.some((run) => isWithin(run, fn));
    });
    return runsIt ? (skipOuter(call.arguments[position]!) as FunctionNode) : undefined;
  }

  /** Named handlers registered elsewhere: one pass over the program's route registrations. */
  private buildIndex(): Map<FunctionNode, Registration[]> {
    const index = new Map<FunctionNode, Registration[]>();
    for (const file of ownSourceFiles(this.program)) {
      for (const node of descendants(file)) {
        if (!ts.isCallExpression(node) || node.arguments.length <= 1 || !this.isRegistration(node)) continue;
        node.arguments.forEach((argument, position) => {
          if (position === 0) return;
          const handler = this.functionOf(argument);
          if (handler) index.set(handler, [...(index.get(handler) ?? []), { call: node, position }]);
        });
      }
    }
    return index;
  }
}

/** The value assigned to a member (`exports.h = value`), where the member is the assignment's target. */
function assignedTo(member: ts.PropertyAccessExpression): ts.Expression | undefined {
  const assignment = member.parent;
  return isAssignment(assignment) && assignment.left === member ? assignment.right : undefined;
}
