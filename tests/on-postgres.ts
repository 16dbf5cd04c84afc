import { spawnSync } from 'node:child_process';
import { findPostgresBinaries, type PgCluster, startPgCluster, startPgStandby } from './support/pgCluster';

/**
 * Runs chosen database tests on PostgreSQL without the whole stage: a throwaway primary and hot
 * standby, as `tests/run-all.ts --only postgres` starts, then vitest's `db` project on the files
 * named, then both clusters stopped. `npx tsx tests/on-postgres.ts tests/api/health.test.ts`
 */
const files = process.argv.slice(2);
const binDir = findPostgresBinaries();
if (!binDir) {
  console.error('no PostgreSQL binaries found (set PG_BIN)');
  process.exit(2);
}
let primary: PgCluster | undefined;
let standby: PgCluster | undefined;
let status = 1;
try {
  primary = await startPgCluster(binDir);
  standby = await startPgStandby(binDir, primary);
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'db', ...files], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: primary.url, TEST_DATABASE_READ_URL: standby.url },
  });
  status = run.status ?? 1;
} finally {
  try {
    standby?.stop();
  } finally {
    primary?.stop();
  }
}
process.exit(status);
