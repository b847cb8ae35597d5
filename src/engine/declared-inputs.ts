import ts from 'typescript';
import { findProperty, memberValue, skipOuter } from './ast.js';
import type { FunctionNode } from './ast.js';
import type { Definitions } from './definitions.js';
import type { RequestObjectModel } from './model.js';
import type { DeclaredSchemas } from './schemas.js';
import type { Sanitization } from './taint.js';

/** How many builder calls and `const` hops are followed from a resolver to its procedure's root. */
const MAX_CHAIN = 16;

/**
 * What the schema a procedure declares for its input proves about the field a resolver reads:
 * `t.procedure.input(z.object({ id: z.string().uuid() })).query(({ input }) => input.id)` is
 * validated; `z.string()` alone is not (SPEC §4). Chained `.input()` calls merge, so each is asked.
 */
export function declaredInputCheck(
  definitions: Definitions,
  schemas: DeclaredSchemas,
  declared: NonNullable<RequestObjectModel['inputSchema']>,
  resolver: FunctionNode,
  path: readonly string[],
): Sanitization | undefined {
  const [head, ...fields] = path;
  if (head !== declared.source) return undefined;
  for (const schema of builderArguments(definitions, declared.method, resolver)) {
    const applied = schemas.appliedBy(schema);
    const strength = applied && schemas.fieldStrength(applied.schema, applied.model, fields);
    if (strength && strength !== 'unconstrained') return strength;
  }
  return undefined;
}

/**
 * Whether the keys of the resolver's whole input are the fields its declared schemas name: every
 * `.input(z.object(…))` strips the keys it does not declare, so `for (const k in input)` walks an
 * allow-list. A schema that keeps unknown keys (`z.record`, `.passthrough()`) is no such list.
 */
export function declaredInputKeyed(
  definitions: Definitions,
  schemas: DeclaredSchemas,
  declared: NonNullable<RequestObjectModel['inputSchema']>,
  resolver: FunctionNode,
  path: readonly string[],
): boolean {
  if (path.length !== 1 || path[0] !== declared.source) return false;
  const found = builderArguments(definitions, declared.method, resolver);
  return (
    found.length > 0 &&
    found.every((schema) => {
      const applied = schemas.appliedBy(schema);
      return applied && schemas.keysDeclared(applied.schema, applied.model);
    })
  );
}

/**
 * The first arguments given to `method` along the builder chain the resolver is registered on, or
 * beside it in an options literal: the schemas of `.input(…)`, the middleware of `.use(…)`.
 */
export function builderArguments(definitions: Definitions, method: string, resolver: FunctionNode): ts.Expression[] {
  const holder = ts.isPropertyAssignment(resolver.parent) ? resolver.parent.parent : resolver.parent;
  if (ts.isObjectLiteralExpression(holder)) {
    const member = findProperty(holder, method);
    const value = member && memberValue(member);
    return value ? [value] : [];
  }
  const registration = resolver.parent;
  if (!ts.isCallExpression(registration) || !registration.arguments.includes(resolver as ts.Expression)) return [];
  const found: ts.Expression[] = [];
  let node: ts.Expression | undefined = registration.expression;
  for (let hops = 0; node && hops < MAX_CHAIN; hops++) {
    node = skipOuter(node);
    if (ts.isPropertyAccessExpression(node)) {
      node = node.expression;
      continue;
    }
    if (ts.isIdentifier(node)) {
      const declaration = definitions.declarationOf(node);
      node = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
      continue;
    }
    if (!ts.isCallExpression(node)) break;
    const callee = skipOuter(node.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === method && node.arguments[0])
      found.push(node.arguments[0]);
    node = node.expression;
  }
  return found;
}
