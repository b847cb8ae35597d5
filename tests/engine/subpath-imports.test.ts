import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { unresolvedImportsFor } from '../../src/engine/unresolved-imports.js';

/**
 * An import the program cannot resolve is the file its package's `imports` map names:
 * `fixtures/subpath-imports/` maps `#entities/*` to extensionless targets (which TypeScript's
 * bundler resolution does not complete) and `#lib/*` through conditions to `.js` targets.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/subpath-imports');

function fixtureProgram(): ts.Program {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, host);
  if (!config) throw new Error('fixture tsconfig unreadable');
  return ts.createProgram(config.fileNames, config.options);
}

function resolve(program: ts.Program, specifier: string): string | undefined {
  const importer = program.getSourceFile(path.join(root, 'src/handlers/devices.ts'))!;
  const literal = ts.factory.createStringLiteral(specifier);
  // A synthesized literal has no symbol: the fallback answers, read from the importer's directory.
  Object.defineProperty(literal, 'getSourceFile', { value: () => importer });
  const file = unresolvedImportsFor(program).moduleFile(literal);
  return file && path.relative(root, file.fileName).split(path.sep).join('/');
}

describe('imports: package.json subpath imports', () => {
  const program = fixtureProgram();

  test('the checker does not complete an extensionless target', () => {
    const importer = program.getSourceFile(path.join(root, 'src/handlers/devices.ts'))!;
    const resolved = ts.resolveModuleName('#entities/Devices', importer.fileName, program.getCompilerOptions(), ts.sys);
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
