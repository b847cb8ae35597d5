import path from 'node:path';
import ts from 'typescript';
import { ownSourceFiles, skipOuter } from './ast.js';
import { type FolderHost, programFolderHost } from './program-folder.js';
import { type BundlerResolution, WEBPACK_CONFIGS, bundlerPaths, readWebpackResolution } from './bundler-config.js';

/** Specifiers that by convention name a package's own source root (`@/*`, `~/*`). */
const ROOT_ALIAS = /^[@~]\/./;
/** Where such an alias points when no config says: the package root, `src/`, `app/` (Next.js). */
const ROOT_ALIAS_FOLDERS = ['', 'src', 'app'];
/** A package specifier (`pkg`, `@scope/pkg/sub`), not a path, an alias of the root or a subpath import. */
const BARE_SPECIFIER = /^(?:@[\w-][\w.-]*\/)?[\w-][\w.-]*(?:\/|$)/;
/** Package manifests read for the names of the program's own packages. */
const MAX_WORKSPACE_MANIFESTS = 200;
/** How many alias hops (`export { x } from '@/b'` in turn unresolved) are followed. */
const MAX_ALIAS_HOPS = 4;

/**
 * An import the program cannot resolve is followed through the path mapping of the nearest
 * tsconfig of the importing file, and a `#subpath` import through the `imports` map of its
 * nearest package.json. A program linted with one root tsconfig (a monorepo, or a
 * corpus) does not know the `paths` each package declares for itself (`@/lib/db`): the checker
 * gives every name imported that way the unknown symbol. When the nearest `tsconfig.json` (or, in
 * a JavaScript project, `jsconfig.json`) above the importing file resolves the specifier to a file
 * the program holds, the imported name is that file's export. Caches are per program; a broken or missing config resolves nothing.
 * Configs, manifests and mapped files are read only inside the folder of the program's own files
 * (`program-folder.ts`): `extends` and `paths` that point outside it resolve nothing.
 */
