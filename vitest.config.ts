import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    coverage: {
      include: ['lib/**/*.ts'],
      exclude: ['lib/cli/**'],
      thresholds: { lines: 90, branches: 85 },
    },
  },
});
