/**
 * `tsx bench/preview.ts [--runs N]`: how long the browser takes to show the preview of a
 * ten-year backfill (60 KPIs × 120 months = 7,200 new figures), on a throwaway PostgreSQL
 * cluster holding the demo seed, the accounts and the 60 benchmark KPIs (the backfill
 * benchmark's base database), with a fresh `vite build` of the client. Prints the timings; writes
 * nothing else.
 */
import { findPostgresBinaries, startPgCluster } from '../tests/support/pgCluster';
import { buildClient, removeClientBuild } from './benchmarks/client';
import { previewRenderBenchmark } from './benchmarks/previewRender';
import { readBenchAreas } from './generate/areas';
import { DEFAULT_REFERENCE_DIR, dataDir, SCALES } from './generate/config';
import { loadDataset } from './generate/load';
import { createDatabase } from './lib/pgAdmin';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
const PASSWORD = 'bench-password-1';
const log = (line: string) => console.log(line);

const pgBin = findPostgresBinaries();
if (!pgBin) {
  console.error('No PostgreSQL binaries (initdb, pg_ctl) found: set PG_BIN.');
  process.exit(2);
}
const cluster = await startPgCluster(pgBin);
let clientDir: string | undefined;
try {
  const databaseUrl = await createDatabase(cluster.url, 'bench_preview');
  // Sandwell only: the preview is one council's.
  const scale = { ...SCALES.small, authorities: 1 };
  await loadDataset({
    databaseUrl,
    scale,
    referenceDir: DEFAULT_REFERENCE_DIR,
    password: PASSWORD,
    outDir: dataDir('small'),
    kpisOnly: true,
    log,
  });
  log('Building the client …');
  const built = buildClient();
  clientDir = built.dir;
  log(`Uploading the backfill in Chromium, ${runs} runs after a warm-up …`);
  const result = await previewRenderBenchmark({
    clientDir,
    databaseUrl,
    password: PASSWORD,
    area: readBenchAreas(DEFAULT_REFERENCE_DIR).authorities[0]!,
    runs,
    log,
  });
  console.log(JSON.stringify(result, null, 2));
} finally {
  if (clientDir) removeClientBuild(clientDir);
  cluster.stop();
}
