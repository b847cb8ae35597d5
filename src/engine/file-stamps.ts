import ts from 'typescript';
import { isLibraryFile } from './ast.js';

/**
 * Version stamps of source files across the programs of one editor session, for caches that keep a
 * file's results beyond one `ts.Program`.
 *
 * An editor makes a new program on every keystroke; every file it did not edit keeps its
 * `ts.SourceFile` object. A file's stamp is an object that stays the same from one program to the
 * next exactly when the file, every own file it imports (transitively), and every own file that
 * can change types without being imported (declaration files, scripts, and modules with
 * `declare global` or `declare module '…'` augmentations) are the same `SourceFile` objects as
 * before, under the same compiler options object. A file in an import cycle gets a new stamp in
 * every program (its results are never reused). A cache entry recorded with a stamp is valid while
 * the file's stamp in the current program is that same object.
 *
 * Not covered: packages' declaration files (under node_modules) are assumed not to change during a
 * session; after a reinstall, kept results may be stale until the file is edited or the project
 * is reloaded.
 */
export interface FileStamps {
  of(file: ts.SourceFile): object;
}

interface StampRecord {
  readonly imports: readonly ts.SourceFile[];
  readonly importStamps: readonly object[];
  readonly globals: readonly ts.SourceFile[];
  readonly options: ts.CompilerOptions;
  readonly stamp: object;
}

/** The last stamp of each file object, whatever program it was computed in. */
const records = new WeakMap<ts.SourceFile, StampRecord>();
const IN_PROGRESS = Symbol('in progress');

/** The stamps of one program's files; `importsOf` lists the own files a file imports, resolved in that program. */
export function fileStamps(
  program: ts.Program,
  importsOf: (file: ts.SourceFile) => readonly ts.SourceFile[],
): FileStamps {
  const memo = new Map<ts.SourceFile, object | typeof IN_PROGRESS>();
  const options = program.getCompilerOptions();
  let globals: readonly ts.SourceFile[] | undefined;
  const globalFiles = () =>
    (globals ??= program
      .getSourceFiles()
      .filter(
        (file) =>
          !program.isSourceFileDefaultLibrary(file) &&
          !isLibraryFile(file) &&
          (file.isDeclarationFile || !ts.isExternalModule(file) || augments(file)),
      ));
  const of = (file: ts.SourceFile): object => {
    const known = memo.get(file);
    // A cycle: no stamp is stable, so the files on it get new ones.
    if (known === IN_PROGRESS) return {};
    if (known) return known;
    memo.set(file, IN_PROGRESS);
    const imports = importsOf(file);
    const importStamps = imports.map(of);
    const current = globalFiles();
    const last = records.get(file);
    const same =
      last !== undefined &&
      sameList(last.imports, imports) &&
      sameList(last.importStamps, importStamps) &&
      sameList(last.globals, current) &&
      last.options === options;
    const stamp = same ? last.stamp : {};
    if (!same) records.set(file, { imports, importStamps, globals: current, options, stamp });
    memo.set(file, stamp);
    return stamp;
  };
  return { of };
}

/** A module that changes types for others: `declare global { … }`, `declare module 'x' { … }`. */
function augments(file: ts.SourceFile): boolean {
  return file.statements.some(
    (statement) =>
      ts.isModuleDeclaration(statement) &&
      (ts.isStringLiteral(statement.name) || (statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0),
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
