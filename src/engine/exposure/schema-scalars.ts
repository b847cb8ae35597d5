import path from 'node:path';
import ts from 'typescript';
import { isFunctionNode, propertyNameOf, skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { programSchemaTexts, projectSchemaTexts } from '../graphql-schema.js';
import { decoratorNames, isExportedAs } from '../parameter-matchers.js';

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
  if (!fields) byScalars.set(key, (fields = collectFields(programSchemaTexts(program), new Set(scalars))));
  return fields;
}

function collectFields(texts: readonly string[], scalars: ReadonlySet<string>): Set<string> {
  const fields = new Set<string>();
  const outputs: Output[] = [];
  // Every text: a type declared in one may hold the JSON field a field of another returns.
  for (const text of texts) addFields(text, scalars, fields, outputs);
  return nestJson(fields, outputs);
}

/** A field whose type is another type of the schema: `Query.note: Note`, `Query.notes: [Note]`. */
interface Output {
  readonly field: string;
  readonly type: string;
  readonly list: boolean;
}

/**
 * Adds, for each field whose output type declares JSON fields, `Type.field>json` (`>[]json` for a
 * list): the resolver's return sends that property of its value (of each element) whole.
 */
function nestJson(fields: Set<string>, outputs: readonly Output[]): Set<string> {
  const json = [...fields];
  for (const output of outputs)
    for (const declared of json)
      if (declared.startsWith(`${output.type}.`))
        fields.add(`${output.field}>${output.list ? '[]' : ''}${declared.slice(output.type.length + 1)}`);
  return fields;
}

/**
 * The paths of a resolver's returned value that its field's output type declares as JSON
 * (`Query.note: Note` with `Note.details: AWSJSON` gives `['details']`; a list `[ANY, 'details']`).
 */
export function nestedJsonPaths(fields: ReadonlySet<string>, field: string, any: string): string[][] {
  const out: string[][] = [];
  for (const entry of fields) {
    if (!entry.startsWith(`${field}>`)) continue;
    const rest = entry.slice(field.length + 1);
    out.push(rest.startsWith('[]') ? [any, rest.slice(2)] : [rest]);
  }
  return out;
}

/** Adds the `Type.field`s an SDL text declares with one of `scalars` (`type Query { note(id: ID!): AWSJSON }`). */
function addFields(text: string, scalars: ReadonlySet<string>, fields: Set<string>, outputs: Output[]): void {
  // `extend type Query { … }` and `type Query implements Node @aws_cognito_user_pools { … }` too.
  for (const [, type, body] of text.matchAll(/\btype\s+(\w+)[^{]*\{([^}]*)\}/g)) {
    // Arguments may hold `:` and types of their own: drop them before reading `field: Type`.
    const declarations = body!.replace(/\([^)]*\)/g, '').replace(/#[^\n]*/g, '');
    for (const [, field, list, scalar] of declarations.matchAll(/(\w+)\s*:\s*(\[?)\s*(\w+)/g)) {
      if (scalars.has(scalar!)) fields.add(`${type}.${field}`);
      else if (outputs.length < MAX_OUTPUTS) outputs.push({ field: `${type}.${field}`, type: scalar!, list: !!list });
    }
  }
}

/** Bound: object-typed fields kept per schema. */
const MAX_OUTPUTS = 20_000;

/** Per project's schema files (the texts, cached per program and folder), per scalar list. */
const fileCache = new WeakMap<readonly string[], Map<string, ReadonlySet<string>>>();

/**
 * The fields that the GraphQL schema files (`.graphql`, `.gql`) of a source file's project declare
 * with one of `scalars` (`projectSchemaTexts`).
 */
export function schemaFileFields(
  program: ts.Program,
  fileName: string,
  scalars: readonly string[],
): ReadonlySet<string> {
  const texts = projectSchemaTexts(program, fileName);
  if (!texts.length) return new Set();
  let byScalars = fileCache.get(texts);
  if (!byScalars) fileCache.set(texts, (byScalars = new Map<string, ReadonlySet<string>>()));
  const key = scalars.join('|');
  let fields = byScalars.get(key);
  if (!fields) byScalars.set(key, (fields = collectFields(texts, new Set(scalars))));
  return fields;
}

/**
 * The `Type.field`s an AppSync JavaScript resolver file may resolve, by the name it is given in the
 * usual layouts: `Query.getNote.js`, `Query/getNote.js`; a bare `getNote.js` names a root field of
 * any root type.
 */
export function fieldsNamedByFile(fileName: string, roots: readonly string[]): string[] {
  const base = path.basename(fileName).replace(/\.[cm]?[jt]sx?$/, '');
  const parts = base.split('.');
  if (parts.length === 2) return [`${parts[0]!}.${parts[1]!}`];
  if (parts.length !== 1) return [];
  const folder = path.basename(path.dirname(fileName));
  return [...new Set([`${folder}.${base}`, ...roots.map((root) => `${root}.${base}`)])];
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

/** A module's exported function of that name: `export function request(ctx) {…}`, `export const response = (ctx) => …`. */
export function exportedFunction(file: ts.SourceFile, name: string): FunctionNode | undefined {
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && isExportedAs(statement, [name])) return statement;
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const value = declaration.initializer && skipOuter(declaration.initializer);
      if (value && isFunctionNode(value) && isExportedAs(value, [name])) return value;
    }
  }
  return undefined;
}
