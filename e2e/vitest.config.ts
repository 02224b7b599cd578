import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own server and browser; two at once fit a 2-core machine.
    maxWorkers: 2,
  },
});
