import ts from 'typescript';
import { CORE_SCHEMA, load, Type } from 'js-yaml';
import type { Schema } from 'js-yaml';
import { moduleSpecifiers, ownSourceFiles } from './ast.js';
import { readScriptConfig } from './deployment-scripts.js';
import type { DeploymentModel, GatewayRoutesModel } from './model.js';

/** The table a function's environment variable names, as its deployment template declares it. */
export interface DeployedTable {
  /** The table's own name when the template writes it (`TableName: Notes`): the same table as the constant `'Notes'`. */
  readonly name?: string;
  /** Otherwise the resource that declares it: `/repo/template.yaml#NotesTable`. */
  readonly resource?: string;
  /** As shown to users: the name, else the resource's logical id. */
  readonly label: string;
}

/** A function's environment: each variable's table, or `null` where the value is not a table the template declares. */
type Environment = ReadonlyMap<string, DeployedTable | null>;

/** What a template says about one function: its environment, and whether a token authorizer guards all its HTTP routes. */
interface DeployedFunction {
  readonly environment: Environment;
  readonly tokenVerified: boolean;
}

/** Bounds: folders above a file searched for templates, a template's size, functions per template, files per function. */
const MAX_LEVELS = 12;
const MAX_TEMPLATE_CHARS = 2_000_000;
const MAX_FUNCTIONS = 1_000;
const MAX_FUNCTION_FILES = 2_000;
/** A handler `src/notes.handler` runs the first of these files that the program holds. */
const HANDLER_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];

/**
 * What the deployment templates beside a program's code (SAM's `template.yaml`, `serverless.yml`
 * or `serverless.ts`) say each function's environment variables name, and whether the gateway
 * verifies a bearer token before each function's HTTP routes reach it. One name may be given a different table in
 * each function (`SAMPLE_TABLE: !Ref MeetingsTable`, the SAM starter's default), so a variable
 * names a table only for the functions that run the file reading it: the handler's file and the
 * program's own files it imports. Built on first need, once per program; a template that cannot
 * be read or parsed is ignored.
 */
export class DeployedTables {
  private byFile: Map<ts.SourceFile, DeployedFunction[]> | undefined;

  constructor(
    private readonly program: ts.Program,
    private readonly models: readonly DeploymentModel[],
    /** The program's own file a module specifier names (`UnresolvedImports.moduleFile`). */
    private readonly moduleFile: (specifier: ts.Expression) => ts.SourceFile | undefined,
  ) {}

  /**
   * The table `process.env[variable]` names in a file: the one every function running the file
   * that sets the variable gives it; `undefined` when no template says, or functions disagree.
   */
  tableOf(file: ts.SourceFile, variable: string): DeployedTable | undefined {
    this.byFile ??= this.build();
    let found: DeployedTable | undefined;
    for (const { environment } of this.byFile.get(file) ?? []) {
      const table = environment.get(variable);
      if (table === undefined) continue;
      if (table === null || (found && (found.name ?? found.resource) !== (table.name ?? table.resource)))
        return undefined;
      found = table;
    }
    return found;
  }

  /**
   * Whether every function a template deploys with a file (its handler's, or one the handler
   * imports) has HTTP routes, each behind a gateway authorizer that verifies the bearer token of
   * the `Authorization` header (a JWT or Cognito user-pool authorizer): no request reaches the
   * file's code without a verified token. `false` when no template deploys the file.
   */
  tokenVerified(file: ts.SourceFile): boolean {
    this.byFile ??= this.build();
    const functions = this.byFile.get(file);
    return !!functions?.length && functions.every((deployed) => deployed.tokenVerified);
  }

  private build(): Map<ts.SourceFile, DeployedFunction[]> {
    const byFile = new Map<ts.SourceFile, DeployedFunction[]>();
    const files = ownSourceFiles(this.program);
    const byStem = new Map<string, ts.SourceFile>();
    for (const file of files) if (!byStem.has(stem(file.fileName))) byStem.set(stem(file.fileName), file);
    for (const template of this.templates(files)) {
      for (const { handler, deployed } of deployedFunctions(template)) {
        const entry = handlerFile(byStem, handler);
        for (const file of entry ? this.filesRunBy(entry) : []) {
          let functions = byFile.get(file);
          if (!functions) byFile.set(file, (functions = []));
          functions.push(deployed);
        }
      }
    }
    return byFile;
  }

