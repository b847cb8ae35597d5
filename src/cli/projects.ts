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

export interface ScanProjects {
  /** Every file to lint, absolute. */
  readonly files: string[];
  /** One program per tsconfig.json that includes some of the files, nearest first, then the default program. */
  readonly programs: ts.Program[];
  /** The tsconfig.json files whose programs are used. */
  readonly configs: string[];
  /** How many files are in the default program. */
  readonly defaultProgramFiles: number;
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

/** The tsconfig.json files found, the nearest one above each path, and every project they reference. */
function parseConfigs(found: Iterable<string>): Map<string, ts.ParsedCommandLine> {
  const parsed = new Map<string, ts.ParsedCommandLine>();
  const queue = [...found];
  while (queue.length > 0) {
    const configPath = path.resolve(queue.shift()!);
    if (parsed.has(configPath)) continue;
    const config = parseConfig(configPath);
    parsed.set(configPath, config);
    for (const reference of config.projectReferences ?? []) queue.push(ts.resolveProjectReferencePath(reference));
  }
  return parsed;
}

/**
 * What `scan` lints and with which TypeScript programs. Each file is typed by the nearest
 * tsconfig.json that includes it (as an editor would); files that none includes share one default
 * program. Programs are built here rather than by the parser's project service because the
 * service has no efficient default for many loose files, and building them here also finds a
 * broken tsconfig.json before linting starts.
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
  const configs = [...parseConfigs(found)].sort(([a], [b]) => b.split(path.sep).length - a.split(path.sep).length);
  const owner = new Map<string, string>();
  for (const [configPath, config] of configs) {
    for (const name of config.fileNames) {
      const file = path.resolve(name);
      if (!owner.has(file)) owner.set(file, configPath);
    }
  }

  const used = new Set(unique.map((file) => owner.get(file)).filter((config) => config !== undefined));
  const programs: ts.Program[] = [];
  for (const [configPath, config] of configs) {
    if (!used.has(configPath)) continue;
    programs.push(
      ts.createProgram({
        rootNames: config.fileNames,
        options: config.options,
        projectReferences: config.projectReferences,
      }),
    );
  }
  const loose = unique.filter((file) => !owner.has(file));
  if (loose.length > 0) programs.push(ts.createProgram(loose, DEFAULT_OPTIONS));

  return {
    files: unique,
    programs,
    configs: configs.map(([configPath]) => configPath).filter((c) => used.has(c)),
    defaultProgramFiles: loose.length,
  };
}
