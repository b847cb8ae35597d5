/**
 * Auth.js v5's `auth`, bound in the app (`export const { auth } = NextAuth(…)`) and imported
 * through a `paths` alias only the package's tsconfig declares (`@/auth`). Linted with the ROOT
 * tsconfig (no `paths`), as a repository-wide lint or a corpus scan does, the session function is
 * followed through the engine's import fallback and gives the same reports as the e2e suite, which
 * lints `fixtures/nextauth-v5` with the package's own tsconfig.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportsWithRootProject } from '../root-project.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/nextauth-v5');
const actions = path.join(root, 'packages/app/actions/notes.ts');

describe('an Auth.js v5 session function imported through a package-only path alias', () => {
  for (const config of ['strict', 'recommended'] as const) {
    it(`scopes the session's keys and the read-check-act guard (${config})`, async () => {
      expect(await reportsWithRootProject(root, actions, config)).toEqual([
        '12 dynamodb-security/no-unvalidated-input',
        '18 dynamodb-security/no-unvalidated-input',
        '26 dynamodb-security/no-unvalidated-input',
        '34 dynamodb-security/no-unscoped-key',
        '34 dynamodb-security/no-unscoped-key',
      ]);
    });
  }
});
