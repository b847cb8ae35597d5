import ts from 'typescript';
import { ownSourceFiles } from './ast.js';
import { installedAs } from './types.js';

/**
 * perf: whether a program holds any trace of some packages: a file installed as one of them (or as
 * its `@types`), or a file whose text names one (an import or `require` of it, also one the checker
 * cannot resolve). A program without such a trace has no symbol declared in those packages or
 * imported from them, so none of its calls is theirs and the checker need not be asked.
 * Both tests are kept per source file, which an editor's next program reuses when the file did not
 * change (the libraries' declaration files, most of a program, never do).
 */
const testedIn = new WeakMap<ts.SourceFile, Map<string, boolean>>();

export function holdsPackages(program: ts.Program, packages: readonly string[]): boolean {
  if (!packages.length) return false;
  const words = new RegExp(packages.map((pkg) => pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));
  const installed = (file: ts.SourceFile) => {
    const fileName = file.fileName.replace(/\\/g, '/');
    return packages.some((pkg) => installedAs(fileName, pkg));
  };
  return program
    .getSourceFiles()
    .some((file) => remembered(file, `installed:${words.source}`, installed) || names(file, words));
}

/**
 * perf: whether an own file of the program holds text that marks a library's code where no package
 * is named (an APPSYNC_JS resolver's `export function request`, its `util` a runtime global).
 */
export function holdsText(program: ts.Program, pattern: RegExp): boolean {
  return ownSourceFiles(program).some((file) => names(file, pattern));
}

function names(file: ts.SourceFile, words: RegExp): boolean {
  return remembered(file, words.source, () => words.test(file.text));
}

function remembered(file: ts.SourceFile, test: string, compute: (file: ts.SourceFile) => boolean): boolean {
  let tested = testedIn.get(file);
  if (!tested) testedIn.set(file, (tested = new Map<string, boolean>()));
  let found = tested.get(test);
  if (found === undefined) tested.set(test, (found = compute(file)));
  return found;
}
