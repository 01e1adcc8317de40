import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Spawning the CLI and linting specs in temp folders is I/O bound; keep the default pool.
    testTimeout: 20_000,
  },
});
