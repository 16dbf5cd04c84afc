/**
 * `tsx bench/paint.ts [--runs N] [--keep-build DIR]`: the paint benchmark (issue 17) on the demo,
 * without PostgreSQL: a fresh `vite build` of the client, the real server on embedded PGlite in a
 * throwaway data folder (seeded with the demo on its first start), and Chromium timing a blank
 * page, the scorecard to its first KPI row and a KPI page to its chart, cold and warm. Prints the
 * ratios and the request waterfall of one cold visit; writes nothing else. `pnpm bench` runs the
 * same measurement on the PostgreSQL data sets (small and `--scale full`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildClient, removeClientBuild } from './benchmarks/client';
import { formatWaterfall, type PaintResult, paintBenchmark, writeBlankPage } from './benchmarks/paint';
import { signIn, startServer } from './lib/server';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
const PASSWORD = 'bench-password-1';
const log = (line: string) => console.log(line);

/** The ratios as a table: one row per page, cold and warm. */
export function formatPaint(result: PaintResult): string[] {
  const lines = ['  page       | cold ms | cold ratio | warm ms | warm ratio'];
  for (const page of ['blank', 'scorecard', 'kpi'] as const) {
    const cold = result.timings.find((t) => t.page === page && t.cache === 'cold')!;
    const warm = result.timings.find((t) => t.page === page && t.cache === 'warm')!;
    lines.push(
      `  ${page.padEnd(10)} | ${String(cold.medianMs).padStart(7)} | ${String(cold.ratio).padStart(10)} | ${String(warm.medianMs).padStart(7)} | ${String(warm.ratio).padStart(10)}`,
    );
  }
  return lines;
}

log('Building the client …');
const built = buildClient();
writeBlankPage(built.dir);
const dataDir = mkdtempSync(path.join(tmpdir(), 'kpi-bench-paint-'));
try {
  log('Starting the server on the demo (embedded PGlite) …');
  const server = await startServer({ DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, CLIENT_DIST: built.dir }, 300_000);
  try {
    const cookie = await signIn(server.baseUrl, 'viewer', PASSWORD);
    const scorecard = (await (await fetch(`${server.baseUrl}/api/scorecard`, { headers: { cookie } })).json()) as {
      items: { code: string }[];
    };
    const kpiCode = scorecard.items[0]!.code;
    log(`Chromium: ${runs} rounds after a warm-up (${scorecard.items.length} KPIs; KPI page ${kpiCode}) …`);
    const result = await paintBenchmark({ server, sessionCookie: cookie.split('=')[1]!, kpiCode, runs, log });
    for (const line of formatWaterfall('scorecard, cold', result.waterfalls.scorecard)) log(line);
    for (const line of formatWaterfall('KPI page, cold', result.waterfalls.kpi)) log(line);
    for (const line of formatPaint(result)) log(line);
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  removeClientBuild(built.dir);
}
