import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A scan input the user must fix (missing path, nothing to lint, broken tsconfig.json): exit code 2. */
export class ScanInputError extends Error {}

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;
/** Dependencies and build output: linting them would report code the user did not write. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', 'cdk.out']);

/**
 * Compiler options of the program for files that no tsconfig.json includes (JavaScript-only
 * projects, stray scripts): JavaScript is read for types but not type-checked, as an editor does.
 */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  // The most lenient resolution: extensionless imports, index files and `require` all resolve.
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
};

/** One TypeScript program of the scan and the files linted with it; built only when its turn comes. */
export interface ProgramPlan {
  /** The tsconfig.json that defines it, or undefined for the default program. */
  readonly config: string | undefined;
  /** The files linted with it, absolute. */
  readonly files: readonly string[];
  /** Builds the program. The scan builds one at a time and lets it go after linting its files. */
  readonly build: () => ts.Program;
}

export interface ScanProjects {
  /** Every file to lint, absolute. */
  readonly files: string[];
  /** One program per tsconfig.json that includes some of the files, nearest first, then the default program. */
  readonly plans: ProgramPlan[];
  /** The tsconfig.json files whose programs are used. */
  readonly configs: string[];
  /** How many files are in the default program. */
  readonly defaultProgramFiles: number;
  /** tsconfig.json files that could not be loaded; their files are linted in the default program. */
  readonly warnings: string[];
}

function isSourceFile(name: string): boolean {
  return SOURCE_FILE.test(name) && !DECLARATION_FILE.test(name);
}

/** Source files and tsconfig.json files under `dir`, skipping dependencies, build output and dot-directories. */
function walk(dir: string, files: string[], configs: Set<string>): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(full, files, configs);
    } else if (entry.isFile()) {
      if (entry.name === 'tsconfig.json') configs.add(full);
      else if (isSourceFile(entry.name)) files.push(full);
    }
  }
}

/** `file:line:column: message`, as compilers print it. */
function diagnosticText(diagnostic: ts.Diagnostic, configPath: string): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `${configPath}: ${text}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}:${line + 1}:${character + 1}: ${text}`;
}

/** The errors of a parse that make it unusable: TS18003 "No inputs were found" is an empty project, not a broken one. */
function configErrors(diagnostics: readonly ts.Diagnostic[]): ts.Diagnostic[] {
  return diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003);
}

/**
 * Whether the tsconfig.json loads without errors once its `extends` is left out: then only what
 * it extends is broken (a base file the repository does not hold, a package not installed), and
 * its own options (`paths`, `baseUrl`, `allowJs`, `jsx`, …) still say how its files are typed.
 */
function loadsWithoutExtends(configPath: string): boolean {
  const read = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  const config: unknown = read.config;
  if (read.error || typeof config !== 'object' || config === null || !('extends' in config)) return false;
  const own: Record<string, unknown> = { ...config };
  delete own.extends;
  const parsed = ts.parseJsonConfigFileContent(own, ts.sys, path.dirname(configPath), undefined, configPath);
  return configErrors(parsed.errors).length === 0;
}

/**
 * The parsed tsconfig.json, or a `ScanInputError` naming the file and what is wrong with it
 * (JSON syntax errors and invalid options alike). When only its `extends` is broken, the parse
 * (its own options, over whatever of its bases did load) is kept and the error is a warning.
 */
function parseConfig(configPath: string, warnings: string[]): ts.ParsedCommandLine {
  let unrecoverable: ts.Diagnostic | undefined;
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => (unrecoverable = diagnostic),
  });
  const errors = configErrors([
    ...(unrecoverable ? [unrecoverable] : []),
    ...(parsed ? ts.getConfigFileParsingDiagnostics(parsed) : []),
  ]);
  if (parsed && errors.length === 0) return parsed;
  const details = errors.map((d) => diagnosticText(d, configPath)).join('; ');
  const message = `broken tsconfig.json: ${details || `${configPath}: it could not be read`}`;
  if (parsed && loadsWithoutExtends(configPath)) {
    warnings.push(`${message} (its files are linted with its own compilerOptions, without what it extends)`);
    return parsed;
  }
  throw new ScanInputError(message);
}

/**
 * The tsconfig.json files found, the nearest one above each path, and every project they
 * reference. One that cannot be loaded (a syntax error, an invalid option) is left out with a
 * warning: its files are linted in the default program.
 */
function parseConfigs(found: Iterable<string>, warnings: string[]): Map<string, ts.ParsedCommandLine> {
  const parsed = new Map<string, ts.ParsedCommandLine>();
  const seen = new Set<string>();
  const queue = [...found];
  while (queue.length > 0) {
    const configPath = path.resolve(queue.shift()!);
    if (seen.has(configPath)) continue;
    seen.add(configPath);
    let config: ts.ParsedCommandLine;
    try {
      config = parseConfig(configPath, warnings);
    } catch (error) {
      if (!(error instanceof ScanInputError)) throw error;
      warnings.push(`${error.message} (its files are linted in the default program)`);
      continue;
    }
    parsed.set(configPath, config);
    for (const reference of referencedPaths(config)) queue.push(reference);
  }
  return parsed;
}

/** The tsconfig files a project's `references` name, absolute. */
function referencedPaths(config: ts.ParsedCommandLine): string[] {
  return (config.projectReferences ?? []).map((reference) => path.resolve(ts.resolveProjectReferencePath(reference)));
}

