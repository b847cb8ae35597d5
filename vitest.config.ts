import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that need a module graph of their own: one replaces modules (vi.mock); one lints
 * programs it builds in a temporary folder, which typescript-eslint would otherwise keep for the
 * life of the shared worker.
 */
const ISOLATED = ['tests/rules/engine-failure-containment.test.ts', 'tests/rules/separate-repositories.test.ts'];

export default defineConfig({
  test: {
    globals: true,
    // One worker per core: vitest's default keeps one core for its main process, which here only
    // waits, so on a 2-core machine the suite would run in a single worker.
    maxWorkers: os.availableParallelism(),
    // Typed linting builds a TypeScript program per fixture project: give it time on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['tests/**/*.test.ts'],
          exclude: ISOLATED,
          // Test files in one worker share loaded modules, so typescript-eslint's project service
          // builds the typed program of tests/fixtures once per worker instead of once per file (the
          // largest cost of the suite). The engine keeps its caches per ts.Program, so no state
          // leaks between files.
          isolate: false,
          // The fixture programs of every file it runs stay in the worker: more room than V8's default heap.
          execArgv: ['--max-old-space-size=8192'],
        },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
