import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageInfo {
  readonly name: string;
  readonly version: string;
  /** The repository's web address (`homepage`), where the rule docs live. */
  readonly homepage: string;
  /** The package's directory (it holds `docs/rules/`). */
  readonly root: string;
}

const NAME = 'eslint-plugin-dynamodb-security';

/** The plugin's own package.json, found from this module whether it runs from `src/` or `dist/src/`. */
function readPackage(): PackageInfo {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Partial<PackageInfo>;
      if (pkg.name === NAME && pkg.version && pkg.homepage)
        return { name: pkg.name, version: pkg.version, homepage: pkg.homepage.replace(/#.*$/, ''), root: dir };
    } catch {
      // Not here: look one level up.
    }
    dir = path.dirname(dir);
  }
  throw new Error(`${NAME}: its package.json was not found above ${fileURLToPath(import.meta.url)}`);
}

export const packageInfo = readPackage();
