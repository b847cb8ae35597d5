import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: true,
    include: ['tests/**/*.test.ts'],
    // Test files in one worker share loaded modules, so typescript-eslint's project service builds the
    // typed program of tests/fixtures once per worker instead of once per file (the largest cost of
    // the suite). The engine keeps its caches per ts.Program, so no state leaks between files.
    isolate: false,
    // One worker per core: vitest's default keeps one core for its main process, which here only
    // waits, so on a 2-core machine the suite would run in a single worker.
    maxWorkers: os.availableParallelism(),
    // Typed linting builds a TypeScript program per fixture project: give it time on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
