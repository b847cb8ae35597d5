/**
 * An import the program cannot resolve is followed through the path mapping of the nearest
 * tsconfig of the importing file. `fixtures/path-aliases/` is a monorepo whose package declares
 * `paths` (`@/*`) in its own tsconfig; here it is linted with the ROOT tsconfig (which has no
 * `paths`) as one program, as a repository-wide lint or a corpus scan does. The e2e suite lints
 * the same fixture with the project service, which picks the package's own tsconfig: both must
 * give the reports the fixture's `expect:` comments state.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportsWithRootProject } from '../root-project.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/path-aliases');
const route = path.join(root, 'packages/notes/app/api/notes/route.ts');

describe('imports through a path alias only the package tsconfig declares', () => {
  it('are followed to the data layer when the program uses the root tsconfig', async () => {
    expect(await reportsWithRootProject(root, route, 'strict')).toEqual([
      '10 dynamodb-security/no-unscoped-key',
      '10 dynamodb-security/no-unscoped-key',
      '11 dynamodb-security/no-raw-item-response',
      '17 dynamodb-security/no-expression-injection',
      '17 dynamodb-security/no-unscoped-key',
      '17 dynamodb-security/no-unscoped-key',
      '26 dynamodb-security/no-unvalidated-input',
    ]);
  }, 60_000);

  it('reach the methods of a class the alias names, through a field of that type', async () => {
    const archive = path.join(root, 'packages/notes/app/api/archive/route.ts');
    expect(await reportsWithRootProject(root, archive, 'strict')).toEqual([
      '21 dynamodb-security/no-unscoped-key',
      '21 dynamodb-security/no-unscoped-key',
      '22 dynamodb-security/no-raw-item-response',
    ]);
  }, 60_000);

  it('give the attributes an aliased item type declares to the evidence', async () => {
    const cards = path.join(root, 'packages/notes/app/api/cards/route.ts');
    expect(await reportsWithRootProject(root, cards, 'recommended')).toEqual([
      '7 dynamodb-security/no-unscoped-key',
      '8 dynamodb-security/no-raw-item-response',
    ]);
  }, 60_000);

  it("are followed through a JavaScript package's jsconfig.json", async () => {
    const jsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/jsconfig-aliases');
    const journal = path.join(jsRoot, 'packages/journal/app/api/journal/route.js');
    expect(await reportsWithRootProject(jsRoot, journal, 'recommended')).toEqual([
      '9 dynamodb-security/no-unscoped-key',
      '9 dynamodb-security/no-unscoped-key',
      '10 dynamodb-security/no-raw-item-response',
      '16 dynamodb-security/no-unscoped-key',
      '16 dynamodb-security/no-unscoped-key',
    ]);
  }, 60_000);
});
