import ts from 'typescript';
import { calledName, descendants, isFunctionNode, skipOuter, staticName } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import type { Tracer } from '../flow/tracer.js';
import type { RouteGuardModel } from '../model.js';
import { constantString } from '../strings.js';
import type { Guards } from './dominators.js';
import { isListedRoleTest } from './privilege.js';

/** Guard classes looked at per route (method and class decorators together). */
const MAX_GUARDS = 8;

/** Whether a condition, true or false as `holds` says, admits only an administrative role. */
type Admits = (condition: ts.Expression, holds: boolean) => boolean;

// Route guards by decorator (SPEC §4, privileged access): `@UseGuards(AuthGuard, RolesGuard)` on a
// controller method or its class runs each guard's `canActivate` before the method; a guard that
// stops the request unless the caller holds an administrative role makes the route admin-only, as
// a role test at the top of the handler would. The role may be the guard's own constant
// (`user.groups.includes('ADMIN')`) or the route's metadata (`@Roles(UserRole.ADMIN)` read with
// `reflector.getAllAndOverride(ROLES_KEY, …)`), when the metadata names only administrative roles.

/** Which routes their decorated guards admit only for administrators, per route method. */
export class RouteGuards {
  private readonly memo = new Map<FunctionNode, boolean>();

  constructor(
    private readonly tracer: Tracer,
    private readonly guards: Guards,
  ) {}

  /** Whether a controller method runs only past a decorated guard that admits administrators alone. */
  privileged(fn: FunctionNode): boolean {
    if (!ts.isMethodDeclaration(fn) || !ts.isClassLike(fn.parent)) return false;
    let found = this.memo.get(fn);
    if (found === undefined) {
      this.memo.set(fn, false);
      found = (this.tracer.model.decorators ?? []).some(
        (model) => model.routeGuards && this.gated(fn, model.routeGuards),
      );
      this.memo.set(fn, found);
    }
    return found;
  }

  private gated(route: ts.MethodDeclaration, model: RouteGuardModel): boolean {
    const holders = [route, route.parent as ts.ClassLikeDeclaration];
    const guardClasses = holders
      .flatMap((holder) => decoratorCalls(holder, model.decorators))
      .flatMap((call) => call.arguments.map((argument) => this.classOf(argument)))
      .filter((guard): guard is ts.ClassLikeDeclaration => !!guard)
      .slice(0, MAX_GUARDS);
    return guardClasses.some((guard) => {
      const decide = guard.members.find(
        (member): member is ts.MethodDeclaration =>
          ts.isMethodDeclaration(member) && staticName(member.name) === model.method && !!member.body,
      );
      if (!decide?.body) return false;
      // `if (!user.groups.includes('ADMIN')) throw …` or `return user.isAdmin`: the guard's own role test.
      const ownTest: Admits = (condition, holds) =>
        [...this.guards.conditionFacts(condition, holds, [])].some((fact) => 'privileged' in fact);
      if (admitsOnly(this.guards, decide.body, ownTest, () => false)) return true;
      // `if (!required.some((role) => user.groups.includes(role))) throw …` with `required` the route's metadata.
      const listed = (list: ts.Expression) => this.metadataNames(list, route, model);
      const metadataTest: Admits = (condition, holds) => {
        const node = skipOuter(condition);
        if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken)
          return metadataTest(node.operand, !holds);
        // `const hasRole = required.some(…); if (!hasRole) throw …`.
        const aliased = ts.isIdentifier(node) ? this.tracer.definitions.constInitializer(node) : undefined;
        if (aliased) return metadataTest(aliased, holds);
        return holds && isListedRoleTest(this.tracer, node, listed);
      };
      // `if (!required) return true` admits routes without the metadata; this route has it.
      return admitsOnly(this.guards, decide.body, metadataTest, (condition) =>
        readsOnly(condition, (name) => !!listed(name)?.length),
      );
    });
  }

  /** `RolesGuard` or `new RolesGuard()`: the guard class the decorator argument names. */
  private classOf(argument: ts.Expression): ts.ClassLikeDeclaration | undefined {
    const node = skipOuter(argument);
    const target = ts.isNewExpression(node) ? skipOuter(node.expression) : node;
    if (!ts.isIdentifier(target) && !ts.isPropertyAccessExpression(target)) return undefined;
    const declaration = this.tracer.definitions.declarationOf(
      ts.isPropertyAccessExpression(target) ? target.name : target,
    );
    return declaration && ts.isClassLike(declaration) ? declaration : undefined;
  }

  /** The reader call a name holds (`const required = this.reflector.getAllAndOverride(KEY, targets)`). */
  private metadataRead(name: ts.Expression, model: RouteGuardModel): ts.CallExpression | undefined {
    const node = skipOuter(name);
    const initializer = ts.isIdentifier(node) ? this.tracer.definitions.constInitializer(node) : undefined;
    const call = initializer && skipOuter(initializer);
    return call && ts.isCallExpression(call) && this.tracer.calls(call, model.metadataReaders) ? call : undefined;
  }

  /**
   * The names the route's metadata holds under the key a read asks for, on the targets it names
   * (the method, its class): undefined unless every value is a constant string.
   */
  private metadataNames(
    list: ts.Expression,
    route: ts.MethodDeclaration,
    model: RouteGuardModel,
  ): string[] | undefined {
    const read = this.metadataRead(list, model);
    const [keyArgument, targetArgument] = read?.arguments ?? [];
    if (!keyArgument || !targetArgument) return undefined;
    const key = constantString(this.tracer.definitions, keyArgument);
    if (!key.complete) return undefined;
    const named = new Set(
      [...descendants(targetArgument)].flatMap((node) =>
        ts.isCallExpression(node) ? [calledName(node.expression)] : [],
      ),
    );
    const holders = [
      ...(named.has(model.targets.method) ? [route] : []),
      ...(named.has(model.targets.class) ? [route.parent as ts.ClassLikeDeclaration] : []),
    ];
    const names: string[] = [];
    for (const call of holders.flatMap((holder) => decoratorCalls(holder))) {
      const values = this.metadataValues(call, key.text, model);
      if (values === undefined) return undefined;
      names.push(...values);
    }
    return names;
  }

  /**
   * What a decorator attaches under `key`: `@SetMetadata('roles', ['admin'])`, or `@Roles('admin')`
   * whose factory returns `SetMetadata(ROLES_KEY, roles)` with `roles` its (rest) parameter. `[]`
   * for a decorator that attaches nothing under the key; undefined when a value is not constant.
   */
  private metadataValues(decorator: ts.CallExpression, key: string, model: RouteGuardModel): string[] | undefined {
    const setter = (call: ts.CallExpression) =>
      this.tracer.calls(call, model.metadataSetters) &&
      call.arguments[0] !== undefined &&
      constantString(this.tracer.definitions, call.arguments[0]).text === key;
    if (setter(decorator)) return this.constants(decorator.arguments.slice(1, 2));
    const factory = this.tracer.definitions.callee(decorator);
    if (!factory?.body) return [];
    const sets = this.tracer.definitions
      .returnExpressions(factory)
      .map((returned) => skipOuter(returned))
      .filter((returned): returned is ts.CallExpression => ts.isCallExpression(returned) && setter(returned));
    if (sets.length === 0) return [];
    const names: string[] = [];
    for (const set of sets) {
      const value = set.arguments[1] && skipOuter(set.arguments[1]);
      const parameter = value && ts.isIdentifier(value) ? this.tracer.definitions.declarationOf(value) : undefined;
      let bound: readonly ts.Expression[] | undefined;
      if (parameter && ts.isParameter(parameter) && parameter.parent === factory) {
        const index = factory.parameters.indexOf(parameter);
        bound = parameter.dotDotDotToken
          ? decorator.arguments.slice(index)
          : decorator.arguments.slice(index, index + 1);
      } else if (value) bound = [value];
      const values = bound && this.constants(bound);
      if (!values) return undefined;
      names.push(...values);
    }
    return names;
  }

  /** The constant strings of values and arrays of values (enum members by their type or declaration), or undefined. */
  private constants(values: readonly ts.Expression[]): string[] | undefined {
    const names: string[] = [];
    for (const value of values) {
      const node = skipOuter(value);
      if (ts.isArrayLiteralExpression(node)) {
        const inner = this.constants(node.elements);
        if (!inner) return undefined;
        names.push(...inner);
        continue;
      }
      const name = this.constant(node);
      if (name === undefined) return undefined;
      names.push(name);
    }
    return names;
  }

  /**
   * `'admin'`, `ADMIN_ROLE`, `UserRole.ADMIN` (by its type, or by the enum's declaration where the
   * checker cannot resolve the import: a `baseUrl` path of another root, `constantString`).
   */
  private constant(node: ts.Expression): string | undefined {
    const type = this.tracer.checker.getTypeAtLocation(node);
    if (type.isStringLiteral()) return type.value;
    const text = constantString(this.tracer.definitions, node);
    return text.complete ? text.text : undefined;
  }
}

