import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The plugin's own package.json, found from this module whether it runs from `src/` or `dist/src/`. */
function readPackage(): { name: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'eslint-plugin-dynamodb-security' && pkg.version) return { name: pkg.name, version: pkg.version };
    } catch {
      // Not here: look one level up.
    }
    dir = path.dirname(dir);
  }
  return { name: 'eslint-plugin-dynamodb-security', version: '0.0.0' };
}

export const packageInfo = readPackage();
