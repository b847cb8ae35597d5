import ts from 'typescript';
import { findProperty, isFunctionNode, memberValue, skipOuter } from './ast.js';
import type { Definitions } from './definitions.js';
import type { RouteSchemaModel } from './model.js';
import { isValidatingPattern } from './patterns.js';
import { constantString } from './strings.js';
import type { DeclaredSchemas } from './schemas.js';
import type { Sanitization } from './taint.js';

/** How far `const schema = …` aliases are followed to the literal. */
const MAX_ALIASES = 8;
const CLOSED_TYPES = new Set(['integer', 'number', 'boolean']);

/**
 * What a route's schema guarantees about a request value before the handler runs: a JSON Schema
 * literal (`app.get('/n/:id', { schema: { params: { properties: { id: { format: 'uuid' } } } } }, handler)`)
 * or one built with a schema library (Elysia's `{ params: t.Object({ id: t.String({ format: 'uuid' }) }) }`).
 * `path` starts at the request object (`['params', 'id']`).
 */
export function routeSchemaCheck(
  definitions: Definitions,
  model: RouteSchemaModel,
  parameter: ts.ParameterDeclaration,
  path: readonly string[],
  schemas?: DeclaredSchemas,
): Sanitization | undefined {
  const [part, ...rest] = path;
  const key = part === undefined ? undefined : model.parts[part];
  if (key === undefined || rest.length === 0) return undefined;
  const options = routeOptions(definitions, model, parameter.parent);
  const holder = options && (model.option === undefined ? options : literalAt(definitions, options, [model.option]));
  const member = holder && findProperty(holder, key);
  const value = member && memberValue(member);
  if (!value) return undefined;
  let schema = literalOf(definitions, value);
  if (!schema) {
    const applied = schemas?.appliedBy(value);
    const strength = applied && schemas!.fieldStrength(applied.schema, applied.model, rest);
    return strength === 'unconstrained' ? undefined : strength;
  }
  for (const name of rest) {
    if (!schema) return undefined;
    schema = literalAt(definitions, schema, ['properties', name]);
  }
  return schema && leafCheck(definitions, schema);
}

/** The options literal of the registration that passes `fn` as the handler. */
function routeOptions(
  definitions: Definitions,
  model: RouteSchemaModel,
  fn: ts.Node,
): ts.ObjectLiteralExpression | undefined {
  if (!isFunctionNode(fn)) return undefined;
  const parent = fn.parent;
  // `app.get(path, { schema, handler })`, `app.route({ method, url, schema, handler })`.
  if (
    ts.isPropertyAssignment(parent) &&
    parent.name.getText() === model.handler &&
    ts.isObjectLiteralExpression(parent.parent)
  )
    return parent.parent;
  // `app.get(path, { schema }, handler)`, Elysia's `app.get(path, handler, { params })`.
  if (ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
    const markers = model.option === undefined ? Object.values(model.parts) : [model.option];
    for (const argument of parent.arguments) {
      const literal = literalOf(definitions, argument);
      if (literal && markers.some((marker) => findProperty(literal, marker))) return literal;
    }
  }
  return undefined;
}

function literalAt(
  definitions: Definitions,
  literal: ts.ObjectLiteralExpression,
  path: readonly string[],
): ts.ObjectLiteralExpression | undefined {
  let current: ts.ObjectLiteralExpression | undefined = literal;
  for (const name of path) {
    const member: ts.ObjectLiteralElementLike | undefined = current && findProperty(current, name);
    const value: ts.Expression | undefined = member && memberValue(member);
    current = value && literalOf(definitions, value);
  }
  return current;
}

/** The object literal an expression is, through `const schema = …` aliases. */
export function literalOf(definitions: Definitions, expression: ts.Expression): ts.ObjectLiteralExpression | undefined {
  let node = skipOuter(expression);
  for (let hops = 0; hops < MAX_ALIASES && ts.isIdentifier(node); hops++) {
    const declaration = definitions.declarationOf(node);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    node = skipOuter(declaration.initializer);
  }
  return ts.isObjectLiteralExpression(node) ? node : undefined;
}

/**
 * What a JSON Schema of a whole input (a Lambda event) says about the field at `path`
 * (`['body', 'type']` → `properties.body.properties.type`): its leaf check, or `undefined`.
 */
export function jsonSchemaFieldCheck(
  definitions: Definitions,
  schema: ts.ObjectLiteralExpression,
  path: readonly string[],
): Sanitization | undefined {
  let current: ts.ObjectLiteralExpression | undefined = schema;
  for (const name of path) current = current && literalAt(definitions, current, ['properties', name]);
  return current && leafCheck(definitions, current);
}

/** `enum`, `const` and numeric/boolean types allow-list; an anchored `pattern`, a `format` or a `maxLength` validate. */
function leafCheck(definitions: Definitions, schema: ts.ObjectLiteralExpression): Sanitization | undefined {
  const text = (name: string) => {
    const member = findProperty(schema, name);
    const value = member && memberValue(member);
    return value ? constantString(definitions, value) : undefined;
  };
  if (findProperty(schema, 'enum') || findProperty(schema, 'const')) return 'allowListed';
  const type = text('type');
  if (type?.complete && CLOSED_TYPES.has(type.text)) return 'allowListed';
  const pattern = text('pattern');
  if (pattern?.complete && isValidatingPattern(pattern.text, 'u')) return 'validated';
  if (findProperty(schema, 'format') || findProperty(schema, 'maxLength')) return 'validated';
  return undefined;
}