  /** The templates in the folders above the program's files, up to a repository's root (its `.git`). */
  private *templates(files: readonly ts.SourceFile[]): Iterable<Template> {
    const seen = new Set<string>();
    for (const file of files) {
      let directory = dirname(file.fileName);
      for (let level = 0; directory && level < MAX_LEVELS && !seen.has(directory); level++) {
        seen.add(directory);
        for (const model of this.models) {
          for (const name of model.files) {
            const template = readTemplate(`${directory}/${name}`, model);
            if (template) yield template;
          }
          for (const name of model.scripts?.files ?? []) {
            const path = `${directory}/${name}`;
            const root = ts.sys.fileExists(path) ? readScriptConfig(path, model.scripts?.merges ?? []) : undefined;
            if (root) yield { path, root, model };
          }
        }
        if (ts.sys.directoryExists(`${directory}/.git`)) break;
        directory = dirname(directory);
      }
    }
  }

  /** A handler's file and the program's own files it imports, transitively (what the function's bundle runs). */
  private filesRunBy(entry: ts.SourceFile): ts.SourceFile[] {
    const found = new Set([entry]);
    const stack = [entry];
    while (stack.length && found.size < MAX_FUNCTION_FILES) {
      for (const specifier of moduleSpecifiers(stack.pop()!)) {
        const target = this.moduleFile(specifier);
        if (target && !target.isDeclarationFile && !found.has(target)) {
          found.add(target);
          stack.push(target);
        }
      }
    }
    return [...found];
  }
}

/**
 * The deployed tables of a program, one per program and list of models (the list is model data,
 * the same for every configuration), so the templates are read once.
 */
const byProgram = new WeakMap<ts.Program, WeakMap<readonly DeploymentModel[], DeployedTables>>();

export function deployedTablesFor(
  program: ts.Program,
  models: readonly DeploymentModel[],
  moduleFile: (specifier: ts.Expression) => ts.SourceFile | undefined,
): DeployedTables {
  let byModels = byProgram.get(program);
  if (!byModels) byProgram.set(program, (byModels = new WeakMap()));
  let found = byModels.get(models);
  if (!found) byModels.set(models, (found = new DeployedTables(program, models, moduleFile)));
  return found;
}

interface Template {
  readonly path: string;
  readonly root: Record<string, unknown>;
  readonly model: DeploymentModel;
}

/** The template at a path, parsed; `undefined` when there is none or it cannot be read. */
function readTemplate(path: string, model: DeploymentModel): Template | undefined {
  if (!ts.sys.fileExists(path)) return undefined;
  try {
    const text = ts.sys.readFile(path);
    if (!text || text.length > MAX_TEMPLATE_CHARS) return undefined;
    const root = load(text, { schema: schemaOf(model), filename: path });
    return isRecord(root) ? { path, root, model } : undefined;
  } catch {
    // A broken or foreign template says nothing about the program.
    return undefined;
  }
}

const schemas = new WeakMap<DeploymentModel, Schema>();

/** YAML's core schema with the model's tags (`!Ref X` → `{ Ref: 'X' }`) on scalars, lists and maps alike. */
function schemaOf(model: DeploymentModel): Schema {
  let schema = schemas.get(model);
  if (!schema) {
    const kinds = ['scalar', 'sequence', 'mapping'] as const;
    const types = Object.entries(model.tags).flatMap(([tag, key]) =>
      kinds.map((kind) => new Type(`!${tag}`, { kind, construct: (data) => ({ [key]: data }) })),
    );
    schemas.set(model, (schema = CORE_SCHEMA.extend(types)));
  }
  return schema;
}

/** Each function of a template: its handler's path (without the exported name), its environment and its routes' authorizers. */
function* deployedFunctions(template: Template): Iterable<{ handler: string; deployed: DeployedFunction }> {
  const { model, root } = template;
  const functions = at(root, model.functions.path);
  if (!isRecord(functions)) return;
  const folder = dirname(template.path);
  const sharedCode = model.shared.codeUri && at(root, model.shared.codeUri);
  const shared = at(root, model.shared.environment);
  for (const entry of Object.values(functions).slice(0, MAX_FUNCTIONS)) {
    if (!isRecord(entry)) continue;
    if (model.functions.types && !model.functions.types.includes(String(entry.Type))) continue;
    const handler = at(entry, model.handler);
    if (typeof handler !== 'string' || !handler.includes('.')) continue;
    const own = model.codeUri && at(entry, model.codeUri);
    const code = typeof own === 'string' ? own : typeof sharedCode === 'string' ? sharedCode : '';
    const environment = new Map<string, DeployedTable | null>();
    for (const variables of [shared, at(entry, model.environment)])
      if (isRecord(variables))
        for (const [name, value] of Object.entries(variables)) environment.set(name, tableNamed(template, value));
    const file = handler.slice(0, handler.lastIndexOf('.'));
    // A module config may write the handler's folder out (`${handlerPath(__dirname)}/handler.main`).
    const path = file.startsWith('/') ? file : joinPath(folder, code, file);
    const tokenVerified = !!model.gateway && routesVerifyTokens(root, entry, model.gateway);
    yield { handler: path, deployed: { environment, tokenVerified } };
  }
}