/** Orders tsconfig files nearest first: the deepest directory before those above it. */
function deeperFirst(a: string, b: string): number {
  return b.split(path.sep).length - a.split(path.sep).length;
}

/** The loaded projects each project references, directly or through others. */
function referencedClosure(configs: ReadonlyMap<string, ts.ParsedCommandLine>): Map<string, Set<string>> {
  const closure = new Map<string, Set<string>>();
  for (const [configPath, config] of configs) {
    const reached = new Set<string>();
    const stack = referencedPaths(config);
    while (stack.length > 0) {
      const next = stack.pop()!;
      const referenced = configs.get(next);
      if (reached.has(next) || !referenced) continue;
      reached.add(next);
      stack.push(...referencedPaths(referenced));
    }
    closure.set(configPath, reached);
  }
  return closure;
}

/**
 * The project that lints each file, of those that include it. A project that references another
 * including it yields to that one, as TypeScript gives a referenced project's files to it (a
 * solution tsconfig.json of an nx, Angular or Vite workspace lints only the files no reference
 * owns); among the rest the nearest, the deepest directory, as an editor picks.
 */
function fileOwners(configs: ReadonlyMap<string, ts.ParsedCommandLine>): Map<string, string> {
  const candidates = new Map<string, string[]>();
  for (const configPath of [...configs.keys()].sort(deeperFirst)) {
    for (const name of configs.get(configPath)!.fileNames) {
      const file = path.resolve(name);
      const including = candidates.get(file) ?? [];
      including.push(configPath);
      candidates.set(file, including);
    }
  }
  const references = referencedClosure(configs);
  const owner = new Map<string, string>();
  for (const [file, including] of candidates) {
    // A cycle of references leaves no project below all others: the nearest one then.
    const deepest = including.find((c) => !including.some((other) => other !== c && references.get(c)!.has(other)));
    owner.set(file, deepest ?? including[0]!);
  }
  return owner;
}

/**
 * A compiler host that shares TypeScript's own library files (`lib.*.d.ts`, megabytes that every
 * program of a scan parses alike) between the scan's programs, as the language service's document
 * registry shares files between projects: a declaration file's parse and binding do not depend on
 * the program. Only the libraries are kept, so the cache stays bounded however many projects a
 * tree holds.
 */
function libSharingHost(options: ts.CompilerOptions, libs: Map<string, ts.SourceFile>): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const libDir = path.dirname(ts.getDefaultLibFilePath(options));
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    if (path.dirname(fileName) !== libDir) return read(fileName, languageVersionOrOptions, onError, shouldCreate);
    const version =
      typeof languageVersionOrOptions === 'object'
        ? languageVersionOrOptions.languageVersion
        : languageVersionOrOptions;
    const key = `${version}:${fileName}`;
    let file = libs.get(key);
    if (!file) {
      file = read(fileName, languageVersionOrOptions, onError, shouldCreate);
      if (file) libs.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * What `scan` lints and with which TypeScript programs. Each file is typed by the nearest
 * tsconfig.json that includes it (as an editor would); files that none includes share one default
 * program. The scan builds these programs itself rather than through the parser's project service,
 * which has no efficient default for many loose files; it builds them one at a time, so its memory
 * is bounded by its largest program whatever the number of tsconfig.json files.
 */
export function findProjects(paths: readonly string[], cwd: string): ScanProjects {
  const files: string[] = [];
  const found = new Set<string>();
  for (const given of paths) {
    const target = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      throw new ScanInputError(`no such file or directory: ${given}`);
    }
    const before = files.length;
    if (stat.isDirectory()) {
      walk(target, files, found);
    } else if (isSourceFile(target)) {
      files.push(target);
    }
    if (files.length === before) throw new ScanInputError(`no TypeScript or JavaScript files in ${given}`);
    const above = ts.findConfigFile(stat.isDirectory() ? target : path.dirname(target), (file) =>
      ts.sys.fileExists(file),
    );
    if (above) found.add(above);
  }
  const unique = [...new Set(files)].sort();

  const warnings: string[] = [];
  const parsed = parseConfigs(found, warnings);
  const owner = fileOwners(parsed);
  const configs = [...parsed].sort(([a], [b]) => deeperFirst(a, b));

  const libs = new Map<string, ts.SourceFile>();
  const plans: ProgramPlan[] = [];
  for (const [configPath, config] of configs) {
    const files = unique.filter((file) => owner.get(file) === configPath);
    if (files.length === 0) continue;
    plans.push({
      config: configPath,
      files,
      // As in an editor, a referenced project's sources stand in for its build output: the program
      // holds its own files (TypeScript would otherwise swap those a reference also includes for
      // outputs), and imports of a referenced project are typed from its sources. `createProgram`
      // reads the flag from any host (TypeScript declares it on its watch hosts).
      build: () =>
        ts.createProgram({
          rootNames: config.fileNames,
          options: config.options,
          projectReferences: config.projectReferences,
          host: Object.assign(libSharingHost(config.options, libs), {
            useSourceOfProjectReferenceRedirect: () => true,
          }),
        }),
    });
  }
  const loose = unique.filter((file) => !owner.has(file));
  if (loose.length > 0)
    plans.push({
      config: undefined,
      files: loose,
      build: () =>
        ts.createProgram({ rootNames: loose, options: DEFAULT_OPTIONS, host: libSharingHost(DEFAULT_OPTIONS, libs) }),
    });

  return {
    files: unique,
    plans,
    configs: plans.flatMap((plan) => (plan.config ? [plan.config] : [])),
    defaultProgramFiles: loose.length,
    warnings,
  };
}
