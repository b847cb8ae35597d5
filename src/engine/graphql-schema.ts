import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { descendants, ownSourceFiles, propertyNameOf } from './ast.js';
import type { FunctionNode } from './ast.js';
import { ANY } from './flow/path.js';
import { objectMember } from './parameter-matchers.js';

/** Bounds: characters of schema text read per program, and per project's schema files. */
const MAX_SCHEMA_TEXT = 2_000_000;
/** Bounds of the schema-file search: folder depth, folder entries read, schema files. */
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
/** An SDL type or input type with a body (a TypeScript `type X = {` has an `=` first). */
const SDL_TYPE = /\b(?:type|input)\s+\w+[^{=;]*\{/;

const programTexts = new WeakMap<ts.Program, readonly string[]>();
const projectTexts = new WeakMap<ts.Program, Map<string, readonly string[]>>();
const inputSchemas = new WeakMap<ts.Program, Map<string, InputSchema>>();
const projectRoots = new WeakMap<ts.Program, Map<string, string | undefined>>();

/** The GraphQL schemas written in the program: SDL in a string or template literal (Apollo's `typeDefs`). */
export function programSchemaTexts(program: ts.Program): readonly string[] {
  let texts = programTexts.get(program);
  if (!texts) programTexts.set(program, (texts = readProgramTexts(program)));
  return texts;
}

/**
 * The GraphQL schema files (`.graphql`, `.gql`) of a source file's project: AppSync schemas live
 * beside the resolvers, outside the TypeScript program. The project is the folder of the nearest
 * `package.json` above the file (else the program's tsconfig folder); its schema files are found by
 * a bounded walk, once per program and folder.
 */
export function projectSchemaTexts(program: ts.Program, fileName: string): readonly string[] {
  const root = projectRoot(program, fileName);
  if (!root) return [];
  let byRoot = projectTexts.get(program);
  if (!byRoot) projectTexts.set(program, (byRoot = new Map<string, readonly string[]>()));
  let texts = byRoot.get(root);
  if (!texts) byRoot.set(root, (texts = readSchemaFiles(root)));
  return texts;
}

/** `Query: { note: (parent, args) => … }`: the `Type.field` a resolver map's member resolves, if it is one. */
export function resolvedField(fn: FunctionNode): string | undefined {
  const member = objectMember(fn);
  const holder = member?.literal.parent;
  const type = holder && ts.isPropertyAssignment(holder) ? propertyNameOf(holder) : undefined;
  return member?.name !== undefined && type !== undefined ? `${type}.${member.name}` : undefined;
}

/**
 * Whether the keys of the object at `path` of a resolver's arguments are names the schema the file
 * sees declares: the field's arguments (`[]`), or the fields of the input type the path ends at
 * (`['input']` of `update(input: NoteInput)`). The server rejects any other name before the
 * resolver runs, whatever the declared fields hold. Not when the path ends at a scalar (`JSON`,
 * `AWSJSON`: any object passes), runs into one, or the schema declares no such argument. Where the
 * resolver's field is unknown (an AppSync resolver file or Lambda names none in the code), every
 * field declaring an argument of that name must agree.
 */
export function argumentKeysDeclared(
  program: ts.Program,
  fileName: string,
  field: string | undefined,
  path: readonly string[],
): boolean {
  const { args, inputs, byArgument } = inputSchemaOf(program, fileName);
  const [name, ...rest] = path;
  const own = field === undefined ? undefined : args.get(field);
  if (name === undefined) return !!own || byArgument.size > 0;
  const candidates = own ? [own] : (byArgument.get(name) ?? []);
  return (
    candidates.length > 0 &&
    candidates.every((declared) => {
      let type = declared.get(name);
      for (const segment of rest)
        type = segment === ANY || type === undefined ? undefined : inputs.get(type)?.get(segment);
      return type !== undefined && inputs.has(type);
    })
  );
}

/**
 * Whether the client can send the value at `path` of a resolver's arguments (`['note', 'noteId']`)
 * by the schema the file sees: `false` when the field's declared arguments, or the input type the
 * path enters, do not declare that name (the server rejects the request before the resolver runs);
 * `undefined` when the schema does not say (no declaration of the field, a scalar or unknown type).
 */
export function argumentDeclared(
  program: ts.Program,
  fileName: string,
  field: string,
  path: readonly string[],
): boolean | undefined {
  const { args, inputs } = inputSchemaOf(program, fileName);
  let fields: ReadonlyMap<string, string> | undefined = args.get(field);
  for (const segment of path) {
    if (!fields || segment === ANY) return undefined;
    const type = fields.get(segment);
    if (type === undefined) return false;
    fields = inputs.get(type);
  }
  return true;
}

/** The arguments of each `Type.field` and the fields of each input type, with their named types. */
interface InputSchema {
  readonly args: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly inputs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The argument lists (of `args`) that declare each argument name. */
  readonly byArgument: ReadonlyMap<string, readonly ReadonlyMap<string, string>[]>;
}

function inputSchemaOf(program: ts.Program, fileName: string): InputSchema {
  const root = projectRoot(program, fileName) ?? '';
  let byRoot = inputSchemas.get(program);
  if (!byRoot) inputSchemas.set(program, (byRoot = new Map<string, InputSchema>()));
  let schema = byRoot.get(root);
  if (!schema)
    byRoot.set(
      root,
      (schema = parseInputs([...programSchemaTexts(program), ...projectSchemaTexts(program, fileName)])),
    );
  return schema;
}

/** Declarations of the same name merge (`extend type Mutation`, a schema split across modules). */
function parseInputs(texts: readonly string[]): InputSchema {
  const args = new Map<string, Map<string, string>>();
  const inputs = new Map<string, Map<string, string>>();
  const add = (into: Map<string, Map<string, string>>, name: string, declarations: string) => {
    let fields = into.get(name);
    if (!fields) into.set(name, (fields = new Map<string, string>()));
    for (const [, field, type] of declarations.matchAll(/(\w+)\s*:\s*\[*\s*(\w+)/g)) fields.set(field!, type!);
  };
  for (const text of texts) {
    // Comments and directives (`@aws_cognito_user_pools`, `@deprecated(reason: "…")`) declare no field.
    const sdl = text.replace(/#[^\n]*/g, '').replace(/@\w+(?:\([^)]*\))?/g, '');
    for (const [, type, body] of sdl.matchAll(/\btype\s+(\w+)[^{]*\{([^}]*)\}/g))
      for (const [, field, list] of body!.matchAll(/(\w+)\s*(?:\(([^)]*)\))?\s*:\s*\[*\s*\w+/g))
        add(args, `${type!}.${field!}`, list ?? '');
    for (const [, input, body] of sdl.matchAll(/\binput\s+(\w+)[^{]*\{([^}]*)\}/g)) add(inputs, input!, body!);
  }
  const byArgument = new Map<string, ReadonlyMap<string, string>[]>();
  for (const declared of args.values())
    for (const name of declared.keys()) {
      let lists = byArgument.get(name);
      if (!lists) byArgument.set(name, (lists = []));
      lists.push(declared);
    }
  return { args, inputs, byArgument };
}

function readProgramTexts(program: ts.Program): string[] {
  const texts: string[] = [];
  let read = 0;
  for (const file of ownSourceFiles(program)) {
    if (!SDL_TYPE.test(file.text)) continue;
    for (const node of descendants(file)) {
      const text = schemaText(node);
      if (text === undefined || !SDL_TYPE.test(text)) continue;
      read += text.length;
      if (read > MAX_SCHEMA_TEXT) return texts;
      texts.push(text);
    }
  }
  return texts;
}

/** The text of a string or template literal (a template's literal parts, joined). */
function schemaText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return undefined;
}

/** Asked at every GraphQL argument read: the file-system walk is made once per program and file. */
function projectRoot(program: ts.Program, fileName: string): string | undefined {
  let byFile = projectRoots.get(program);
  if (!byFile) projectRoots.set(program, (byFile = new Map<string, string | undefined>()));
  if (byFile.has(fileName)) return byFile.get(fileName);
  const found = ts.findConfigFile(path.dirname(fileName), (name) => ts.sys.fileExists(name), 'package.json');
  const config = program.getCompilerOptions().configFilePath;
  const root = found ? path.dirname(found) : typeof config === 'string' ? path.dirname(config) : undefined;
  byFile.set(fileName, root);
  return root;
}

function readSchemaFiles(root: string): string[] {
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
  const texts: string[] = [];
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
    texts.push(text);
  }
  return texts;
}
