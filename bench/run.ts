/**
 * The performance harness (issue 8): `pnpm bench` (small scale, a few minutes) or
 * `pnpm bench --scale full` (all 153 authorities, ≈ 1.1 million monthly observations).
 *
 *   --scale small|full   data set size (default small)
 *   --authorities N      councils loaded (default: the scale's, 10 or 153)
 *   --only a,b           run only these: http, replicas, backfill, dfe, client
 *   --seconds N          autocannon seconds per run (default: the scale's)
 *   --rounds N           alternating bare/app rounds per endpoint (default 3)
 *   --runs N             repetitions of the backfill, DfE import and COPY measurements (default 3)
 *
 * Everything runs on this machine against a throwaway PostgreSQL cluster on 127.0.0.1 (removed
 * afterwards). Each figure is a ratio against a baseline measured in the same run, printed as a
 * table and written to bench/results/latest.json and bench/results/<scale>.json (a partial run, with
 * --only or --authorities, to <scale>-<authorities>-<benchmarks>.json instead).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findPostgresBinaries, startPgCluster } from '../tests/support/pgCluster';
import { type BackfillResult, backfillBenchmark } from './benchmarks/backfill';
import {
  type BundleResult,
  buildClient,
  type RenderResult,
  removeClientBuild,
  renderBenchmark,
} from './benchmarks/client';
import { type DfeImportResult, dfeImportBenchmark } from './benchmarks/dfeImport';
import { CONNECTIONS, type EndpointResult, httpBenchmarks, type MemorySamples } from './benchmarks/http';
import { formatWaterfall, type PaintResult, paintBenchmark, writeBlankPage } from './benchmarks/paint';
import { type Probe, probe } from './benchmarks/probes';
import { type ReplicaResult, replicaBenchmark } from './benchmarks/replicas';
import { readBenchAreas } from './generate/areas';
import { BENCH_ROOT, DEFAULT_REFERENCE_DIR, dataDir, SCALES, type ScaleName } from './generate/config';
import { type LoadReport, loadDataset } from './generate/load';
import { adminQuery, createDatabase } from './lib/pgAdmin';
import { signIn, startServer } from './lib/server';
import { round } from './lib/stats';

function arg(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const scaleName = (arg('scale') ?? 'small') as ScaleName;
if (!SCALES[scaleName]) {
  console.error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  process.exit(2);
}
// --authorities N loads fewer councils than the scale's (a busy machine); the report says how many
const authorities = Number(arg('authorities') ?? SCALES[scaleName].authorities);
if (!Number.isInteger(authorities) || authorities < 1 || authorities > 153) {
  console.error('--authorities must be a whole number from 1 to 153');
  process.exit(2);
}
const scale = { ...SCALES[scaleName], authorities };
const only = new Set((arg('only') ?? 'http,replicas,backfill,dfe,client').split(',').map((s) => s.trim()));
const seconds = Number(arg('seconds') ?? scale.loadSeconds);
const runs = Number(arg('runs') ?? 3);
const rounds = Number(arg('rounds') ?? 3);
const PASSWORD = 'bench-password-1';
const referenceDir = DEFAULT_REFERENCE_DIR;
const started = performance.now();
const log = (line: string) => console.log(line);

interface SummaryRow {
  benchmark: string;
  measured: string;
  baseline: string;
  ratio: number | null;
  target: string;
  pass: boolean | null;
}

const results: {
  http?: { endpoints: EndpointResult[]; memory: MemorySamples; probes: Probe[] };
  replicas?: ReplicaResult;
  backfill?: BackfillResult;
  dfeImport?: DfeImportResult;
  client?: { bundle?: BundleResult; render?: RenderResult; paint?: PaintResult };
} = {};
const errors: Record<string, string> = {};
let dataset: LoadReport | undefined;
let baseDataset: LoadReport | undefined;
let postgresVersion = '';
const loadAverageStart = os.loadavg().map((n) => round(n, 2));

async function step<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    errors[name] = error instanceof Error ? error.message.slice(0, 2000) : String(error);
    console.error(`\n${name} FAILED: ${errors[name]}\n`);
    return undefined;
  }
}

const pgBin = findPostgresBinaries();
if (!pgBin) {
  console.error('No PostgreSQL binaries (initdb, pg_ctl) found: set PG_BIN.');
  process.exit(2);
}
console.log(
  `Benchmarks, scale ${scale.name}: ${os.cpus().length} CPUs, ${round(os.totalmem() / 2 ** 30, 1)} GB, Node ${process.version}`,
);
const cluster = await startPgCluster(pgBin);
try {
  postgresVersion = String((await adminQuery(cluster.url, 'show server_version')).rows[0].server_version);
  console.log(`PostgreSQL ${postgresVersion} on 127.0.0.1:${cluster.port}\n`);

  console.log('Base database (migrations, demo seed, accounts, KPIs for every authority) …');
  const baseUrl = await createDatabase(cluster.url, 'bench_base');
  const outDir = dataDir(scale.name);
  baseDataset = await loadDataset({
    databaseUrl: baseUrl,
    scale,
    referenceDir,
    password: PASSWORD,
    outDir,
    kpisOnly: true,
    log,
  });
  const dataUrl = await createDatabase(cluster.url, 'bench_data', 'bench_base');
  console.log(`National-scale data set (${scale.name}) …`);
  dataset = await loadDataset({
    databaseUrl: dataUrl,
    scale,
    referenceDir,
    password: PASSWORD,
    outDir,
    baseReady: true,
    log,
  });
  console.log(
    `  ${dataset.observations.toLocaleString('en-GB')} observations, ${dataset.revisions.toLocaleString('en-GB')} revisions, ${dataset.comparatorValues.toLocaleString('en-GB')} comparator values (${dataset.seconds.total} s)\n`,
  );

  if (only.has('http')) {
    console.log(`HTTP: ${CONNECTIONS} connections, ${rounds} alternating rounds of ${seconds} s …`);
    results.http = await step('http', async () => {
      const server = await startServer({ DATABASE_URL: dataUrl, DEMO_PASSWORD: PASSWORD });
      try {
        const viewer = await signIn(server.baseUrl, 'viewer', PASSWORD);
        const commissioner = await signIn(server.baseUrl, 'commissioner', PASSWORD);
        const probes = await probe(server.baseUrl, [
          { name: 'scorecard (60 KPIs)', path: '/api/scorecard', cookie: viewer },
          { name: 'series, 36 months', path: '/api/indicators/BK01/series', cookie: viewer },
          { name: 'series, 120 months', path: '/api/indicators/BK01/series?from=2015-08&to=2025-07', cookie: viewer },
          { name: 'indicator list', path: '/api/indicators', cookie: viewer },
          { name: 'revision history', path: '/api/returns/history?kpi=BK01&month=2025-07', cookie: commissioner },
        ]);
        for (const p of probes) log(`  one request, ${p.name}: ${p.medianMs} ms (${p.status}, ${p.bytes} bytes)`);
        const run = await httpBenchmarks({
          server,
          cookie: viewer,
          seconds,
          rounds,
          log,
          endpoints: [
            { name: 'scorecard', path: '/api/scorecard' },
            { name: 'series', path: '/api/indicators/BK01/series' },
          ],
        });
        return { ...run, probes };
      } finally {
        await server.stop();
      }
    });
  }

  if (only.has('replicas')) {
    console.log(
      `\nReads with 0 and 1 standbys: ${CONNECTIONS} connections, ${rounds} alternating rounds of ${seconds} s …`,
    );
    results.replicas = await step('replicas', () =>
      replicaBenchmark({
        binDir: pgBin,
        primary: cluster,
        databaseUrl: dataUrl,
        password: PASSWORD,
        seconds,
        rounds,
        log,
      }),
    );
  }

  if (only.has('backfill')) {
    console.log('\nBackfill: 60 KPIs × 120 months through upload, preview and commit …');
    results.backfill = await step('backfill', () =>
      backfillBenchmark({
        adminUrl: cluster.url,
        template: 'bench_base',
        area: readBenchAreas(referenceDir).authorities[0]!,
        password: PASSWORD,
        runs,
        log,
      }),
    );
  }

  if (only.has('dfe')) {
    console.log('\nDfE release import against COPY …');
    results.dfeImport = await step('dfe', () =>
      dfeImportBenchmark({
        adminUrl: cluster.url,
        template: 'bench_base',
        areas: readBenchAreas(referenceDir),
        password: PASSWORD,
        runs,
        log,
      }),
    );
  }

  if (only.has('client')) {
    console.log('\nClient: bundle and first render in Chromium …');
    const built = await step('client build', async () => buildClient());
    results.client = { bundle: built?.bundle };
    if (built) {
      log(`  initial JavaScript ${built.bundle.initialJsGzipKb} KB gzipped (${built.bundle.initialJsKb} KB raw)`);
      results.client.render = await step('client render', () =>
        renderBenchmark({
          clientDir: built.dir,
          databaseUrl: dataUrl,
          password: PASSWORD,
          runs: scale.browserRuns,
          log,
        }),
      );
      console.log('\nPaint: blank page, scorecard to its first KPI row, KPI page to its chart, cold and warm …');
      results.client.paint = await step('client paint', async () => {
        writeBlankPage(built.dir);
        const server = await startServer({ DATABASE_URL: dataUrl, DEMO_PASSWORD: PASSWORD, CLIENT_DIST: built.dir });
        try {
          const cookie = await signIn(server.baseUrl, 'viewer', PASSWORD);
          const paint = await paintBenchmark({
            server,
            sessionCookie: cookie.split('=')[1]!,
            kpiCode: 'BK01',
            runs: scale.browserRuns,
            log,
          });
          for (const line of formatWaterfall('scorecard, cold', paint.waterfalls.scorecard)) log(line);
          for (const line of formatWaterfall('KPI page, cold', paint.waterfalls.kpi)) log(line);
          return paint;
        } finally {
          await server.stop();
        }
      });
      removeClientBuild(built.dir);
    }
  }
} finally {
  cluster.stop();
}

// ---------------------------------------------------------------- summary

const summary: SummaryRow[] = [];
const fmt = (n: number, unit = '') => `${n.toLocaleString('en-GB')}${unit}`;
for (const e of results.http?.endpoints ?? []) {
  summary.push({
    benchmark: `${e.endpoint} throughput vs bare Fastify (${CONNECTIONS} conns)`,
    measured: `${fmt(e.app.requestsPerSecond)} req/s, p99 ${fmt(e.app.latencyMs.p99)} ms, ${e.app.errors + e.app.non2xx} errors`,
    baseline: `${fmt(e.bare.requestsPerSecond)} req/s, p99 ${fmt(e.bare.latencyMs.p99)} ms`,
    ratio: e.ratio,
    target: '≥ 0.5',
    pass: e.ratio >= 0.5 && e.app.errors + e.app.non2xx === 0,
  });
  summary.push({
    benchmark: `${e.endpoint} conditional GET (ETag → 304)`,
    measured: e.captured.etag
      ? `${e.captured.notModified ? '304' : 'no 304'}${e.conditional ? `, ${fmt(e.conditional.requestsPerSecond)} req/s` : ''}`
      : `no ETag (cache-control: ${e.captured.cacheControl ?? 'none'})`,
    baseline: `${fmt(e.captured.bytes)} bytes per 200`,
    ratio: e.conditional ? round(e.conditional.requestsPerSecond / e.bare.requestsPerSecond, 3) : null,
    target: 'supported',
    pass: e.captured.notModified,
  });
}
for (const e of results.replicas?.endpoints ?? []) {
  summary.push({
    benchmark: `${e.endpoint} throughput, 1 standby vs none (${CONNECTIONS} conns)`,
    measured: `${fmt(e.withStandby.requestsPerSecond)} req/s, ${fmt(e.standbyReads)} reads on the standby, ${e.withStandby.errors + e.withStandby.non2xx} errors`,
    baseline: `${fmt(e.primaryOnly.requestsPerSecond)} req/s on the primary alone`,
    ratio: e.ratio,
    target: '— (report)',
    pass: e.withStandby.errors + e.withStandby.non2xx === 0 ? null : false,
  });
}
if (results.replicas) {
  const r = results.replicas;
  const [one, all] = [r.endpoints[0], r.endpoints[1]];
  if (one && all) {
    for (const which of ['primaryOnly', 'withStandby'] as const) {
      summary.push({
        benchmark: `scorecard, ${r.councils} councils vs 1 council (${which === 'primaryOnly' ? 'no standby' : '1 standby'})`,
        measured: `${fmt(all[which].requestsPerSecond)} req/s, p99 ${fmt(all[which].latencyMs.p99)} ms, ${all[which].errors + all[which].non2xx} errors`,
        baseline: `${fmt(one[which].requestsPerSecond)} req/s for one council`,
        ratio: r.councilsRatio[which],
        target: '— (report)',
        pass: all[which].errors + all[which].non2xx === 0 ? null : false,
      });
    }
  }
  const k = r.killed;
  summary.push({
    benchmark: `${k.endpoint}, standby killed mid-run vs live standby`,
    measured: `${fmt(k.summary.requestsPerSecond)} req/s, ${fmt(k.summary.requests)} requests, ${k.summary.errors + k.summary.non2xx} errors`,
    baseline: 'the live standby rounds',
    ratio: k.ratio,
    target: 'no errors',
    pass: k.summary.errors + k.summary.non2xx === 0 && !k.standbyAvailableAfter,
  });
}
if (results.backfill) {
  const b = results.backfill;
  summary.push({
    benchmark: `backfill ${fmt(b.figures)} figures: upload + commit vs parse`,
    measured: `${fmt(b.totalMs)} ms (upload ${fmt(b.previewMs)}, commit ${fmt(b.commitMs)})`,
    baseline: `${fmt(b.parseMs)} ms parse`,
    ratio: b.ratio,
    target: '< 3',
    pass: b.ratio < 3,
  });
  summary.push({
    benchmark: `  the same backfill as an Excel workbook vs parse`,
    measured: `${fmt(b.xlsx.totalMs)} ms (upload ${fmt(b.xlsx.previewMs)}, commit ${fmt(b.xlsx.commitMs)})`,
    baseline: `${fmt(b.xlsx.parseMs)} ms parse`,
    ratio: b.xlsx.ratio,
    target: '< 3',
    pass: b.xlsx.ratio < 3,
  });
  const floors: [string, number][] = [
    ['COPY of the same figures and revisions', b.floor.figuresAndRevisionsMs],
    ['the same without foreign keys', b.floor.figuresAndRevisionsWithoutForeignKeysMs],
    ['COPY of the figures only', b.floor.figuresOnlyMs],
    ['the figures only without foreign keys', b.floor.figuresOnlyWithoutForeignKeysMs],
  ];
  for (const [what, ms] of floors) {
    summary.push({
      benchmark: `  write floor: ${what} vs parse`,
      measured: `${fmt(ms)} ms`,
      baseline: `${fmt(b.parseMs)} ms parse`,
      ratio: round(ms / b.parseMs, 2),
      target: '— (report)',
      pass: null,
    });
  }
}
if (results.dfeImport) {
  const d = results.dfeImport;
  summary.push({
    benchmark: `DfE release import (${fmt(d.rowsWritten)} rows) vs COPY`,
    measured: `${fmt(d.totalMs)} ms (preview ${fmt(d.previewMs)}, import ${fmt(d.importMs)})`,
    baseline: `${fmt(d.copyMs)} ms COPY`,
    ratio: d.ratio,
    target: '— (report)',
    pass: null,
  });
}
if (results.client?.bundle) {
  const c = results.client.bundle;
  summary.push({
    benchmark: 'initial JavaScript, gzipped',
    measured: `${fmt(c.initialJsGzipKb)} KB (${fmt(c.initialJsKb)} KB raw)`,
    baseline: '250 KB budget',
    ratio: round(c.initialJsGzipKb / 250, 2),
    target: '< 250 KB',
    pass: c.initialJsGzipKb < 250,
  });
}
if (results.client?.render) {
  const r = results.client.render;
  summary.push({
    benchmark: `scorecard rendered (${r.kpiCards} KPIs) vs blank page`,
    measured: `${fmt(r.scorecardMs)} ms`,
    baseline: `${fmt(r.blankMs)} ms blank`,
    ratio: r.ratio,
    target: '— (report)',
    pass: null,
  });
}
for (const t of results.client?.paint?.timings ?? []) {
  if (t.page === 'blank') continue;
  const blank = results.client!.paint!.timings.find((b) => b.page === 'blank' && b.cache === t.cache)!;
  summary.push({
    benchmark: `${t.page === 'kpi' ? 'KPI page to its chart' : 'scorecard to its first KPI row'} (${t.cache}) vs blank page`,
    measured: `${fmt(t.medianMs)} ms`,
    baseline: `${fmt(blank.medianMs)} ms blank`,
    ratio: t.ratio,
    target: t.page === 'kpi' ? '≤ 2' : '≤ 1.5',
    pass: t.ratio <= (t.page === 'kpi' ? 2 : 1.5),
  });
}
if (results.http?.memory) {
  const m = results.http.memory;
  summary.push({
    benchmark: 'server RSS under load',
    measured: `peak ${fmt(m.peakMb)} MB, mean ${fmt(m.meanUnderLoadMb)} MB`,
    baseline: `idle ${fmt(m.idleMb)} MB (bare Fastify peak ${fmt(m.barePeakMb)} MB)`,
    ratio: round(m.peakMb / m.idleMb, 2),
    target: '— (report)',
    pass: null,
  });
}

const loadAverageEnd = os.loadavg().map((n) => round(n, 2));
const report = {
  generatedAt: new Date().toISOString(),
  scale: scale.name,
  authorities,
  machine: {
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    postgres: postgresVersion,
    platform: `${os.type()} ${os.release()}`,
    loadAverageStart,
    loadAverageEnd,
  },
  settings: { connections: CONNECTIONS, seconds, rounds, runs, browserRuns: scale.browserRuns },
  dataset,
  baseDataset,
  summary,
  results,
  errors,
  durationSeconds: round((performance.now() - started) / 1000, 0),
};
const resultsDir = path.join(BENCH_ROOT, 'results');
// A partial run (--only, --authorities) never replaces the scale's complete figures.
const partial = arg('only') !== undefined || authorities !== SCALES[scaleName].authorities;
const resultName = partial ? `${scale.name}-${authorities}-${[...only].join('+')}` : scale.name;
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(resultsDir, `${resultName}.json`), `${JSON.stringify(report, null, 2)}\n`);
// in the repository's own JSON style, so that `pnpm lint` stays clean after a run
spawnSync(
  path.join(BENCH_ROOT, '..', 'node_modules', '.bin', 'biome'),
  ['format', '--write', path.join(resultsDir, 'latest.json'), path.join(resultsDir, `${resultName}.json`)],
  { stdio: 'ignore' },
);

const rows = [['benchmark', 'measured', 'baseline', 'ratio', 'target', 'result']].concat(
  summary.map((s) => [
    s.benchmark,
    s.measured,
    s.baseline,
    s.ratio === null ? '—' : String(s.ratio),
    s.target,
    s.pass === null ? 'info' : s.pass ? 'PASS' : 'FAIL',
  ]),
);
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log('');
for (const [i, r] of rows.entries()) {
  console.log(r.map((cell, j) => cell.padEnd(widths[j]!)).join(' | '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
}
console.log(
  `\nLoad average ${loadAverageStart.join(' ')} at the start, ${loadAverageEnd.join(' ')} at the end (${os.cpus().length} CPUs)${Math.max(...loadAverageStart, ...loadAverageEnd) > os.cpus().length ? ': other work was running; ratios hold better than absolute figures' : ''}.`,
);
console.log(
  `Written to ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))} in ${report.durationSeconds} s.`,
);
for (const [name, message] of Object.entries(errors)) console.log(`ERROR in ${name}: ${message.split('\n')[0]}`);
process.exit(Object.keys(errors).length > 0 ? 1 : 0);
