import ts from 'typescript';
import { findProperty, isFunctionNode, memberValue, skipOuter } from './ast.js';
import type { Definitions } from './definitions.js';
import type { RouteSchemaModel } from './model.js';
import { isValidatingPattern } from './patterns.js';
import { constantString } from './strings.js';
import type { Sanitization } from './taint.js';

/** How far `const schema = …` aliases are followed to the literal. */
const MAX_ALIASES = 8;
const CLOSED_TYPES = new Set(['integer', 'number', 'boolean']);

/**
 * What a route's JSON Schema guarantees about a request value before the handler runs:
 * `app.get('/n/:id', { schema: { params: { properties: { id: { format: 'uuid' } } } } }, handler)`.
 * `path` starts at the request object (`['params', 'id']`).
 */
export function routeSchemaCheck(
  definitions: Definitions,
  model: RouteSchemaModel,
  parameter: ts.ParameterDeclaration,
  path: readonly string[],
): Sanitization | undefined {
  const [part, ...rest] = path;
  const key = part === undefined ? undefined : model.parts[part];
  const options = key === undefined ? undefined : routeOptions(definitions, model, parameter.parent);
  let schema = options && literalAt(definitions, options, [model.option, key!]);
  for (const name of rest) {
    if (!schema) return undefined;
    schema = literalAt(definitions, schema, ['properties', name]);
  }
  return schema && rest.length > 0 ? leafCheck(definitions, schema) : undefined;
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
  // `app.get(path, { schema }, handler)`.
  if (ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
    for (const argument of parent.arguments) {
      const literal = literalOf(definitions, argument);
      if (literal && findProperty(literal, model.option)) return literal;
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

function literalOf(definitions: Definitions, expression: ts.Expression): ts.ObjectLiteralExpression | undefined {
  let node = skipOuter(expression);
  for (let hops = 0; hops < MAX_ALIASES && ts.isIdentifier(node); hops++) {
    const declaration = definitions.declarationOf(node);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    node = skipOuter(declaration.initializer);
  }
  return ts.isObjectLiteralExpression(node) ? node : undefined;
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
