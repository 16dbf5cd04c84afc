import { type PgCluster, startPgStandby } from '../../tests/support/pgCluster';
import { type BenchServer, signIn, startServer } from '../lib/server';
import { median, round } from '../lib/stats';
import { drain, type LoadSummary, load } from './http';

/**
 * Reads with 0 and 1 streaming-replication standbys (DATABASE_READ_URL), as ratios in one run: two
 * servers on the same data, one reading from the primary only, one with a hot standby of it made by
 * `pg_basebackup -R`, loaded in alternating rounds so other work on the machine falls on both alike.
 *
 * - `scorecard`: the dashboard's main read, as people get it (the response cache answers most
 *   requests, so the database, and any standby, are rarely asked);
 * - `revision history`: a read that goes to the database on every request, so the standby does the work.
 * Then the standby is killed (`pg_ctl stop -m immediate`) halfway through a run against the
 * second server: its reads fall back to the primary, and the run must have no errors.
 */

export interface ReplicaEndpointResult {
  endpoint: string;
  /** The median round (by requests per second) with no standby and with one. */
  primaryOnly: LoadSummary;
  withStandby: LoadSummary;
  /** Median req/s with one standby ÷ median req/s with none. */
  ratio: number;
  rounds: { primaryOnly: number[]; withStandby: number[] };
  /** Reads the standby answered during the rounds with it (from /api/ready). */
  standbyReads: number;
}

export interface ReplicaResult {
  endpoints: ReplicaEndpointResult[];
  killed: {
    endpoint: string;
    summary: LoadSummary;
    /** Its req/s ÷ the median with a live standby. */
    ratio: number;
    standbyReadsBeforeKill: number;
    standbyAvailableAfter: boolean;
  };
}

interface StandbyState {
  available: boolean;
  current: boolean;
  reads: number;
}

async function standbyState(server: BenchServer): Promise<StandbyState> {
  const body = (await (await fetch(`${server.baseUrl}/api/ready`)).json()) as { standbys?: StandbyState[] };
  const state = body.standbys?.[0];
  if (!state) throw new Error(`the server reports no standby: ${JSON.stringify(body)}`);
  return state;
}

function medianRun(runs: LoadSummary[]): LoadSummary {
  const sorted = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export async function replicaBenchmark(params: {
  binDir: string;
  primary: PgCluster;
  databaseUrl: string;
  password: string;
  seconds: number;
  rounds: number;
  log: (line: string) => void;
}): Promise<ReplicaResult> {
  const { binDir, primary, databaseUrl, password, seconds, rounds, log } = params;
  const started = performance.now();
  const standby = await startPgStandby(binDir, primary);
  log(`  hot standby from pg_basebackup -R in ${round((performance.now() - started) / 1000, 1)} s`);
  const readUrl = new URL(databaseUrl);
  readUrl.port = String(standby.port);
  const servers: BenchServer[] = [];
  try {
    const env = { DATABASE_URL: databaseUrl, DEMO_PASSWORD: password };
    const primaryOnly = await startServer(env);
    servers.push(primaryOnly);
    const withStandby = await startServer({ ...env, DATABASE_READ_URL: readUrl.toString() });
    servers.push(withStandby);
    const cookies = new Map<BenchServer, { viewer: string; commissioner: string }>();
    for (const server of servers) {
      cookies.set(server, {
        viewer: await signIn(server.baseUrl, 'viewer', password),
        commissioner: await signIn(server.baseUrl, 'commissioner', password),
      });
    }
    const endpoints = [
      { name: 'scorecard', path: '/api/scorecard', who: 'viewer' as const },
      { name: 'revision history', path: '/api/returns/history?kpi=BK01&month=2025-07', who: 'commissioner' as const },
    ];
    const run = async (server: BenchServer, path: string, who: 'viewer' | 'commissioner', runSeconds = seconds) => {
      await drain(server.baseUrl);
      return load(server.baseUrl + path, { seconds: runSeconds, headers: { cookie: cookies.get(server)![who] } });
    };

    // The sign-ins were writes: wait until the standby has replayed them and answers reads.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const check = await fetch(withStandby.baseUrl + endpoints[1]!.path, {
        headers: { cookie: cookies.get(withStandby)!.commissioner },
      });
      if (check.status !== 200) throw new Error(`${endpoints[1]!.path}: ${check.status} ${await check.text()}`);
      if ((await standbyState(withStandby)).reads > 0) break;
      if (Date.now() > deadline) throw new Error('the standby never answered a read');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const results: ReplicaEndpointResult[] = [];
    for (const e of endpoints) {
      for (const server of servers) await run(server, e.path, e.who, 1);
      const none: LoadSummary[] = [];
      const one: LoadSummary[] = [];
      const readsBefore = (await standbyState(withStandby)).reads;
      for (let i = 0; i < rounds; i++) {
        const order = i % 2 === 0 ? [primaryOnly, withStandby] : [withStandby, primaryOnly];
        for (const server of order) (server === primaryOnly ? none : one).push(await run(server, e.path, e.who));
        log(
          `  ${e.name} round ${i + 1}/${rounds}: no standby ${none.at(-1)!.requestsPerSecond} req/s, one standby ${one.at(-1)!.requestsPerSecond} req/s`,
        );
      }
      const medianNone = median(none.map((r) => r.requestsPerSecond));
      const medianOne = median(one.map((r) => r.requestsPerSecond));
      results.push({
        endpoint: e.name,
        primaryOnly: medianRun(none),
        withStandby: medianRun(one),
        ratio: round(medianOne / medianNone, 3),
        rounds: { primaryOnly: none.map((r) => r.requestsPerSecond), withStandby: one.map((r) => r.requestsPerSecond) },
        standbyReads: (await standbyState(withStandby)).reads - readsBefore,
      });
    }

    // The standby killed halfway through a run: reads must fall back to the primary without errors.
    const history = endpoints[1]!;
    log(`  ${history.name}: standby killed ${seconds} s into a ${seconds * 2} s run …`);
    const standbyReadsBeforeKill = (await standbyState(withStandby)).reads;
    const running = run(withStandby, history.path, history.who, seconds * 2);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    standby.kill();
    const summary = await running;
    const after = await standbyState(withStandby);
    const liveMedian = median(results[1]!.rounds.withStandby);
    log(
      `  killed run: ${summary.requestsPerSecond} req/s, ${summary.errors} errors, ${summary.non2xx} non-2xx; standby available afterwards: ${after.available}`,
    );
    return {
      endpoints: results,
      killed: {
        endpoint: history.name,
        summary,
        ratio: round(summary.requestsPerSecond / liveMedian, 3),
        standbyReadsBeforeKill,
        standbyAvailableAfter: after.available,
      },
    };
  } finally {
    for (const server of servers) await server.stop();
    standby.stop();
  }
}
