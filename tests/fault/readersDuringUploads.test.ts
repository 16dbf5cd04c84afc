import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, startPgStandby } from '../support/pgCluster';
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

interface StandbyState {
  available: boolean;
  reads: number;
}

/**
 * Run twice: on the primary alone, and with a hot standby (`pg_basebackup -R`) named in
 * DATABASE_READ_URL, which answers the reads it has caught up for and is killed (`pg_ctl stop -m
 * immediate`) two thirds of the way through. Either way no read fails, no scorecard mixes two
 * uploads, and the commissioner's own read straight after each commit shows what they committed.
 */
describe.each([
  { setup: 'the primary alone', withStandby: false },
  { setup: 'primary and hot standby, the standby killed under load', withStandby: true },
])(
  `${READERS} readers for ${SECONDS} s while returns are committed every ${UPLOAD_EVERY_MS / 1000} s (PostgreSQL, $setup)`,
  ({ withStandby }) => {
    let cluster: FaultCluster;
    let standby: PgCluster | undefined;
    let server: ServerProcess;
    const standbyState = async (): Promise<StandbyState> => {
      const body = (await (await fetch(`${server.baseUrl}/api/ready`)).json()) as { standbys?: StandbyState[] };
      return body.standbys![0]!;
    };

    beforeAll(async () => {
      cluster = await startFaultCluster();
      const databaseUrl = await createDatabase(cluster, 'fault_readers');
      const env: NodeJS.ProcessEnv = {};
      if (withStandby) {
        // the standby is a copy of the whole cluster: the empty database exists on it; the server's
        // migrations and seed reach it by replication
        standby = await startPgStandby(cluster.binDir, cluster);
        const readUrl = new URL(databaseUrl);
        readUrl.port = String(standby.port);
        env.DATABASE_READ_URL = readUrl.toString();
      }
      server = await startServer(databaseUrl, env);
    });

    afterAll(async () => {
      await server?.stop();
      standby?.stop();
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
      const staleOwnReads: string[] = [];
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
          // The commissioner's own read straight after the commit shows it (with a standby: read from
          // the primary until the standby has replayed the commit).
          const own = await fetch(`${server.baseUrl}/api/scorecard?month=2023-03`, {
            headers: { cookie: commissioner },
          });
          const ownBody = (await own.json()) as { items: { code: string; current: { value: number | null } }[] };
          const ownVersions = new Set(ownBody.items.map((i) => decodeVersion(unitOf.get(i.code)!, i.current.value)));
          if (own.status !== 200 || ownVersions.size !== 1 || !ownVersions.has(version)) {
            staleOwnReads.push(`after committing upload ${version}: ${own.status}, saw ${[...ownVersions].join(', ')}`);
          }
          await sleep(Math.max(0, UPLOAD_EVERY_MS - (Date.now() - cycleStarted)));
        }
      };

      // With a standby: killed two thirds of the way through, under the readers and the commits.
      let standbyBeforeKill: StandbyState | undefined;
      const killer = async () => {
        if (!withStandby) return;
        await sleep((SECONDS * 1000 * 2) / 3);
        standbyBeforeKill = await standbyState();
        standby!.kill();
      };
      await Promise.all([uploader(), killer(), ...Array.from({ length: READERS }, (_, n) => reader(n))]);

      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      console.log(
        `${total} reads in ${SECONDS} s (${Math.round(total / SECONDS)}/s), p50 ${Math.round(percentile(latencies, 50))} ms, ` +
          `p99 ${Math.round(percentile(latencies, 99))} ms, max ${Math.round(percentile(latencies, 100))} ms; ` +
          `statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${commits.length} commits ` +
          `(${commits.map((c) => `${c.status}/${c.ms}ms`).join(' ')}); upload versions seen by readers: ${versionsSeen.size}` +
          (standbyBeforeKill ? `; ${standbyBeforeKill.reads} reads answered by the standby before it was killed` : ''),
      );
      expect(failures).toEqual([]);
      expect(mixed).toBe(0);
      expect([...statuses.keys()]).toEqual([200]);
      expect(staleOwnReads).toEqual([]);
      if (withStandby) {
        // the standby did answer reads while it lived, and is set aside once killed
        expect(standbyBeforeKill!.reads).toBeGreaterThan(0);
        expect((await standbyState()).available).toBe(false);
      }
      expect(commits.length).toBeGreaterThanOrEqual(Math.floor(SECONDS / (UPLOAD_EVERY_MS / 1000)) - 2);
      expect(commits.every((c) => c.status === 200)).toBe(true);
      // readers saw the figures change while they read
      expect(versionsSeen.size).toBeGreaterThan(1);
    });
  },
);