export class UnresolvedImports {
  private readonly host: FolderHost;
  // A JavaScript project (`create-next-app` without TypeScript) declares its `@/*` alias in jsconfig.json.
  private readonly configs: NearestFile<ts.CompilerOptions>;
  private readonly fileBySpecifier = new Map<string, ts.SourceFile | null>();
  private readonly packages: NearestFile<ImportsMap>;
  private readonly manifests: NearestFile<true>;
  /** The nearest webpack config's `resolve.modules` and `resolve.alias` (`bundler-config.ts`). */
  private readonly bundlers: NearestFile<BundlerResolution>;
  /** The packages of the program's own folder by their `name` (an npm, pnpm or yarn workspace's members). */
  private workspace?: Map<string, { root: string; manifest: Manifest }>;

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
  ) {
    const host = programFolderHost(program);
    this.host = host;
    this.configs = new NearestFile(host, ['tsconfig.json', 'jsconfig.json'], (file) => readOptions(file, host));
    this.packages = new NearestFile(host, ['package.json'], (file) => readImports(file, host));
    this.manifests = new NearestFile(host, ['package.json'], () => true);
    this.bundlers = new NearestFile(host, WEBPACK_CONFIGS, (file) => readWebpackResolution(file, host));
  }

  /** The program's file a module specifier names: the checker's answer, else the nearest tsconfig's. */
  moduleFile(specifier: ts.Expression): ts.SourceFile | undefined {
    const resolved = this.checker.getSymbolAtLocation(specifier)?.valueDeclaration;
    if (resolved && ts.isSourceFile(resolved)) return resolved;
    if (!ts.isStringLiteralLike(specifier)) return undefined;
    return this.fallbackFile(specifier.text, specifier.getSourceFile().fileName);
  }

  /**
   * What an import alias stands for when the checker could not resolve its module: the exported
   * symbol of the file the nearest tsconfig resolves it to (the module's own symbol for a
   * namespace import or a whole `require`). `undefined` when the alias is resolved, or stays not.
   */
  aliasTarget(alias: ts.Symbol, hops = 0): ts.Symbol | undefined {
    const declaration = alias.declarations?.[0];
    if (!declaration || hops > MAX_ALIAS_HOPS) return undefined;
    const imported = importedName(declaration);
    if (!imported) return undefined;
    const file = this.moduleFile(imported.specifier);
    const moduleSymbol = file && this.checker.getSymbolAtLocation(file);
    if (!moduleSymbol) return undefined;
    if (imported.name === undefined) return moduleSymbol;
    return this.member(moduleSymbol, imported.name, hops);
  }

  /**
   * One hop of an alias, where `aliasTarget` goes to the end: what the alias names directly, by the
   * checker, else through this fallback when the checker cannot resolve its module
   * (`import { Entity } from '#lib/entity'` → the wrapper's `export { Entity }`; that → the
   * wrapper's own `import { Entity } from 'pkg'`). A caller that asks at each hop whether a name
   * was imported from a package sees the package's import even where the package has no types.
   */
  aliasStep(alias: ts.Symbol): ts.Symbol | undefined {
    const declaration = alias.declarations?.[0];
    if (!declaration || !(alias.flags & ts.SymbolFlags.Alias)) return undefined;
    try {
      if (ts.isExportSpecifier(declaration) && !declaration.parent.parent.moduleSpecifier)
        return this.checker.getExportSpecifierLocalTargetSymbol(declaration);
      const immediate = this.checker.getImmediateAliasedSymbol(alias);
      if (immediate?.declarations?.length) return immediate;
      const imported = importedName(declaration);
      if (!imported) return undefined;
      const file = this.moduleFile(imported.specifier);
      const moduleSymbol = file && this.checker.getSymbolAtLocation(file);
      if (!moduleSymbol || imported.name === undefined) return moduleSymbol;
      return this.checker.tryGetMemberInModuleExports(imported.name, moduleSymbol);
    } catch {
      return undefined;
    }
  }

  /** An export of a module symbol, through further aliases (resolved by the checker or by this fallback). */
  member(moduleSymbol: ts.Symbol, name: string, hops = 0): ts.Symbol | undefined {
    let found: ts.Symbol | undefined;
    try {
      found = this.checker.tryGetMemberInModuleExports(name, moduleSymbol);
    } catch {
      return undefined;
    }
    if (!found || !(found.flags & ts.SymbolFlags.Alias)) return found;
    const aliased = this.checker.getAliasedSymbol(found);
    if (aliased.declarations?.length) return aliased;
    return this.aliasTarget(found, hops + 1);
  }

  private fallbackFile(specifier: string, importer: string): ts.SourceFile | undefined {
    const directory = path.dirname(importer);
    const key = `${directory}\u0000${specifier}`;
    const cached = this.fileBySpecifier.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let found: ts.SourceFile | undefined;
    try {
      const options = this.optionsFor(directory);
      if (options) {
        const resolved = ts.resolveModuleName(specifier, importer, options, this.host).resolvedModule;
        if (resolved && !resolved.isExternalLibraryImport)
          found = this.program.getSourceFile(resolved.resolvedFileName);
      }
      if (!found && specifier.startsWith('#')) found = this.subpathImport(specifier, directory);
      if (!found && BARE_SPECIFIER.test(specifier)) found = this.workspacePackage(specifier);
      if (!found && !specifier.startsWith('.') && !path.isAbsolute(specifier))
        found = this.bundlerMapped(specifier, directory);
      if (!found && !options?.paths && ROOT_ALIAS.test(specifier)) found = this.rootAlias(specifier, directory);
    } catch {
      found = undefined;
    }
    this.fileBySpecifier.set(key, found ?? null);
    return found;
  }

  /**
   * `#entities/Devices` through the `imports` map of the nearest package.json (Node subpath
   * imports): the program's file its target names, the target's `.js` read as the `.ts` it is
   * built from, an extensionless target completed as TypeScript would.
   */
  private subpathImport(specifier: string, directory: string): ts.SourceFile | undefined {
    const manifest = this.packages.find(directory);
    const target = manifest && importTarget(manifest.value, specifier);
    if (!manifest || !target?.startsWith('./')) return undefined;
    const base = path.resolve(path.dirname(manifest.file), target);
    for (const candidate of sourceCandidates(base)) {
      const file = this.program.getSourceFile(candidate);
      if (file) return file;
    }
    return undefined;
  }

  /**
   * `@app/core/notes` where the package `@app/core` is one of the program's own (a workspace member a
   * package manager links into `node_modules`, which a checkout without installed dependencies
   * lacks): the file its `exports` map names for the subpath, else its `main` for the package
   * itself, else the subpath as a path inside the package (or its `src/`).
   */
  private workspacePackage(specifier: string): ts.SourceFile | undefined {
    const [, name, rest] = /^((?:@[^/]+\/)?[^/]+)(?:\/(.*))?$/.exec(specifier) ?? [];
    const member = name === undefined ? undefined : this.workspacePackages().get(name);
    if (!member) return undefined;
    const { root, manifest } = member;
    const subpath = rest === undefined ? '.' : `./${rest}`;
    const exported = exportTarget(manifest.exports, subpath);
    const targets = exported
      ? [exported]
      : rest === undefined
        ? [manifest.main ?? 'index', 'src/index']
        : [rest, `src/${rest}`];
    for (const target of targets)
      for (const candidate of sourceCandidates(path.resolve(root, target))) {
        const file = this.program.getSourceFile(candidate);
        if (file) return file;
      }
    return undefined;
  }

  private workspacePackages(): Map<string, { root: string; manifest: Manifest }> {
    if (this.workspace) return this.workspace;
    this.workspace = new Map();
    const seen = new Set<string>();
    for (const file of ownSourceFiles(this.program)) {
      const found = this.manifests.find(path.dirname(file.fileName));
      if (!found || seen.has(found.file)) continue;
      seen.add(found.file);
      const manifest = readManifest(found.file, this.host);
      if (manifest?.name && !this.workspace.has(manifest.name))
        this.workspace.set(manifest.name, { root: path.dirname(found.file), manifest });
      if (seen.size >= MAX_WORKSPACE_MANIFESTS) break;
    }
    return this.workspace;
  }

  /**
   * `utils/db-client` where no package and no tsconfig resolves it, but the nearest webpack config
   * does (`resolve.modules: [path.resolve(__dirname, 'src')]`, `resolve.alias: { utils: … }`): the
   * program's file the bundler maps it to, as it builds the app.
   */
  private bundlerMapped(specifier: string, directory: string): ts.SourceFile | undefined {
    const resolution = this.bundlers.find(directory)?.value;
    if (!resolution) return undefined;
    for (const base of bundlerPaths(resolution, specifier))
      for (const candidate of sourceCandidates(base)) {
        const file = this.program.getSourceFile(candidate);
        if (file) return file;
      }
    return undefined;
  }

  /**
   * `@/lib/db` or `~/lib/db` where no config in sight maps it (a repository extracted without its
   * tsconfig, a config the lint does not read): the alias names its package's source root by
   * convention, so the specifier is the one file of the program under the package root, its
   * `src/` or its `app/` that it completes to. Two or more candidates resolve nothing.
   */
  private rootAlias(specifier: string, directory: string): ts.SourceFile | undefined {
    const manifest = this.manifests.find(directory);
    if (!manifest) return undefined;
    const root = path.dirname(manifest.file);
    const rest = specifier.slice(2);
    const found = new Set<ts.SourceFile>();
    for (const folder of ROOT_ALIAS_FOLDERS)
      for (const candidate of sourceCandidates(path.join(root, folder, rest))) {
        const file = this.program.getSourceFile(candidate);
        if (file) {
          found.add(file);
          break;
        }
      }
    return found.size === 1 ? [...found][0] : undefined;
  }

  /** The compiler options of the nearest `tsconfig.json` above a directory (its `paths`, its `baseUrl`). */
  private optionsFor(directory: string): ts.CompilerOptions | undefined {
    return this.configs.find(directory)?.value;
  }
}

