import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { fallbackModule, fixtureProgram } from '../fixture-imports.js';

/**
 * An import the program cannot resolve is the file its package's `imports` map names:
 * `fixtures/subpath-imports/` maps `#entities/*` to extensionless targets (which TypeScript's
 * bundler resolution does not complete) and `#lib/*` through conditions to `.js` targets.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/subpath-imports');

const importer = path.join(root, 'src/handlers/devices.ts');
const resolve = (program: ts.Program, specifier: string) => fallbackModule(program, root, importer, specifier);

describe('imports: package.json subpath imports', () => {
  const program = fixtureProgram(root);

  test('the checker does not complete an extensionless target', () => {
    const resolved = ts.resolveModuleName('#entities/Devices', importer, program.getCompilerOptions(), ts.sys);
    expect(resolved.resolvedModule).toBeUndefined();
  });

  test('a pattern key maps to the program file its target names', () => {
    expect(resolve(program, '#entities/Devices')).toBe('src/entities/Devices.ts');
    expect(resolve(program, '#lib/db')).toBe('src/lib/db.ts');
  });

  test('a specifier the map does not name, or a target the program lacks, resolves to nothing', () => {
    expect(resolve(program, '#missing/db')).toBeUndefined();
    expect(resolve(program, '#entities/Nothing')).toBeUndefined();
    expect(resolve(program, '#entities')).toBeUndefined();
  });
});
