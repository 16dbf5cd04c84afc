import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One configuration, one project per kind of test. `tests/run-all.ts` runs the database
// projects once on PGlite and once on PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'shared',
          include: ['shared/src/**/*.test.ts', 'readers/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: [
            'server/src/**/*.test.ts',
            'seed/src/**/*.test.ts',
            'tests/api/**/*.test.ts',
            'tests/seed/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file opens its own database; two at a time suits a 2-core machine.
          maxWorkers: 2,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'client',
          root: 'client',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          globals: true,
          setupFiles: ['src/testing/setupTests.ts'],
          // A route's first render also loads its code; on a busy 2-core machine that can pass 5 s.
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
