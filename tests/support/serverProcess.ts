import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './pgCluster';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  baseUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real server the way `pnpm start` does (migrate, seed on first start, demo
 * accounts), on a fresh PGlite directory and a spare port, and waits until it is ready.
 */
export async function startServerProcess(
  /** Extra environment; a function receives the server's address first (for PUBLIC_URL). */
  env: NodeJS.ProcessEnv | ((baseUrl: string) => NodeJS.ProcessEnv) = {},
  /** Runs before the server starts, with its data directory (e.g. `pnpm create-admin` in production). */
  beforeStart?: (dataDir: string) => void,
): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kpi-data-'));
  beforeStart?.(dataDir);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const extraEnv = typeof env === 'function' ? env(baseUrl) : env;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  // A loaded machine can need longer for migrations and the first seed (TEST_SERVER_READY_MS).
  const deadline = Date.now() + Number(process.env.TEST_SERVER_READY_MS ?? 150_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`server did not become ready:\n${output}`);
  }
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
