import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, test } from 'vitest';
import { fallbackModule } from '../fixture-imports.js';

/**
 * The fallback import resolution reads the configs of the linted code on its own: only inside the
 * folder the program's own files live in. A `tsconfig.json` above that folder (a home folder's, a
 * workspace's the checkout happens to sit in), or a base config an `extends` reaches outside it,
 * maps nothing; the same config inside the folder does.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'program-folder-'));
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});
const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), text);
};
const paths = (to: string) => JSON.stringify({ compilerOptions: { baseUrl: './', paths: { '@lib/*': [`${to}/*`] } } });

// `outer/` maps `@lib/*` to `repo/lib/*`; `repo/` is a checkout below it with files of its own.
write('outer/tsconfig.json', paths('repo/lib'));
write('outer/repo/package.json', '{ "name": "repo" }');
write('outer/repo/src/handler.ts', "export const handler = 'x';\n");
write('outer/repo/lib/db.ts', 'export const db = 1;\n');
write('outer/other.ts', 'export {};\n');
// `extended/repo/tsconfig.json` extends a base config outside its folder.
write('extended/base.json', paths('repo/lib'));
write('extended/repo/tsconfig.json', JSON.stringify({ extends: '../base.json' }));
write('extended/repo/src/handler.ts', "export const handler = 'x';\n");
write('extended/repo/lib/db.ts', 'export const db = 1;\n');
// A file at the checkout's root: the folder of the program's files is `extended/repo`.
write('extended/repo/index.ts', 'export {};\n');

// A package whose program holds only its `src/` files: its config beside its package.json maps.
write('package/package.json', '{ "name": "package" }');
write('package/tsconfig.json', paths('src/lib'));
write('package/src/handler.ts', "export const handler = 'x';\n");
write('package/src/lib/db.ts', 'export const db = 1;\n');

const program = (...files: string[]) =>
  ts.createProgram(
    files.map((file) => path.join(root, file)),
    { noEmit: true },
  );

describe('configs read by the fallback import resolution', () => {
  test('a tsconfig above the folder of the program files maps nothing', () => {
    const checkout = program('outer/repo/src/handler.ts', 'outer/repo/lib/db.ts');
    const importer = path.join(root, 'outer/repo/src/handler.ts');
    expect(fallbackModule(checkout, root, importer, '@lib/db')).toBeUndefined();
  });

  test('the same tsconfig inside that folder maps', () => {
    const workspace = program('outer/repo/src/handler.ts', 'outer/repo/lib/db.ts', 'outer/other.ts');
    const importer = path.join(root, 'outer/repo/src/handler.ts');
    expect(fallbackModule(workspace, root, importer, '@lib/db')).toBe('outer/repo/lib/db.ts');
  });

  test("the package's config above the folder of its source files maps", () => {
    const sources = program('package/src/handler.ts', 'package/src/lib/db.ts');
    const importer = path.join(root, 'package/src/handler.ts');
    expect(fallbackModule(sources, root, importer, '@lib/db')).toBe('package/src/lib/db.ts');
  });

  test('a base config an `extends` reaches outside the folder is not read', () => {
    const checkout = program('extended/repo/src/handler.ts', 'extended/repo/lib/db.ts', 'extended/repo/index.ts');
    const importer = path.join(root, 'extended/repo/src/handler.ts');
    expect(fallbackModule(checkout, root, importer, '@lib/db')).toBeUndefined();
  });
});