/**
 * The nearest file of the given names above a directory inside the host's folder (the first name
 * wins within a folder), and what a reader makes of it; both cached.
 */
class NearestFile<T> {
  private readonly byDirectory = new Map<string, string | null>();
  private readonly byFile = new Map<string, T | null>();

  constructor(
    private readonly host: FolderHost,
    private readonly fileNames: readonly string[],
    private readonly read: (file: string) => T | null,
  ) {}

  /** The file and what it holds; undefined when there is none above the directory or it cannot be read. */
  find(directory: string): { file: string; value: T } | undefined {
    let file = this.byDirectory.get(directory);
    if (file === undefined) {
      file = this.nearest(directory);
      this.byDirectory.set(directory, file);
    }
    if (file === null) return undefined;
    let value = this.byFile.get(file);
    if (value === undefined) {
      value = this.read(file);
      this.byFile.set(file, value);
    }
    return value === null ? undefined : { file, value };
  }

  private nearest(directory: string): string | null {
    for (let current = directory; this.host.inside(current);) {
      for (const name of this.fileNames) {
        const candidate = path.join(current, name);
        if (this.host.fileExists(candidate)) return candidate;
      }
      const parent = path.dirname(current);
      if (parent === current) return null;
      current = parent;
    }
    return null;
  }
}

