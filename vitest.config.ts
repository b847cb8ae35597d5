import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: true,
    include: ['tests/**/*.test.ts'],
    // Typed linting builds a TypeScript program per fixture project: give it time on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
