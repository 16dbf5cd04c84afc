/**
 * The whole test suite, as `pnpm test` runs it:
 *   1. unit tests (shared domain rules, client components);
 *   2. database and API tests on embedded PGlite;
 *   3. the same database and API tests on a throwaway PostgreSQL primary and a hot standby of it
 *      (pg_basebackup -R) on 127.0.0.1, the application reading from both; the stage fails if the
 *      standby answered no reads;
 *   4. fault tests against a real PostgreSQL server (load with uploads, kill mid-commit, restarts);
 *   5. browser tests in Debian's Chromium against the built client.
 * Where PostgreSQL or Chromium is missing, a user's machine skips that stage and says so;
 * CI (CI=true) fails instead, so nothing is skipped silently.
 *
 * `--only <stage>` runs one stage (unit, pglite, postgres, fault, browser), e.g.
 * `npx tsx tests/run-all.ts --only postgres`; without it every stage runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './support/chromium';
import { findPostgresBinaries, type PgCluster, startPgCluster, startPgStandby } from './support/pgCluster';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reportsDir = path.join(root, 'tests', 'artifacts', 'reports');
mkdirSync(reportsDir, { recursive: true });
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const inCi = process.env.CI === 'true' || process.env.CI === '1';

const stages = ['unit', 'pglite', 'postgres', 'fault', 'browser'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (onlyAt >= 0 && !stages.includes(only as (typeof stages)[number])) {
  console.error(`--only takes one of: ${stages.join(', ')}`);
  process.exit(2);
}
const runs = (stage: (typeof stages)[number]) => !only || only === stage;

interface StageResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  ok: boolean;
  note?: string;
}
const results: StageResult[] = [];

function vitest(name: string, projects: string[], env: NodeJS.ProcessEnv = {}, extraArgs: string[] = []): StageResult {
  const reportFile = path.join(reportsDir, `${name.replace(/\W+/g, '-')}.json`);
  console.log(`\n=== ${name} ===`);
  const args = ['run', ...projects.flatMap((p) => ['--project', p]), ...extraArgs];
  args.push('--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`);
  const run = spawnSync(bin('vitest'), args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    passed = report.numPassedTests;
    failed = report.numFailedTests;
    skipped = report.numPendingTests + report.numTodoTests;
  }
  const ok = run.status === 0 && passed > 0;
  return { name, passed, failed, skipped, ok };
}

function skipOrFail(name: string, why: string): StageResult {
  if (inCi) {
    console.error(`\n=== ${name} === FAILED: ${why} (CI must run every stage)`);
    return { name, passed: 0, failed: 1, skipped: 0, ok: false, note: why };
  }
  console.warn(`\n=== ${name} === SKIPPED: ${why}`);
  return { name, passed: 0, failed: 0, skipped: 0, ok: true, note: `skipped: ${why}` };
}

if (runs('unit')) results.push(vitest('unit: shared rules and client', ['shared', 'client']));
if (runs('pglite')) results.push(vitest('database and API on PGlite', ['db']));

const pgBin = findPostgresBinaries();
if (runs('postgres')) {
  results.push(
    pgBin
      ? await postgresStage(pgBin)
      : skipOrFail('database and API on PostgreSQL', 'no PostgreSQL binaries found (set PG_BIN)'),
  );
}

/**
 * The database and API tests on a primary and a hot standby: each test database reads from the
 * standby too (tests/support/testDatabase.ts) and, on close, leaves how many reads the standby
 * answered in `readsDir`. None at all means the standby was never used, whatever passed: a failure.
 * A standby that does not start fails the stage in CI, as a missing cluster does.
 */
async function postgresStage(binDir: string): Promise<StageResult> {
  const name = 'database and API on PostgreSQL';
  let primary: PgCluster | undefined;
  let standby: PgCluster | undefined;
  const readsDir = mkdtempSync(path.join(tmpdir(), 'kpi-standby-reads-'));
  try {
    try {
      primary = await startPgCluster(binDir);
    } catch (error) {
      return skipOrFail(name, `the cluster did not start: ${String(error)}`);
    }
    try {
      standby = await startPgStandby(binDir, primary);
    } catch (error) {
      return skipOrFail(name, `the hot standby did not start: ${String(error)}`);
    }
    console.log(
      `\nPostgreSQL primary from ${binDir} on 127.0.0.1:${primary.port}, hot standby on 127.0.0.1:${standby.port}`,
    );
    const result = vitest(name, ['db'], {
      TEST_DATABASE_URL: primary.url,
      TEST_DATABASE_READ_URL: standby.url,
      TEST_STANDBY_READS_DIR: readsDir,
    });
    const counts = readdirSync(readsDir).map((file) => Number(readFileSync(path.join(readsDir, file), 'utf8')));
    const reads = counts.reduce((n, count) => n + count, 0);
    const line = `${reads} reads answered by the standby across ${counts.length} test databases`;
    console.log(`\nPostgreSQL stage: ${line}`);
    if (reads === 0) {
      console.error('PostgreSQL stage FAILED: the hot standby answered no reads');
      return { ...result, failed: result.failed + 1, ok: false, note: `${line}: the standby was never used` };
    }
    return { ...result, note: line };
  } finally {
    try {
      standby?.stop();
    } finally {
      primary?.stop();
      rmSync(readsDir, { recursive: true, force: true });
    }
  }
}

// Fault tests: load with uploads, SIGKILL mid-commit, PostgreSQL restart, SIGTERM. They start their
// own PostgreSQL cluster and server processes; FAULT_SHORT keeps the load phase to 15 s.
if (!runs('fault')) {
  // not asked for: nothing to run
} else if (!pgBin) {
  results.push(skipOrFail('fault tests on PostgreSQL', 'no PostgreSQL binaries found (set PG_BIN)'));
} else {
  results.push(
    vitest('fault tests on PostgreSQL', [], { FAULT_SHORT: '1' }, ['--config', 'tests/fault/vitest.config.ts']),
  );
}

const chromium = runs('browser') ? findChromium() : null;
if (!runs('browser')) {
  // not asked for: nothing to run
} else if (!chromium) {
  results.push(
    skipOrFail('browser tests in Chromium', 'no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)'),
  );
} else {
  console.log('\nBuilding the client for the browser tests …');
  // both builds: the browser's, and the server's rendering of the scorecard's first view
  const build = spawnSync(process.execPath, ['scripts/build-client-if-stale.mjs', '--force'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    results.push({
      name: 'browser tests in Chromium',
      passed: 0,
      failed: 1,
      skipped: 0,
      ok: false,
      note: 'client build failed',
    });
  } else {
    results.push(vitest('browser tests in Chromium', ['browser'], { CHROMIUM_PATH: chromium }));
  }
}

console.log('\n=== Summary ===');
for (const r of results) {
  const status = r.ok ? 'ok  ' : 'FAIL';
  console.log(
    `${status} ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.note ? ` (${r.note})` : ''}`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
const allOk = results.every((r) => r.ok);
console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(allOk && failed === 0 ? 0 : 1);
