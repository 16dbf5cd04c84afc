import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  type FaultCluster,
  type ServerProcess,
  signIn,
  sleep,
  startFaultCluster,
  startServer,
} from './support';

const READERS = 20;
const DOWN_MS = 4_000;
/** How long the API may take to answer 200 again once PostgreSQL accepts connections. */
const RECOVERY_LIMIT_MS = 10_000;

interface Sample {
  at: number;
  path: string;
  status: number | 'network error';
  ms: number;
  problem: boolean;
  retryAfter: string | null;
}

describe('PostgreSQL stopped and started under load (pg_ctl stop -m fast, start)', () => {
  let cluster: FaultCluster;
  let server: ServerProcess;

  beforeAll(async () => {
    cluster = await startFaultCluster();
    server = await startServer(await createDatabase(cluster, 'fault_restart'));
  });

  afterAll(async () => {
    await server?.stop();
    cluster?.stop();
  });

  it('answers 503 (problem+json, Retry-After) while it is down, then recovers by itself', async () => {
    const viewer = await signIn(server.baseUrl, 'viewer');
    const samples: Sample[] = [];
    let running = true;
    const paths = ['/api/scorecard?month=2023-03', '/api/indicators/PI4/series', '/api/ready', '/api/overview'];
    const reader = async (n: number) => {
      let i = n;
      while (running) {
        const path = paths[i++ % paths.length]!;
        const started = performance.now();
        try {
          const response = await fetch(server.baseUrl + path, {
            headers: { cookie: viewer },
            signal: AbortSignal.timeout(35_000),
          });
          await response.arrayBuffer();
          samples.push({
            at: Date.now(),
            path,
            status: response.status,
            ms: performance.now() - started,
            problem: (response.headers.get('content-type') ?? '').startsWith('application/problem+json'),
            retryAfter: response.headers.get('retry-after'),
          });
        } catch {
          samples.push({
            at: Date.now(),
            path,
            status: 'network error',
            ms: performance.now() - started,
            problem: false,
            retryAfter: null,
          });
        }
        await sleep(20);
      }
    };
    const readers = Array.from({ length: READERS }, (_, n) => reader(n));

    await sleep(3_000);
    const stopping = Date.now();
    cluster.stopDatabase();
    const stopped = Date.now();
    await sleep(DOWN_MS);
    const starting = Date.now();
    cluster.startDatabase();
    const up = Date.now();
    // wait for recovery: 2 s in a row of nothing but 200s
    let recovered: number | null = null;
    while (Date.now() - up < RECOVERY_LIMIT_MS + 5_000) {
      await sleep(250);
      const recent = samples.filter((s) => s.at > Date.now() - 2_000);
      const firstOk = samples.find((s) => s.at > up && s.status === 200);
      if (firstOk && recent.length > 0 && recent.every((s) => s.status === 200) && Date.now() - firstOk.at > 2_000) {
        recovered = firstOk.at;
        break;
      }
    }
    running = false;
    await Promise.all(readers);

    const count = (from: number, to: number) => {
      const counts: Record<string, number> = {};
      for (const s of samples.filter((x) => x.at >= from && x.at < to)) counts[s.status] = (counts[s.status] ?? 0) + 1;
      return counts;
    };
    console.log(
      `before: ${JSON.stringify(count(0, stopping))}; stopping (${stopped - stopping} ms): ${JSON.stringify(count(stopping, stopped))}; ` +
        `down: ${JSON.stringify(count(stopped, starting))}; starting (${up - starting} ms): ${JSON.stringify(count(starting, up))}; ` +
        `after: ${JSON.stringify(count(up, Date.now()))}; first 200 ${recovered ? recovered - up : 'never'} ms after PostgreSQL was up; ` +
        `slowest answer ${Math.round(Math.max(...samples.map((s) => s.ms)))} ms`,
    );

    // Only 200 or 503, never a 500, a hang or a dropped connection: the process stayed up.
    expect(samples.filter((s) => s.status !== 200 && s.status !== 503)).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    // While PostgreSQL was down, /api/ready said 503, and every other answer was a 503 problem with
    // Retry-After (or, for a server that caches responses, a 200 from its cache: nothing can change
    // the figures while the database is down) …
    const down = samples.filter((s) => s.at > stopped + 500 && s.at < starting);
    expect(down.length).toBeGreaterThan(0);
    const ready = down.filter((s) => s.path === '/api/ready');
    expect(ready.length).toBeGreaterThan(0);
    expect(ready.every((s) => s.status === 503)).toBe(true);
    expect(down.filter((s) => s.status === 503).every((s) => s.problem && s.retryAfter !== null)).toBe(true);
    // … and they came quickly (no waiting out timeouts against a dead server).
    expect(Math.max(...down.map((s) => s.ms))).toBeLessThan(6_000);
    // Then it recovered without a restart of the app.
    expect(recovered).not.toBeNull();
    expect(recovered! - up).toBeLessThan(RECOVERY_LIMIT_MS);
  });
});
