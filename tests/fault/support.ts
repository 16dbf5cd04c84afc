import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { findPostgresBinaries, freePort, type PgCluster, startPgCluster } from '../support/pgCluster';

/**
 * Fault tests run the real server as a child process on a real PostgreSQL cluster (never PGlite),
 * so they can kill it, restart the database under it, and stop it with SIGTERM.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PASSWORD = 'fault-test-password';
/** CI=true or FAULT_SHORT=1 shortens the long-running load (see vitest.config.ts). */
export const SHORT = ['1', 'true'].includes(process.env.CI ?? '') || process.env.FAULT_SHORT === '1';

export interface FaultCluster extends PgCluster {
  binDir: string;
  /** pg_ctl stop -m fast (connections are terminated). */
  stopDatabase(): void;
  /** pg_ctl start, with the options of the first start (postmaster.opts). */
  startDatabase(): void;
}

function asOwner(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() === 0) return ['runuser', ['-u', 'postgres', '--', command, ...args]];
  return [command, args];
}

export async function startFaultCluster(): Promise<FaultCluster> {
  const binDir = findPostgresBinaries();
  if (!binDir) throw new Error('No PostgreSQL binaries (initdb, pg_ctl): install PostgreSQL or set PG_BIN.');
  const cluster = await startPgCluster(binDir);
  const pgCtl = (...args: string[]) => {
    const [cmd, argv] = asOwner(path.join(binDir, 'pg_ctl'), [
      '-D',
      cluster.dataDir,
      '-l',
      path.join(path.dirname(cluster.dataDir), 'server.log'),
      ...args,
    ]);
    const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`pg_ctl ${args.join(' ')}: ${result.stderr || result.stdout}`);
  };
  return {
    ...cluster,
    binDir,
    stopDatabase: () => pgCtl('-m', 'fast', '-w', '-t', '30', 'stop'),
    // the same options as startPgCluster's first start (pg_ctl start does not reuse them by itself)
    startDatabase: () =>
      pgCtl(
        '-o',
        [
          `-p ${cluster.port}`,
          '-c listen_addresses=127.0.0.1',
          `-c unix_socket_directories=${path.dirname(cluster.dataDir)}`,
          '-c fsync=off',
          '-c synchronous_commit=off',
          '-c full_page_writes=off',
          '-c max_connections=200',
        ].join(' '),
        '-w',
        '-t',
        '30',
        'start',
      ),
  };
}

