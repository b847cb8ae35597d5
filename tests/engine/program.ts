import path from 'node:path';
import ts from 'typescript';
import { Tracer } from '../../src/engine/flow/tracer.js';
import type { EngineModel } from '../../src/engine/model.js';
import { sourcesOf } from '../../src/engine/taint.js';
import type { Taint } from '../../src/engine/taint.js';

/** Virtual files live under this directory; `node_modules/<pkg>/index.d.ts` stubs resolve like packages. */
const ROOT = '/virtual';
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
};
/** The standard library is parsed once per test file, then shared by every program. */
const libraries = new Map<string, ts.SourceFile | undefined>();

/**
 * A typed program of small in-memory files (no ESLint, no disk beyond TypeScript's own lib), for
 * unit tests of the engine. `files` maps paths relative to the virtual root to their text. With a
 * `previous` program, a file whose text is unchanged keeps its `SourceFile` object, as in an
 * editor's next program after an edit.
 */
export function programOf(files: Readonly<Record<string, string>>, previous?: ts.Program): ts.Program {
  const texts = new Map(Object.entries(files).map(([name, text]) => [path.posix.join(ROOT, name), text]));
  const host = ts.createCompilerHost(OPTIONS);
  const defaultGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language) => {
    const text = texts.get(fileName);
    const kept = previous?.getSourceFile(fileName);
    if (kept && kept.text === text) return kept;
    if (text !== undefined) return ts.createSourceFile(fileName, text, language, true);
    if (!libraries.has(fileName)) libraries.set(fileName, defaultGetSourceFile(fileName, language));
    return libraries.get(fileName);
  };
  const defaultFileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => texts.has(fileName) || (!fileName.startsWith(ROOT) && defaultFileExists(fileName));
  const defaultReadFile = host.readFile.bind(host);
  host.readFile = (fileName) => texts.get(fileName) ?? defaultReadFile(fileName);
  host.getCurrentDirectory = () => ROOT;
  host.directoryExists = (name) => !name.startsWith(ROOT) || [...texts.keys()].some((file) => file.startsWith(name));
  host.getDirectories = () => [];
  const roots = [...texts.keys()].filter((name) => !name.includes('/node_modules/'));
  return ts.createProgram(roots, OPTIONS, host);
}

export function sourceFile(program: ts.Program, name: string): ts.SourceFile {
  const file = program.getSourceFile(path.posix.join(ROOT, name));
  if (!file) throw new Error(`no file ${name}`);
  return file;
}

/** The expression of the `return` in the function named `name`, or the initialiser of the variable. */
export function returned(file: ts.SourceFile, name: string): ts.Expression {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === name && node.body) {
      const last = node.body.statements[node.body.statements.length - 1];
      if (last && ts.isReturnStatement(last)) found = last.expression;
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) {
      found = node.initializer;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!found) throw new Error(`nothing returned by ${name}`);
  return found;
}

/** `Req` from `types.ts`: `params` and `query` are sources, `user` is the caller. */
export const TYPES = `export interface Req { params: Record<string, string>; query: Record<string, string>; body: any; user: { sub: string; role: string } }\n`;

export const MODEL: EngineModel = {
  requestObjects: [
    {
      framework: 'Test',
      types: [{ from: 'file', path: 'types.ts', name: 'Req' }],
      sources: { params: 'route parameter', query: 'query string', body: 'request body' },
      principals: [['user']],
    },
  ],
};

export function tracerOf(files: Readonly<Record<string, string>>, model: EngineModel = MODEL): Tracer {
  return new Tracer(programOf({ 'types.ts': TYPES, ...files }), model);
}

/** The source types a value carries, in order. */
export function sourceTypes(taint: Taint): string[] {
  return sourcesOf(taint).map((source) => source.sourceType);
}

export function kinds(taint: Taint): string[] {
  return [...new Set(taint.alts.flat().map((origin) => origin.kind))].sort();
}
