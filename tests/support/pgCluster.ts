import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A throwaway PostgreSQL cluster in a temp directory on 127.0.0.1, for tests and benchmarks. */
export interface PgCluster {
  url: string;
  port: number;
  dataDir: string;
  /** The postmaster's process id. */
  pid: number;
  /** pg_ctl stop -m fast, then the directory is removed. */
  stop(): void;
  /** pg_ctl stop -m immediate (as if the machine failed), then the directory is removed. */
  kill(): void;
}

/** The directory with initdb/pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<v>/bin, else pg_config's. */
export function findPostgresBinaries(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debianRoot, v, 'bin')));
  }
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  return candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` system user. */
function asClusterOwner(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() === 0) return ['runuser', ['-u', 'postgres', '--', command, ...args]];
  return [command, args];
}

/** A temp directory the cluster's owner may use (PostgreSQL refuses to run as root). */
function clusterRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kpi-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
    chmodSync(root, 0o700);
  }
  return root;
}

function runner(binDir: string) {
  return (command: string, args: string[]) => {
    const [cmd, argv] = asClusterOwner(path.join(binDir, command), args);
    const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) {
      throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout || result.error}`);
    }
  };
}

/** Starts the cluster in `dataDir` on a spare port; durability settings are off: it lives for one test run. */
async function startServer(binDir: string, root: string, dataDir: string): Promise<PgCluster> {
  const run = runner(binDir);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${root}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  run('pg_ctl', ['-D', dataDir, '-l', path.join(root, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);

  let stopped = false;
  const stopWith = (mode: 'fast' | 'immediate') => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    pid: Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop: () => stopWith('fast'),
    kill: () => stopWith('immediate'),
  };
}

export async function startPgCluster(binDir: string): Promise<PgCluster> {
  const root = clusterRoot();
  const dataDir = path.join(root, 'data');
  runner(binDir)('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale']);
  return startServer(binDir, root, dataDir);
}

/**
 * A hot standby of `primary`, streaming its WAL: a base backup taken with `pg_basebackup -R`, which
 * writes standby.signal and primary_conninfo. initdb's pg_hba.conf already lets 127.0.0.1 connect
 * for replication (trust, as for everything in these throwaway clusters), and PostgreSQL 15's
 * defaults (wal_level replica, max_wal_senders 10, hot_standby on) need no change.
 */
export async function startPgStandby(binDir: string, primary: PgCluster): Promise<PgCluster> {
  const root = clusterRoot();
  const dataDir = path.join(root, 'data');
  runner(binDir)('pg_basebackup', [
    '-D',
    dataDir,
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-R',
    '-X',
    'stream',
    '--checkpoint=fast',
  ]);
  return startServer(binDir, root, dataDir);
}
