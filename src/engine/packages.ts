import ts from 'typescript';

/** The package root of each file, found once per `SourceFile`. */
const roots = new WeakMap<ts.SourceFile, string>();

/**
 * The folder of the nearest `package.json` above a file (`''` where there is none, as in memory):
 * the unit that is built and deployed together, so a monorepo's packages are separate apps whose
 * configuration (environment variables, authentication) is their own.
 */
export function packageRootOf(file: ts.SourceFile): string {
  let root = roots.get(file);
  if (root === undefined) {
    const directory = file.fileName.slice(0, Math.max(0, file.fileName.lastIndexOf('/')));
    const found = directory && ts.findConfigFile(directory, (name) => ts.sys.fileExists(name), 'package.json');
    root = found ? found.slice(0, found.lastIndexOf('/')) : '';
    roots.set(file, root);
  }
  return root;
}
