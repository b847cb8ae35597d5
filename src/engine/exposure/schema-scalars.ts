import ts from 'typescript';
import { descendants, ownSourceFiles, propertyNameOf, skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { decoratorNames, objectMember } from '../parameter-matchers.js';

/** Bounds: characters of schema text read per program. */
const MAX_SCHEMA_TEXT = 2_000_000;
const cache = new WeakMap<ts.Program, Map<string, ReadonlySet<string>>>();

/**
 * The fields (`Type.field`) that a GraphQL schema written in the program (SDL in a string or
 * template literal, such as Apollo's `typeDefs`) declares with one of `scalars` as its type:
 * a `JSON`/`AWSJSON` scalar passes the whole value through, unprojected by the schema.
 */
export function scalarFields(program: ts.Program, scalars: readonly string[]): ReadonlySet<string> {
  let byScalars = cache.get(program);
  if (!byScalars) cache.set(program, (byScalars = new Map<string, ReadonlySet<string>>()));
  const key = scalars.join('|');
  let fields = byScalars.get(key);
  if (!fields) byScalars.set(key, (fields = collectFields(program, new Set(scalars))));
  return fields;
}

/** `Query: { note: (parent, args) => … }`: the `Type.field` a resolver map's member resolves, if it is one. */
export function resolvedField(fn: FunctionNode): string | undefined {
  const member = objectMember(fn);
  const holder = member?.literal.parent;
  const type = holder && ts.isPropertyAssignment(holder) ? propertyNameOf(holder) : undefined;
  return member?.name !== undefined && type !== undefined ? `${type}.${member.name}` : undefined;
}

function collectFields(program: ts.Program, scalars: ReadonlySet<string>): Set<string> {
  const fields = new Set<string>();
  let read = 0;
  for (const file of ownSourceFiles(program)) {
    if (![...scalars].some((scalar) => file.text.includes(scalar)) || !/\btype\s+\w+/.test(file.text)) continue;
    for (const node of descendants(file)) {
      const text = schemaText(node);
      if (text === undefined || !/\btype\s+\w+/.test(text)) continue;
      read += text.length;
      if (read > MAX_SCHEMA_TEXT) return fields;
      for (const [, type, body] of text.matchAll(/\btype\s+(\w+)[^{]*\{([^}]*)\}/g)) {
        // Arguments may hold `:` and types of their own: drop them before reading `field: Type`.
        const declarations = body!.replace(/\([^)]*\)/g, '');
        for (const [, field, scalar] of declarations.matchAll(/(\w+)\s*:\s*\[?\s*(\w+)/g))
          if (scalars.has(scalar!)) fields.add(`${type}.${field}`);
      }
    }
  }
  return fields;
}

/** The text of a string or template literal (a template's literal parts, joined). */
function schemaText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return undefined;
}

/**
 * `@Query(() => GraphQLJSON)`, `@FieldResolver(() => [GraphQLJSONObject])`: the type a resolver
 * class's method declares through its decorator's type function (list brackets dropped), when the
 * class carries one of `classDecorators` and the method one of `methodDecorators`.
 */
export function resolverMethodType(
  method: ts.MethodDeclaration,
  classDecorators: readonly string[],
  methodDecorators: readonly string[],
): ts.Expression | undefined {
  const owner = method.parent;
  if (!ts.isClassDeclaration(owner) || !decoratorNames(owner).some((name) => classDecorators.includes(name)))
    return undefined;
  for (const decorator of ts.getDecorators(method) ?? []) {
    const call = skipOuter(decorator.expression);
    if (!ts.isCallExpression(call)) continue;
    const callee = skipOuter(call.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    const typeFunction = call.arguments[0] && skipOuter(call.arguments[0]);
    if (!methodDecorators.includes(name) || !typeFunction) continue;
    if (!ts.isArrowFunction(typeFunction) && !ts.isFunctionExpression(typeFunction)) continue;
    let type: ts.Expression | undefined = ts.isBlock(typeFunction.body)
      ? typeFunction.body.statements.find(ts.isReturnStatement)?.expression
      : typeFunction.body;
    for (let i = 0; i < 4 && type && ts.isArrayLiteralExpression(skipOuter(type)); i++) {
      const list = skipOuter(type) as ts.ArrayLiteralExpression;
      type = list.elements.length === 1 ? list.elements[0] : undefined;
    }
    return type && skipOuter(type);
  }
  return undefined;
}

/** `new GraphQLScalarType({ name: 'JSON', … })`: the GraphQL name a scalar built in the program gives itself. */
export function builtScalarName(declaration: ts.Declaration | undefined): string | undefined {
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const built = skipOuter(declaration.initializer);
  const options = ts.isNewExpression(built) ? built.arguments?.[0] : undefined;
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  const member = options.properties.find((property) => propertyNameOf(property) === 'name');
  const value = member && ts.isPropertyAssignment(member) ? skipOuter(member.initializer) : undefined;
  return value && ts.isStringLiteralLike(value) ? value.text : undefined;
}
