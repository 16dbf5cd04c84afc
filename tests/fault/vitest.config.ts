import { defineConfig } from 'vitest/config';

/**
 * Fault and load tests against a real PostgreSQL cluster (never PGlite). Run on their own:
 *
 *   node_modules/.bin/vitest run --config tests/fault/vitest.config.ts
 *
 * CI=true (or FAULT_SHORT=1) shortens the 100-reader load from 60 s to 15 s; FAULT_READ_SECONDS
 * sets it exactly. Each file starts its own cluster and server processes; one file at a time,
 * because the load itself is what is being measured on a small machine.
 */
export default defineConfig({
  test: {
    name: 'fault',
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/fault/**/*.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