/**
 * Whether a function is invoked only through HTTP routes, each behind a token-verifying authorizer:
 * any other trigger (a load balancer, a WebSocket, a queue) or a function URL may hand it a request
 * no authorizer checked.
 */
function routesVerifyTokens(root: unknown, entry: Record<string, unknown>, model: GatewayRoutesModel): boolean {
  const events = at(entry, model.events);
  if (!Array.isArray(events) || events.length === 0) return false;
  if (model.directAccess.some((member) => entry[member] !== undefined && entry[member] !== false)) return false;
  const declared = at(root, model.declared);
  return events.every((event) => {
    const kind = isRecord(event) ? model.routeKinds.find((name) => name in event) : undefined;
    const route = kind && isRecord(event) ? event[kind] : undefined;
    let authorizer = isRecord(route) ? route[model.authorizer] : undefined;
    const name = typeof authorizer === 'string' ? authorizer : isRecord(authorizer) ? authorizer.name : undefined;
    if (typeof name === 'string' && isRecord(declared) && isRecord(declared[name]))
      authorizer = { ...declared[name], ...(isRecord(authorizer) ? authorizer : {}) };
    return isRecord(authorizer) && verifiesBearerToken(authorizer, model);
  });
}

/** A JWT authorizer (an issuer, no other type) or a Cognito user-pool one, reading the `Authorization` header. */
function verifiesBearerToken(authorizer: Record<string, unknown>, model: GatewayRoutesModel): boolean {
  const type = typeof authorizer.type === 'string' ? authorizer.type.toLowerCase() : undefined;
  const arn = typeof authorizer.arn === 'string' ? authorizer.arn : '';
  const verifies =
    type === undefined
      ? model.issuerMembers.some((member) => typeof authorizer[member] === 'string') ||
        model.userPoolArns.some((text) => arn.includes(text))
      : model.tokenTypes.includes(type);
  const source = authorizer.identitySource;
  const sources = Array.isArray(source) ? source : source === undefined ? [] : [source];
  return (
    verifies && sources.every((item) => typeof item === 'string' && item.toLowerCase().includes(model.identityHeader))
  );
}

/** The table a variable's value names: a constant name, or `Ref` to a table resource. */
function tableNamed(template: Template, value: unknown): DeployedTable | null {
  // `${self:custom.table}`, `${env:TABLE}`: a variable of the framework, not read here.
  if (typeof value === 'string') return value && !value.includes('${') ? { name: value, label: value } : null;
  const reference = isRecord(value) ? value.Ref : undefined;
  if (typeof reference !== 'string') return null;
  const resources = at(template.root, template.model.tables.path);
  const resource = isRecord(resources) ? resources[reference] : undefined;
  if (!isRecord(resource) || !template.model.tables.types.includes(String(resource.Type))) return null;
  const name = at(resource, template.model.tables.name);
  return typeof name === 'string' && !name.includes('${')
    ? { name, label: name }
    : { resource: `${template.path}#${reference}`, label: reference };
}

/** The program's file a handler path names, whatever its extension. */
function handlerFile(byStem: ReadonlyMap<string, ts.SourceFile>, handler: string): ts.SourceFile | undefined {
  return byStem.get(handler) ?? byStem.get(`${handler}/index`);
}

function stem(fileName: string): string {
  const extension = HANDLER_EXTENSIONS.find((candidate) => fileName.endsWith(candidate));
  return extension ? fileName.slice(0, -extension.length) : fileName;
}

/** `folder` joined with relative parts, `.` and `..` resolved: `/repo` + `./src/` + `notes` → `/repo/src/notes`. */
function joinPath(folder: string, ...parts: string[]): string {
  const out = folder.split('/');
  for (const part of parts.flatMap((path) => path.split(/[\\/]/))) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
}

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dirname(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}
