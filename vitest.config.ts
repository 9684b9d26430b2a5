import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Integration tests run against the real Postgres and Redis on this machine, in a database and
// key prefix of their own (see lib/testing/global-setup.ts), never a developer's data.
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests are trusted server code.
      'server-only': path.resolve(import.meta.dirname, 'lib/testing/empty-module.ts'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', '.data/**'],
    globalSetup: ['lib/testing/global-setup.ts'],
    setupFiles: ['lib/testing/setup-env.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
