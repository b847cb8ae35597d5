import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, expect, test } from 'vitest';
import { appRootOf } from '../../src/engine/packages.js';

/**
 * A file with no `package.json` above it belongs to the folder beside a package (repositories
 * extracted next to each other and linted in one program): the same answer on every call, so that
 * a table named in the file by one constant is one table (a put's key read from the table's other
 * accesses: the first call used to answer '' and later ones the folder).
 */
const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'app-roots-')));
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});
fs.mkdirSync(path.join(root, 'packaged'), { recursive: true });
fs.writeFileSync(path.join(root, 'packaged/package.json'), '{ "name": "packaged" }');
fs.mkdirSync(path.join(root, 'extracted/src'), { recursive: true });
const fileName = path.join(root, 'extracted/src/handler.ts');
fs.writeFileSync(fileName, "export const table = 'profiles';\n");

test('a file beside a package gets the same app root on every call', () => {
  const file = ts.createSourceFile(fileName, fs.readFileSync(fileName, 'utf8'), ts.ScriptTarget.ES2022);
  const first = appRootOf(file);
  expect(first).toBe(path.join(root, 'extracted'));
  expect(appRootOf(file)).toBe(first);
});