/** A new, empty database on the cluster; the server migrates and seeds it on its first start. */
export async function createDatabase(cluster: PgCluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM and wait (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

/** The real server (`tsx server/src/main.ts`, as `pnpm start`) on PostgreSQL, in demo mode, ready. */
export async function startServer(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      CLIENT_DIST: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${output}`);
    }
    try {
      if ((await fetch(`${baseUrl}/api/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return {
    baseUrl,
    pid: child.pid!,
    child,
    output: () => output,
    exited,
    kill: (signal) => {
      child.kill(signal);
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function signIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kpi_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

// ---------------------------------------------------------------- monthly returns for the demo KPIs

export interface Kpi {
  code: string;
  unit: string;
}

/** Months of the demo's Contract 2018 KPI set, April 2018 to March 2024 (72). */
export const RETURN_MONTHS: string[] = Array.from({ length: 72 }, (_, i) => {
  const m = 3 + i; // April 2018 = month index 3 of 2018
  return `${2018 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
});

export const MAX_VERSION = 50;

const BASE: Record<string, number> = {
  percent: 50,
  rate_per_10k: 300,
  count: 200,
  average: 15,
  days: 20,
  money: 1000,
};

/**
 * A long-layout return (kpi_code, month, value) for every KPI of the set and every month, where
 * every figure encodes `version`: value = base(unit) + version. A reader can tell from any figure
 * which upload it came from, so a response that mixes two uploads is caught.
 */
export function encodedReturn(kpis: readonly Kpi[], version: number): Buffer {
  // percentages are 50 + version, and must stay within 0–100
  if (!Number.isInteger(version) || version < 0 || version >= MAX_VERSION) throw new Error(`version ${version}`);
  const lines = ['kpi_code,month,value'];
  for (const kpi of kpis) {
    for (const month of RETURN_MONTHS) lines.push(`${kpi.code},${month},${BASE[kpi.unit]! + version}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/** The upload version a figure encodes, or null if it does not follow the encoding. */
export function decodeVersion(unit: string, value: number | null): number | null {
  if (value === null) return null;
  const version = value - BASE[unit]!;
  return Number.isInteger(version) && version >= 0 && version < MAX_VERSION ? version : null;
}

/** The 15 KPIs of the demo's Contract 2018 set, with their units. */
export async function contractKpis(baseUrl: string, cookie: string): Promise<Kpi[]> {
  const response = await fetch(`${baseUrl}/api/scorecard?month=2023-03`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`scorecard: ${response.status}`);
  const body = (await response.json()) as { items: Kpi[] };
  return body.items.map((i) => ({ code: i.code, unit: i.unit }));
}

export async function uploadReturn(baseUrl: string, cookie: string, bytes: Buffer, name: string) {
  const response = await fetch(`${baseUrl}/api/returns/uploads?fileName=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/csv' },
    body: new Uint8Array(bytes),
  });
  const body = (await response.json()) as { upload: { id: number }; counts: { errors: number; figures: number } };
  if (response.status !== 200 || body.counts.errors > 0) {
    throw new Error(`upload ${name}: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  }
  return body;
}

export function commitRequest(baseUrl: string, cookie: string, uploadId: number) {
  return fetch(`${baseUrl}/api/returns/uploads/${uploadId}/commit`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ confirmWarnings: true, reason: 'Fault test resubmission' }),
  });
}

/**
 * Polls pg_stat_activity until a backend of the app runs, inside a transaction, a statement
 * matching `regex` (PostgreSQL, case-insensitive); resolves true if seen.
 */
export async function waitForStatement(client: pg.Client, regex: string, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await client.query(
      `select 1 from pg_stat_activity
       where application_name = 'kpi-dashboard' and state = 'active' and xact_start is not null and query ~* $1`,
      [regex],
    );
    if (rows.length > 0) return true;
    await sleep(2);
  }
  return false;
}

export interface WaitingBackend {
  pid: number;
  /** The transaction id the backend's open transaction writes under (null if it wrote nothing). */
  xid: string | null;
  query: string;
  waitEvent: string;
}

/**
 * Polls pg_stat_activity until a backend of the app, inside a transaction, is blocked on a lock
 * held by `blockerPid` while running a statement matching `regex`; throws if none is within the
 * time, so a test that sets up a lock for the server to wait on cannot pass without the wait.
 */
export async function waitForLockWait(
  client: pg.Client,
  regex: string,
  blockerPid: number,
  timeoutMs = 20_000,
): Promise<WaitingBackend> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await client.query(
      `select pid, backend_xid::text as xid, query, wait_event as "waitEvent" from pg_stat_activity
       where application_name = 'kpi-dashboard' and state = 'active' and xact_start is not null
         and wait_event_type = 'Lock' and query ~* $1 and $2::int = any(pg_blocking_pids(pid))`,
      [regex, blockerPid],
    );
    if (rows.length > 0) return rows[0] as WaitingBackend;
    await sleep(5);
  }
  const { rows } = await client.query(
    `select pid, state, wait_event_type, wait_event, left(query, 80) as query from pg_stat_activity
     where application_name = 'kpi-dashboard'`,
  );
  throw new Error(`no backend waited on a lock in /${regex}/ within ${timeoutMs} ms: ${JSON.stringify(rows)}`);
}

/** Waits until the backend `pid` has ended (and so rolled back whatever it had open). */
export async function waitForBackendEnd(client: pg.Client, pid: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await client.query('select 1 from pg_stat_activity where pid = $1', [pid]);
    if (rows.length === 0) return;
    await sleep(10);
  }
  throw new Error(`backend ${pid} still there after ${timeoutMs} ms`);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
