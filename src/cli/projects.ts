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

/** The parsed tsconfig.json, or a `ScanInputError` naming the file and what is wrong with it. */
function parseConfig(configPath: string): ts.ParsedCommandLine {
  let unrecoverable: ts.Diagnostic | undefined;
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => (unrecoverable = diagnostic),
  });
  // JSON syntax errors and invalid options alike; TS18003 "No inputs were found" is an empty project, not a broken one.
  const errors = [
    ...(unrecoverable ? [unrecoverable] : []),
    ...(parsed ? ts.getConfigFileParsingDiagnostics(parsed) : []),
  ].filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003);
  if (!parsed || errors.length > 0) {
    const details = errors.map((d) => diagnosticText(d, configPath)).join('; ');
    throw new ScanInputError(`broken tsconfig.json: ${details || `${configPath}: it could not be read`}`);
  }
  return parsed;
}

/**
 * The tsconfig.json files found, the nearest one above each path, and every project they
 * reference. One that cannot be loaded (a syntax error, an `extends` package that is not
 * installed) is left out with a warning: its files are linted in the default program.
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
      config = parseConfig(configPath);
    } catch (error) {
      if (!(error instanceof ScanInputError)) throw error;
      warnings.push(`${error.message} (its files are linted in the default program)`);
      continue;
    }
    parsed.set(configPath, config);
    for (const reference of config.projectReferences ?? []) queue.push(ts.resolveProjectReferencePath(reference));
  }
  return parsed;
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

  // Nearest first: a file included by a package's tsconfig.json and by the root's gets the package's.
  const warnings: string[] = [];
  const configs = [...parseConfigs(found, warnings)].sort(
    ([a], [b]) => b.split(path.sep).length - a.split(path.sep).length,
  );
  const owner = new Map<string, string>();
  for (const [configPath, config] of configs) {
    for (const name of config.fileNames) {
      const file = path.resolve(name);
      if (!owner.has(file)) owner.set(file, configPath);
    }
  }

  const libs = new Map<string, ts.SourceFile>();
  const plans: ProgramPlan[] = [];
  for (const [configPath, config] of configs) {
    const files = unique.filter((file) => owner.get(file) === configPath);
    if (files.length === 0) continue;
    plans.push({
      config: configPath,
      files,
      build: () =>
        ts.createProgram({
          rootNames: config.fileNames,
          options: config.options,
          projectReferences: config.projectReferences,
          host: libSharingHost(config.options, libs),
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
