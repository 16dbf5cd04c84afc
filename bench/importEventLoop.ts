/**
 * `tsx bench/importEventLoop.ts`: what a 20 MB DfE release file (the largest a benchmark manager
 * may upload) does to everyone else's requests while it is previewed and imported. The whole app
 * runs in this process (`app.inject`) on a throwaway PostgreSQL cluster (PGlite when no
 * PostgreSQL binaries are found: its queries run on the event loop too, so only PostgreSQL shows
 * the parsing alone). For each step it records the event loop's delay (perf_hooks
 * monitorEventLoopDelay: max and p99) and the latency of GET /api/health asked every 20 ms
 * meanwhile, counted from when each was due. Both ways in one run: the files parsed on the event loop (`inProcess`, as before
 * the reader pool took them) and in the reader pool's worker thread. Ratios, not timings, are
 * what to compare: the machine is shared.
 *
 *   --runs N         repetitions of each way (default 2), alternating
 *   --mb N           file size in MiB (default 19.5, under the 20 MB limit)
 *   --ways a,b       inProcess, pool or both (default both)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { loadSeedData } from '../seed/src/index';
import { FileReaderPool } from '../server/src/fileReaders/fileReaderPool';
import { buildApp, ensureDemoAccounts, loadConfig } from '../server/src/index';
import { applySeed } from '../server/src/seedLoader/loadSeed';
import { findPostgresBinaries, startPgCluster } from '../tests/support/pgCluster';
import { createTestDatabase, testDriverName } from '../tests/support/testDatabase';
import { readBenchAreas } from './generate/areas';
import { DEFAULT_REFERENCE_DIR } from './generate/config';
import { largeDfeFile } from './generate/largeDfe';
import { median, round } from './lib/stats';

const PASSWORD = 'bench-password-1';
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('runs') ?? 2);
const MB = Number(arg('mb') ?? 19.5);
const WAYS = (arg('ways') ?? 'inProcess,pool').split(',') as Array<'inProcess' | 'pool'>;

interface StepResult {
  ms: number;
  loopMaxMs: number;
  loopP99Ms: number;
  healthMaxMs: number;
  healthCount: number;
}

/** Runs `step` while sampling the event loop's delay and asking for /api/health every 20 ms. */
async function observed(app: FastifyInstance, step: () => Promise<void>): Promise<StepResult> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const health: number[] = [];
  let running = true;
  // Latency from when each probe was due, not from when a blocked event loop got round to sending it.
  const prober = (async () => {
    let due = performance.now();
    while (running) {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      if (response.statusCode !== 200) throw new Error(`health: ${response.statusCode}`);
      health.push(performance.now() - due);
      due = Math.max(due + 20, performance.now());
      await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    }
  })();
  loop.enable();
  const t0 = performance.now();
  try {
    await step();
  } finally {
    loop.disable();
    running = false;
    await prober;
  }
  const ms = performance.now() - t0;
  return {
    ms: round(ms, 0),
    loopMaxMs: round(loop.max / 1e6, 0),
    loopP99Ms: round(loop.percentile(99) / 1e6, 0),
    healthMaxMs: round(Math.max(...health), 0),
    healthCount: health.length,
  };
}

async function signIn(app: FastifyInstance): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'analyst', password: PASSWORD },
  });
  const cookie = response.cookies.find((c) => c.name === 'kpi_session');
  if (!cookie) throw new Error(`sign-in: ${response.statusCode}`);
  return `kpi_session=${cookie.value}`;
}

const binDir = findPostgresBinaries();
const cluster = binDir ? await startPgCluster(binDir) : null;
if (cluster) process.env.TEST_DATABASE_URL = cluster.url;
const results: Record<string, { preview: StepResult[]; import: StepResult[] }> = {
  inProcess: { preview: [], import: [] },
  pool: { preview: [], import: [] },
};
try {
  const areas = readBenchAreas(DEFAULT_REFERENCE_DIR);
  const file = largeDfeFile(areas, MB * 1024 * 1024);
  const seed = await loadSeedData(DEFAULT_REFERENCE_DIR);
  console.log(
    `${(file.bytes.length / 1024 / 1024).toFixed(1)} MiB, ${file.rows} rows, ${file.mappings.length} measures mapped; database ${testDriverName()}`,
  );
  for (let run = 0; run < RUNS; run++) {
    for (const way of WAYS) {
      const database = await createTestDatabase();
      await ensureDemoAccounts(database.db, PASSWORD);
      await applySeed(database.db, { ...seed, snNeighbours: [], populations: [], comparators: [] });
      const config = loadConfig({ NODE_ENV: 'test', CLIENT_DIST: '/nonexistent', RATE_LIMIT_PER_MINUTE: '100000000' });
      const app = await buildApp({
        config,
        database,
        fileReaders: new FileReaderPool({ inProcess: way === 'inProcess' }),
      });
      try {
        const cookie = await signIn(app);
        let uploadId = 0;
        const preview = await observed(app, async () => {
          const response = await app.inject({
            method: 'POST',
            url: `/api/benchmarks/dfe/preview?fileName=${file.fileName}`,
            headers: { cookie, 'content-type': 'text/csv' },
            // A copy: the pool takes over the bytes it is given.
            payload: Buffer.from(file.bytes),
          });
          if (response.statusCode !== 200) throw new Error(`preview: ${response.statusCode} ${response.body}`);
          uploadId = response.json().upload.id;
        });
        const imported = await observed(app, async () => {
          const response = await app.inject({
            method: 'POST',
            url: '/api/benchmarks/dfe/import',
            headers: { cookie },
            payload: { uploadId, sourceRelease: 'Bench large release', mappings: file.mappings },
          });
          if (response.statusCode !== 200) throw new Error(`import: ${response.statusCode} ${response.body}`);
        });
        results[way]!.preview.push(preview);
        results[way]!.import.push(imported);
        console.log(`run ${run + 1} ${way}: preview ${JSON.stringify(preview)}, import ${JSON.stringify(imported)}`);
      } finally {
        await app.close();
        await database.close();
      }
    }
  }
} finally {
  cluster?.stop();
}

const med = (rows: StepResult[], key: keyof StepResult) => round(median(rows.map((r) => r[key])), 0);
console.log('\nmedians                 in-process   pool   pool ÷ in-process');
for (const step of ['preview', 'import'] as const) {
  for (const key of ['ms', 'loopMaxMs', 'loopP99Ms', 'healthMaxMs'] as const) {
    const a = med(results.inProcess![step], key);
    const b = med(results.pool![step], key);
    console.log(
      `${`${step} ${key}`.padEnd(24)}${String(a).padStart(10)}${String(b).padStart(7)}${round(b / a, 2)
        .toString()
        .padStart(10)}`,
    );
  }
}