/** A config's compiler options, through its `extends` chain (configs outside the host's folder are not read). */
function readOptions(config: string, host: FolderHost): ts.CompilerOptions | null {
  try {
    const read = ts.readConfigFile(config, (name) => host.readFile(name));
    if (read.error || typeof read.config !== 'object' || read.config === null) return null;
    const parsed = ts.parseJsonConfigFileContent(read.config, host, path.dirname(config), undefined, config);
    return parsed.options;
  } catch {
    return null;
  }
}

/** A package.json `imports` field: `#name` or `#prefix/*` keys to targets (strings, or objects of conditions). */
type ImportsMap = Readonly<Record<string, unknown>>;

/** Conditions tried in order when a target is an object of conditions. */
const CONDITIONS = ['types', 'import', 'node', 'require', 'default'];
/** How deep nested conditions are followed. */
const MAX_CONDITION_DEPTH = 4;
/** TypeScript sources a built `.js` file comes from, and the extensions an extensionless target may have. */
const BUILT_SOURCES: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};
const COMPLETIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mts', '.cts', '/index.ts', '/index.tsx', '/index.js'];

function readImports(manifest: string, host: FolderHost): ImportsMap | null {
  try {
    const text = host.readFile(manifest);
    const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
    const imports =
      typeof parsed === 'object' && parsed !== null ? (parsed as { imports?: unknown }).imports : undefined;
    return typeof imports === 'object' && imports !== null ? (imports as ImportsMap) : null;
  } catch {
    return null;
  }
}

/** What a workspace member's package.json says of where its modules are. */
interface Manifest {
  readonly name?: string;
  readonly main?: string;
  readonly exports?: unknown;
}

function readManifest(file: string, host: FolderHost): Manifest | null {
  try {
    const text = host.readFile(file);
    const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { name, main, module, exports } = parsed as Record<string, unknown>;
    const entry = typeof module === 'string' ? module : typeof main === 'string' ? main : undefined;
    return { ...(typeof name === 'string' ? { name } : {}), ...(entry ? { main: entry } : {}), exports };
  } catch {
    return null;
  }
}

/**
 * The target a package's `exports` gives a subpath (`.` or `./notes`): a string or conditions for
 * the package itself, else the map's entry for the subpath (exact, or a `./*` pattern).
 */
function exportTarget(exports: unknown, subpath: string): string | undefined {
  if (exports === undefined || exports === null) return undefined;
  const map = typeof exports === 'object' && !Array.isArray(exports) ? (exports as ImportsMap) : undefined;
  if (map && Object.keys(map).some((key) => key.startsWith('.'))) return importTarget(map, subpath);
  return subpath === '.' ? conditionTarget(exports, 0) : undefined;
}

