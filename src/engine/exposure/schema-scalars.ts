import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { descendants, isFunctionNode, ownSourceFiles, propertyNameOf, skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { decoratorNames, isExportedAs, objectMember } from '../parameter-matchers.js';

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
  const outputs: Output[] = [];
  collectInto(program, scalars, fields, outputs);
  return nestJson(fields, outputs);
}

function collectInto(program: ts.Program, scalars: ReadonlySet<string>, fields: Set<string>, outputs: Output[]): void {
  let read = 0;
  for (const file of ownSourceFiles(program)) {
    if (![...scalars].some((scalar) => file.text.includes(scalar)) || !/\btype\s+\w+/.test(file.text)) continue;
    for (const node of descendants(file)) {
      const text = schemaText(node);
      if (text === undefined || !/\btype\s+\w+/.test(text)) continue;
      read += text.length;
      if (read > MAX_SCHEMA_TEXT) return;
      addFields(text, scalars, fields, outputs);
    }
  }
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

/** The entry of a fields set saying the schema takes one of the scalars as an argument or an input type's field. */
const JSON_INPUT = '(input)';

/**
 * Whether the schema of the program or of the file's project takes one of `scalars` as an argument
 * (`note(data: JSON)`) or an input type's field: a client may send any keys there.
 */
export function takesScalarInput(program: ts.Program, fileName: string, scalars: readonly string[]): boolean {
  return scalarFields(program, scalars).has(JSON_INPUT) || schemaFileFields(program, fileName, scalars).has(JSON_INPUT);
}

/**
 * Adds the `Type.field`s an SDL text declares with one of `scalars` (`type Query { note(id: ID!): AWSJSON }`),
 * and `JSON_INPUT` when an argument list or an `input` type declares one.
 */
function addFields(text: string, scalars: ReadonlySet<string>, fields: Set<string>, outputs: Output[]): void {
  const inputs = [...text.matchAll(/\binput\s+\w+[^{]*\{([^}]*)\}/g), ...text.matchAll(/\(([^)]*)\)/g)];
  if (inputs.some(([, body]) => [...body!.matchAll(/:\s*\[?\s*(\w+)/g)].some(([, type]) => scalars.has(type!))))
    fields.add(JSON_INPUT);
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

/** Bounds of the schema-file search: folder depth, folder entries read, schema files and their text. */
const MAX_DEPTH = 6;
const MAX_ENTRIES = 5_000;
const MAX_FILES = 50;
/** Folders that hold no schema of the project's own (dependencies, build and deploy output). */
const SKIPPED = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'coverage',
  'cdk.out',
  '.aws-sam',
  '.serverless',
  '.next',
]);
const fileCache = new WeakMap<ts.Program, Map<string, ReadonlySet<string>>>();

/**
 * The fields that the GraphQL schema files (`.graphql`, `.gql`) of a source file's project declare
 * with one of `scalars`: AppSync schemas live beside the resolvers, outside the TypeScript program.
 * The project is the folder of the nearest `package.json` above the file (else the program's
 * tsconfig folder); its schema files are found by a bounded walk, once per program and folder.
 */
export function schemaFileFields(
  program: ts.Program,
  fileName: string,
  scalars: readonly string[],
): ReadonlySet<string> {
  const root = projectRoot(program, fileName);
  if (!root) return new Set();
  let byRoot = fileCache.get(program);
  if (!byRoot) fileCache.set(program, (byRoot = new Map<string, ReadonlySet<string>>()));
  const key = `${root}\0${scalars.join('|')}`;
  let fields = byRoot.get(key);
  if (!fields) byRoot.set(key, (fields = readSchemaFiles(root, new Set(scalars))));
  return fields;
}

function projectRoot(program: ts.Program, fileName: string): string | undefined {
  const found = ts.findConfigFile(path.dirname(fileName), (name) => ts.sys.fileExists(name), 'package.json');
  if (found) return path.dirname(found);
  const config = program.getCompilerOptions().configFilePath;
  return typeof config === 'string' ? path.dirname(config) : undefined;
}

function readSchemaFiles(root: string, scalars: ReadonlySet<string>): Set<string> {
  const fields = new Set<string>();
  const outputs: Output[] = [];
  const schemaFiles: string[] = [];
  let entries = 0;
  const walk = (directory: string, depth: number): void => {
    let listed: fs.Dirent[];
    try {
      listed = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    // A nested package's schema is its own (a monorepo's other service).
    if (depth > 0 && listed.some((entry) => entry.isFile() && entry.name === 'package.json')) return;
    for (const entry of listed) {
      if (++entries > MAX_ENTRIES || schemaFiles.length >= MAX_FILES) return;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED.has(entry.name) && !entry.name.startsWith('.')) walk(full, depth + 1);
      } else if (entry.isFile() && /\.(?:graphql|gql)$/.test(entry.name)) {
        schemaFiles.push(full);
      }
    }
  };
  walk(root, 0);
  let read = 0;
  for (const file of schemaFiles) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    read += text.length;
    if (read > MAX_SCHEMA_TEXT) break;
    // Every file: a type declared in one file may hold the JSON field a field of another file returns.
    addFields(text, scalars, fields, outputs);
  }
  return nestJson(fields, outputs);
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
