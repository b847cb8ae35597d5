import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { fallbackModule, fixtureProgram } from '../fixture-imports.js';

/**
 * `@/…` and `~/…` that no config in sight maps (`fixtures/root-aliases/` has only a root tsconfig
 * without `paths`) name the importing package's source root by convention: the one program file
 * the specifier completes to under the package root, `src/` or `app/`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/root-aliases');
const importer = path.join(root, 'packages/shares/app/api/shares/route.ts');

const resolve = (program: ts.Program, specifier: string) => fallbackModule(program, root, importer, specifier);

describe('imports: conventional root aliases without a mapping', () => {
  const program = fixtureProgram(root);

  test('the checker cannot resolve them', () => {
    const resolved = ts.resolveModuleName('@/lib/shares', importer, program.getCompilerOptions(), ts.sys);
    expect(resolved.resolvedModule).toBeUndefined();
  });

  test('the one file under the package root, src/ or app/ is the module', () => {
    expect(resolve(program, '@/lib/shares')).toBe('packages/shares/app/lib/shares.ts');
    expect(resolve(program, '~/lib/shares')).toBe('packages/shares/app/lib/shares.ts');
  });

  test('two candidates, or none, resolve nothing', () => {
    expect(resolve(program, '@/lib/format')).toBeUndefined();
    expect(resolve(program, '@/lib/missing')).toBeUndefined();
    expect(resolve(program, '@scope/package')).toBeUndefined();
  });
});