/** The target a specifier maps to: an exact key, else the pattern with the longest prefix (Node's order). */
function importTarget(imports: ImportsMap, specifier: string): string | undefined {
  if (Object.hasOwn(imports, specifier)) return conditionTarget(imports[specifier], 0);
  let best: { key: string; prefix: string; suffix: string } | undefined;
  for (const key of Object.keys(imports)) {
    const star = key.indexOf('*');
    if (star < 0 || key.includes('*', star + 1)) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (specifier.length < key.length - 1 || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    if (!best || prefix.length > best.prefix.length) best = { key, prefix, suffix };
  }
  if (!best) return undefined;
  const target = conditionTarget(imports[best.key], 0);
  const matched = specifier.slice(best.prefix.length, specifier.length - best.suffix.length);
  return target?.replaceAll('*', matched);
}

function conditionTarget(value: unknown, depth: number): string | undefined {
  if (typeof value === 'string') return value;
  if (depth > MAX_CONDITION_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (const element of value as unknown[]) {
      const found = conditionTarget(element, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const conditions = value as Record<string, unknown>;
  for (const condition of CONDITIONS) {
    const found = Object.hasOwn(conditions, condition) ? conditionTarget(conditions[condition], depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The file names a target may be in the program: as written, its TypeScript source, or completed. */
function sourceCandidates(base: string): string[] {
  const extension = path.extname(base);
  const built = BUILT_SOURCES[extension];
  if (built) {
    const stem = base.slice(0, -extension.length);
    return built.map((source) => stem + source);
  }
  if (/\.(?:[cm]?tsx?|jsx)$/.test(base)) return [base];
  return COMPLETIONS.map((completion) => base + completion);
}

/** The module specifier an alias declaration imports from, and the exported name (`undefined`: the whole module). */
export function importedName(
  declaration: ts.Declaration,
): { specifier: ts.Expression; name: string | undefined } | undefined {
  if (ts.isImportSpecifier(declaration)) {
    return {
      specifier: declaration.parent.parent.parent.moduleSpecifier,
      name: (declaration.propertyName ?? declaration.name).text,
    };
  }
  if (ts.isImportClause(declaration)) return { specifier: declaration.parent.moduleSpecifier, name: 'default' };
  if (ts.isNamespaceImport(declaration))
    return { specifier: declaration.parent.parent.moduleSpecifier, name: undefined };
  if (ts.isExportSpecifier(declaration)) {
    const specifier = declaration.parent.parent.moduleSpecifier;
    return specifier ? { specifier, name: (declaration.propertyName ?? declaration.name).text } : undefined;
  }
  if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference))
    return { specifier: declaration.moduleReference.expression, name: undefined };
  if (ts.isVariableDeclaration(declaration)) {
    const specifier = requiredSpecifier(declaration.initializer);
    return specifier ? { specifier, name: undefined } : undefined;
  }
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
    const holder = declaration.parent.parent;
    const specifier = ts.isVariableDeclaration(holder) ? requiredSpecifier(holder.initializer) : undefined;
    const key = declaration.propertyName ?? declaration.name;
    return specifier && (ts.isIdentifier(key) || ts.isStringLiteral(key)) ? { specifier, name: key.text } : undefined;
  }
  return undefined;
}

/** `require('x')` → the `'x'` literal. */
export function requiredSpecifier(initializer: ts.Expression | undefined): ts.Expression | undefined {
  const call = initializer && skipOuter(initializer);
  return call &&
    ts.isCallExpression(call) &&
    ts.isIdentifier(call.expression) &&
    call.expression.text === 'require' &&
    call.arguments.length === 1 &&
    ts.isStringLiteralLike(call.arguments[0]!)
    ? call.arguments[0]
    : undefined;
}

const byProgram = new WeakMap<ts.Program, UnresolvedImports>();

/** The fallback import resolution of a program (one per program). */
export function unresolvedImportsFor(program: ts.Program): UnresolvedImports {
  let found = byProgram.get(program);
  if (!found) {
    found = new UnresolvedImports(program, program.getTypeChecker());
    byProgram.set(program, found);
  }
  return found;
}