/** The calls of a declaration's decorators, only those named `names` when given. */
function decoratorCalls(holder: ts.HasDecorators, names?: readonly string[]): ts.CallExpression[] {
  return (ts.getDecorators(holder) ?? []).flatMap((decorator) => {
    const call = skipOuter(decorator.expression);
    if (!ts.isCallExpression(call)) return [];
    const name = calledName(call.expression);
    return !names || (name !== undefined && names.includes(name)) ? [call] : [];
  });
}

/**
 * Whether a guard's body lets the request on only when `admits` holds: an exit taken unless it
 * holds (`if (!test) throw …`, `if (!test) return false`) before any statement that may return
 * another way, or a final `return test`. An early return under a condition `skippable` reads
 * (`if (!required) return true`: no metadata on the route) is passed over.
 */
function admitsOnly(
  guards: Guards,
  body: ts.Block,
  admits: Admits,
  skippable: (condition: ts.Expression) => boolean,
): boolean {
  for (const statement of body.statements) {
    if (ts.isReturnStatement(statement)) return !!statement.expression && admits(statement.expression, true);
    if (ts.isIfStatement(statement) && !statement.elseStatement && guards.exits(statement.thenStatement)) {
      if (onlyDenies(statement.thenStatement) && admits(statement.expression, false)) return true;
      if (onlyDenies(statement.thenStatement) || skippable(statement.expression)) continue;
      return false;
    }
    if (!onlyDenies(statement)) return false;
  }
  return false;
}

/** A statement whose every return (outside nested functions) returns `false`: it never admits the request. */
function onlyDenies(statement: ts.Statement): boolean {
  const returns: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node)) return;
    if (ts.isReturnStatement(node)) returns.push(node);
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return returns.every((ret) => ret.expression?.kind === ts.SyntaxKind.FalseKeyword);
}

/** Whether every name a condition reads is one `isRead` accepts (`!required`, `required.length === 0`). */
function readsOnly(condition: ts.Expression, isRead: (name: ts.Expression) => boolean): boolean {
  const names = [...descendants(condition)].filter(
    (node): node is ts.Identifier =>
      ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node),
  );
  return names.length > 0 && names.every(isRead);
}
