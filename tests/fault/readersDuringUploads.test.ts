import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitRequest,
  contractKpis,
  createDatabase,
  decodeVersion,
  encodedReturn,
  type FaultCluster,
  type Kpi,
  MAX_VERSION,
  percentile,
  type ServerProcess,
  SHORT,
  signIn,
  sleep,
  startFaultCluster,
  startServer,
  uploadReturn,
} from './support';

/** 60 s of load normally; 15 s in CI (CI=true or FAULT_SHORT=1); FAULT_READ_SECONDS overrides. */
const SECONDS = Number(process.env.FAULT_READ_SECONDS ?? (SHORT ? 15 : 60));
const READERS = 100;
const UPLOAD_EVERY_MS = 3_000;

const READ_PATHS = [
  '/api/scorecard?month=2023-03',
  '/api/scorecard?month=2021-03',
  '/api/indicators/PI4/series',
  '/api/indicators/PI7/series?view=rolling12',
  '/api/indicators',
  '/api/overview',
];

describe(`${READERS} readers for ${SECONDS} s while returns are committed every ${UPLOAD_EVERY_MS / 1000} s (PostgreSQL)`, () => {
  let cluster: FaultCluster;
  let server: ServerProcess;

  beforeAll(async () => {
    cluster = await startFaultCluster();
    server = await startServer(await createDatabase(cluster, 'fault_readers'));
  });

  afterAll(async () => {
    await server?.stop();
    cluster?.stop();
  });

  it('every read succeeds, every commit succeeds, and no response mixes two uploads', async () => {
    const viewer = await signIn(server.baseUrl, 'viewer');
    const commissioner = await signIn(server.baseUrl, 'commissioner');
    const kpis: Kpi[] = await contractKpis(server.baseUrl, viewer);
    expect(kpis).toHaveLength(15);
    const unitOf = new Map(kpis.map((k) => [k.code, k.unit]));

    // The first encoded upload, before the readers start, so every state they can see is encoded.
    let version = 0;
    const first = await uploadReturn(server.baseUrl, commissioner, encodedReturn(kpis, version), 'v0.csv');
    expect((await commitRequest(server.baseUrl, commissioner, first.upload.id)).status).toBe(200);

    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const latencies: number[] = [];
    const commits: { version: number; status: number; ms: number }[] = [];
    let mixed = 0;
    let versionsSeen = new Set<number>();
    const deadline = Date.now() + SECONDS * 1000;

    const reader = async (n: number) => {
      let i = n;
      while (Date.now() < deadline) {
        const path = READ_PATHS[i++ % READ_PATHS.length]!;
        const started = performance.now();
        try {
          const response = await fetch(server.baseUrl + path, { headers: { cookie: viewer } });
          const text = await response.text();
          latencies.push(performance.now() - started);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status !== 200) {
            if (failures.length < 20) failures.push(`${path}: ${response.status} ${text.slice(0, 200)}`);
            continue;
          }
          if (path.startsWith('/api/scorecard')) {
            const body = JSON.parse(text) as { items: { code: string; current: { value: number | null } }[] };
            const versions = new Set(
              body.items.map((item) => decodeVersion(unitOf.get(item.code)!, item.current.value)),
            );
            if (versions.size !== 1 || versions.has(null)) {
              mixed++;
              if (failures.length < 20) failures.push(`${path}: figures from uploads ${[...versions].join(', ')}`);
            } else versionsSeen = new Set([...versionsSeen, ...versions].filter((v): v is number => v !== null));
          }
        } catch (error) {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
          if (failures.length < 20) failures.push(`${path}: ${String(error)}`);
        }
      }
    };

    const uploader = async () => {
      while (Date.now() < deadline - UPLOAD_EVERY_MS) {
        const cycleStarted = Date.now();
        // versions 1 … 39 in turn; each differs from the one before, so every commit changes every figure
        version = (version % (MAX_VERSION - 11)) + 1;
        const started = performance.now();
        const uploaded = await uploadReturn(
          server.baseUrl,
          commissioner,
          encodedReturn(kpis, version),
          `v${version}.csv`,
        );
        const response = await commitRequest(server.baseUrl, commissioner, uploaded.upload.id);
        await response.arrayBuffer();
        commits.push({ version, status: response.status, ms: Math.round(performance.now() - started) });
        await sleep(Math.max(0, UPLOAD_EVERY_MS - (Date.now() - cycleStarted)));
      }
    };

    await Promise.all([uploader(), ...Array.from({ length: READERS }, (_, n) => reader(n))]);

    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(
      `${total} reads in ${SECONDS} s (${Math.round(total / SECONDS)}/s), p50 ${Math.round(percentile(latencies, 50))} ms, ` +
        `p99 ${Math.round(percentile(latencies, 99))} ms, max ${Math.round(percentile(latencies, 100))} ms; ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${commits.length} commits ` +
        `(${commits.map((c) => `${c.status}/${c.ms}ms`).join(' ')}); upload versions seen by readers: ${versionsSeen.size}`,
    );
    expect(failures).toEqual([]);
    expect(mixed).toBe(0);
    expect([...statuses.keys()]).toEqual([200]);
    expect(commits.length).toBeGreaterThanOrEqual(Math.floor(SECONDS / (UPLOAD_EVERY_MS / 1000)) - 2);
    expect(commits.every((c) => c.status === 200)).toBe(true);
    // readers saw the figures change while they read
    expect(versionsSeen.size).toBeGreaterThan(1);
  });
});
