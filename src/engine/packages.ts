import ts from 'typescript';

/** The package root and the app root of each file, found once per `SourceFile`. */
const roots = new WeakMap<ts.SourceFile, string>();
const appRoots = new WeakMap<ts.SourceFile, string>();
/** Folders already walked for `besidePackages`, with their answer (many files share a folder). */
const besideMemo = new Map<string, string>();
/** Bound on the memo: a long editor session walks a few folders only, a scan of many trees more. */
const MAX_BESIDE_MEMO = 2_000;
/** Bound on the sibling folders read for a package.json at each level. */
const MAX_SIBLINGS = 200;

/**
 * The folder of the nearest `package.json` above a file (`''` where there is none, as in memory):
 * the unit that is built and deployed together, so a monorepo's packages are separate apps whose
 * configuration (environment variables, authentication) is their own.
 */
export function packageRootOf(file: ts.SourceFile): string {
  let root = roots.get(file);
  if (root === undefined) {
    const directory = dirname(file.fileName);
    const found = directory && ts.findConfigFile(directory, (name) => ts.sys.fileExists(name), 'package.json');
    root = found ? found.slice(0, found.lastIndexOf('/')) : besidePackages(directory);
    roots.set(file, root);
  }
  return root;
}

/**
 * The folder of the outermost `package.json` above a file, looking no higher than the repository
 * root (the folder that holds `.git`); `''` where there is none. Names written as constants (a
 * table `'Users'`) are shared by one app: a monorepo's packages see one `Users` table, while
 * repositories linted in one program, each with a package of its own, are separate apps.
 */
export function appRootOf(file: ts.SourceFile): string {
  let root = appRoots.get(file);
  if (root === undefined) {
    root = '';
    for (let directory = dirname(file.fileName); directory; directory = dirname(directory)) {
      if (ts.sys.fileExists(`${directory}/package.json`)) root = directory;
      if (ts.sys.directoryExists(`${directory}/.git`)) break;
    }
    if (!root) root = besidePackages(dirname(file.fileName));
    appRoots.set(file, root);
  }
  return root;
}

/**
 * For a file with no `package.json` above it: the folder above it that sits beside a package (a
 * sibling folder holding a `package.json`), as a repository checked out or extracted next to
 * others does, so that such repositories linted in one program stay apart; `''` where none does.
 */
function besidePackages(directory: string): string {
  const known = besideMemo.get(directory);
  if (known !== undefined) return known;
  let found = '';
  for (let folder = directory; dirname(folder); folder = dirname(folder)) {
    const parent = dirname(folder);
    const siblings = ts.sys.getDirectories(parent).slice(0, MAX_SIBLINGS);
    const name = folder.slice(parent.length + 1);
    if (siblings.some((sibling) => sibling !== name && ts.sys.fileExists(`${parent}/${sibling}/package.json`))) {
      found = folder;
      break;
    }
  }
  if (besideMemo.size >= MAX_BESIDE_MEMO) besideMemo.clear();
  besideMemo.set(directory, found);
  return found;
}

/** The parent folder of a path, `''` above the top (`/`, `C:`, or an in-memory name). */
function dirname(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}
