import { type PgCluster, startPgStandby } from '../../tests/support/pgCluster';
import { NATIONAL_VIEWER } from '../generate/nationalViewer';
import { adminQuery } from '../lib/pgAdmin';
import { type BenchServer, signIn, startServer } from '../lib/server';
import { median, round } from '../lib/stats';
import { drain, type LoadSummary, load } from './http';

/**
 * Reads with 0 and 1 streaming-replication standbys (DATABASE_READ_URL), as ratios in one run: two
 * servers on the same data, one reading from the primary only, one with a hot standby of it made by
 * `pg_basebackup -R`, loaded in alternating rounds so other work on the machine falls on both alike.
 *
 * - `scorecard, 1 council`: the dashboard's main read, as people get it, every request for the same
 *   council (the response cache answers most requests, so the database, and any standby, are
 *   rarely asked);
 * - `scorecard, N councils`: the same read by one person who belongs to every loaded council
 *   (`national-viewer`), each request for a council drawn at random (X-Organisation): a national
 *   service's mix, where each council's scorecard is built and cached on its own;
 * - `revision history`: a read that goes to the database on every request, so the standby does the work.
 * Then the standby is killed (`pg_ctl stop -m immediate`) halfway through a run across all councils
 * against the second server: its reads fall back to the primary, and the run must have no errors.
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

export interface KilledRun {
  endpoint: string;
  summary: LoadSummary;
  /** Its req/s ÷ the median with a live standby. */
  ratio: number;
  standbyReadsBeforeKill: number;
  standbyAvailableAfter: boolean;
}

export interface ReplicaResult {
  /** Councils the scorecard was asked across (every loaded council). */
  councils: number;
  endpoints: ReplicaEndpointResult[];
  /** Median req/s across every council ÷ median req/s for one council, with no standby and with one. */
  councilsRatio: { primaryOnly: number; withStandby: number };
  killed: KilledRun;
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
  const councils = (
    await adminQuery(
      databaseUrl,
      `select o.area_code from memberships m join users u on u.id = m.user_id
       join organisations o on o.id = m.organisation_id where u.username = $1 order by o.id`,
      [NATIONAL_VIEWER],
    )
  ).rows.map((r: { area_code: string }) => r.area_code);
  if (councils.length === 0) throw new Error(`${NATIONAL_VIEWER} belongs to no council: load the data set again`);
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
    type Who = 'national' | 'commissioner';
    const cookies = new Map<BenchServer, Record<Who, string>>();
    for (const server of servers) {
      cookies.set(server, {
        national: await signIn(server.baseUrl, NATIONAL_VIEWER, password),
        commissioner: await signIn(server.baseUrl, 'commissioner', password),
      });
    }
    interface Read {
      name: string;
      path: string;
      who: Who;
      organisations?: readonly string[];
    }
    const oneCouncil: Read = {
      name: 'scorecard, 1 council',
      path: '/api/scorecard',
      who: 'national',
      organisations: [councils[0]!],
    };
    const allCouncils: Read = {
      name: `scorecard, ${councils.length} councils`,
      path: '/api/scorecard',
      who: 'national',
      organisations: councils,
    };
    const history: Read = {
      name: 'revision history',
      path: '/api/returns/history?kpi=BK01&month=2025-07',
      who: 'commissioner',
    };
    const reads = [oneCouncil, allCouncils, history];
    const run = async (server: BenchServer, read: Read, runSeconds = seconds) => {
      await drain(server.baseUrl);
      return load(server.baseUrl + read.path, {
        seconds: runSeconds,
        headers: { cookie: cookies.get(server)![read.who] },
        organisations: read.organisations,
      });
    };

    // The sign-ins were writes: wait until the standby has replayed them and answers reads.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const check = await fetch(withStandby.baseUrl + history.path, {
        headers: { cookie: cookies.get(withStandby)!.commissioner },
      });
      if (check.status !== 200) throw new Error(`${history.path}: ${check.status} ${await check.text()}`);
      if ((await standbyState(withStandby)).reads > 0) break;
      if (Date.now() > deadline) throw new Error('the standby never answered a read');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const results: ReplicaEndpointResult[] = [];
    for (const read of reads) {
      // a one-second warm-up per server (for the councils mix, it fills part of the response cache as
      // the first minutes of a national service's evening would)
      for (const server of servers) await run(server, read, 1);
      const none: LoadSummary[] = [];
      const one: LoadSummary[] = [];
      const readsBefore = (await standbyState(withStandby)).reads;
      for (let i = 0; i < rounds; i++) {
        const order = i % 2 === 0 ? [primaryOnly, withStandby] : [withStandby, primaryOnly];
        for (const server of order) (server === primaryOnly ? none : one).push(await run(server, read));
        log(
          `  ${read.name} round ${i + 1}/${rounds}: no standby ${none.at(-1)!.requestsPerSecond} req/s, one standby ${one.at(-1)!.requestsPerSecond} req/s`,
        );
      }
      const medianNone = median(none.map((r) => r.requestsPerSecond));
      const medianOne = median(one.map((r) => r.requestsPerSecond));
      results.push({
        endpoint: read.name,
        primaryOnly: medianRun(none),
        withStandby: medianRun(one),
        ratio: round(medianOne / medianNone, 3),
        rounds: { primaryOnly: none.map((r) => r.requestsPerSecond), withStandby: one.map((r) => r.requestsPerSecond) },
        standbyReads: (await standbyState(withStandby)).reads - readsBefore,
      });
    }
    const medianOf = (index: number, which: 'primaryOnly' | 'withStandby') => median(results[index]!.rounds[which]);
    const councilsRatio = {
      primaryOnly: round(medianOf(1, 'primaryOnly') / medianOf(0, 'primaryOnly'), 3),
      withStandby: round(medianOf(1, 'withStandby') / medianOf(0, 'withStandby'), 3),
    };
    log(
      `  ${councils.length} councils vs 1: ${councilsRatio.primaryOnly} with no standby, ${councilsRatio.withStandby} with one`,
    );

    // The standby killed halfway through a run across every council: reads must fall back to the
    // primary without errors.
    log(`  ${allCouncils.name}: standby killed ${seconds} s into a ${seconds * 2} s run …`);
    const standbyReadsBeforeKill = (await standbyState(withStandby)).reads;
    const running = run(withStandby, allCouncils, seconds * 2);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    standby.kill();
    const summary = await running;
    const after = await standbyState(withStandby);
    log(
      `  killed run: ${summary.requestsPerSecond} req/s, ${summary.requests} requests, ${summary.errors} errors, ${summary.non2xx} non-2xx; standby available afterwards: ${after.available}`,
    );
    return {
      councils: councils.length,
      endpoints: results,
      councilsRatio,
      killed: {
        endpoint: allCouncils.name,
        summary,
        ratio: round(summary.requestsPerSecond / medianOf(1, 'withStandby'), 3),
        standbyReadsBeforeKill,
        standbyAvailableAfter: after.available,
      },
    };
  } finally {
    for (const server of servers) await server.stop();
    standby.stop();
  }
}
