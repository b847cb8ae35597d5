import ts from 'typescript';

/**
 * The folder a program's own files live in (their deepest common folder, or the package or
 * repository it lies in when a tsconfig includes only `src/`), and a file system host that reads
 * nothing outside it. The fallback import resolution reads configs and manifests of the
 * linted code (`tsconfig.json` `paths`, `package.json` `imports`) on its own, beside what the
 * program read: bounded to this folder, it cannot pick up a config of whatever happens to lie above
 * the checkout (a home folder's `tsconfig.json`), nor a file a mapping points outside the project.
 */
export interface FolderHost extends ts.ParseConfigHost {
  /** For module resolution (`ts.ModuleResolutionHost`). */
  directoryExists(name: string): boolean;
  /** Whether a path lies inside the folder (the folder itself included). */
  inside(name: string): boolean;
}

/** How many folders above the program's files their package root (`package.json`) or repository root (`.git`) may be. */
const MAX_ROOT_CLIMB = 4;

/**
 * The host of a program's folder: the deepest folder holding every own (non-declaration,
 * non-package) file, widened to the package or repository root just above it (the
 * `package.json` beside a `tsconfig.json` whose `include` is `src/`).
 */
export function programFolderHost(program: ts.Program): FolderHost {
  // perf: found on the first read, not for every program (an editor's keystroke makes one).
  let folder: string | undefined | null = null;
  const inside = (name: string) => {
    if (folder === null) {
      const common = commonFolder(ownFolders(program));
      folder = common && projectRoot(common);
    }
    const normal = slashes(name);
    return (
      folder !== undefined && (normal === folder || normal.startsWith(folder.endsWith('/') ? folder : `${folder}/`))
    );
  };
  return {
    inside,
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    // Configs are read for their options only: their `include` globs are not enumerated.
    readDirectory: () => [],
    fileExists: (name) => inside(name) && ts.sys.fileExists(name),
    readFile: (name) => (inside(name) ? ts.sys.readFile(name) : undefined),
    directoryExists: (name) => inside(name) && ts.sys.directoryExists(name),
  };
}

function* ownFolders(program: ts.Program): Generator<string> {
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file)) continue;
    const name = slashes(file.fileName);
    if (!name.includes('/node_modules/')) yield name.slice(0, name.lastIndexOf('/')) || '/';
  }
}

/** The nearest folder at or a few above `folder` that holds a `package.json` or `.git`; else `folder`. */
function projectRoot(folder: string): string {
  let current = folder;
  for (let climbed = 0; climbed <= MAX_ROOT_CLIMB; climbed++) {
    if (ts.sys.fileExists(`${current}/package.json`) || ts.sys.directoryExists(`${current}/.git`)) return current;
    const cut = current.lastIndexOf('/');
    const parent = cut < 0 ? current : current.slice(0, cut) || '/';
    if (parent === current) break;
    current = parent;
  }
  return folder;
}

/** The deepest folder that holds all the given folders (by path segments); undefined for none. */
function commonFolder(folders: Iterable<string>): string | undefined {
  let common: string[] | undefined;
  for (const folder of folders) {
    const parts = folder.split('/');
    if (!common) {
      common = parts;
      continue;
    }
    let same = 0;
    while (same < common.length && same < parts.length && common[same] === parts[same]) same++;
    common.length = same;
  }
  return common && (common.join('/') || '/');
}

function slashes(name: string): string {
  return name.replaceAll('\\', '/');
}
