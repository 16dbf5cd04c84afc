import { readReturnFile } from '../../server/src/returns/parseReturn';
import type { BenchArea } from '../generate/areas';
import { benchKpis } from '../generate/kpis';
import { generateReturnCsv, returnFileName } from '../generate/returns';
import { openApp } from '../lib/inProcess';
import { createDatabase, dropDatabase } from '../lib/pgAdmin';
import { median, round, timeRuns } from '../lib/stats';

export interface BackfillResult {
  figures: number;
  fileBytes: number;
  runs: number;
  parseMs: number;
  previewMs: number;
  commitMs: number;
  totalMs: number;
  /** (upload + commit) ÷ parse. */
  ratio: number;
  previewResponseBytes: number;
  allRunsMs: number[];
}

/**
 * A ten-year backfill (60 KPIs × 120 months, one organisation) through the API as a commissioner
 * does it — POST /api/returns/uploads (parse, validate, preview, store the upload) then
 * POST /api/returns/uploads/:id/commit (one transaction) — in this process with `app.inject`,
 * on a fresh copy of a database holding the demo seed and the 60 KPIs but no figures for them.
 * Baseline: `readReturnFile` on the same bytes (parse only), median of 15 runs.
 */
export async function backfillBenchmark(params: {
  adminUrl: string;
  template: string;
  area: BenchArea;
  password: string;
  runs: number;
  log: (line: string) => void;
}): Promise<BackfillResult> {
  const { adminUrl, template, area, password, runs, log } = params;
  const bytes = Buffer.from(generateReturnCsv(area, benchKpis()));
  const fileName = returnFileName(area);

  await timeRuns(3, () => readReturnFile(bytes));
  const parseMs = median(await timeRuns(15, () => readReturnFile(bytes)));
  const figures = (await readReturnFile(bytes)).rows.length;

  const previews: number[] = [];
  const commits: number[] = [];
  let previewResponseBytes = 0;
  for (let i = 0; i < runs; i++) {
    const name = `bench_backfill_${i}`;
    const url = await createDatabase(adminUrl, name, template);
    const t = await openApp(url);
    try {
      const cookie = await t.signIn('commissioner', password);
      const t0 = performance.now();
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/api/returns/uploads?fileName=${encodeURIComponent(fileName)}`,
        headers: { cookie, 'content-type': 'text/csv' },
        payload: bytes,
      });
      const t1 = performance.now();
      if (uploaded.statusCode !== 200) throw new Error(`upload: ${uploaded.statusCode} ${uploaded.body.slice(0, 300)}`);
      const preview = uploaded.json() as { upload: { id: number }; counts: { new: number; errors: number } };
      if (preview.counts.errors > 0 || preview.counts.new !== figures) {
        throw new Error(`upload: ${preview.counts.errors} errors, ${preview.counts.new} new of ${figures}`);
      }
      previewResponseBytes = uploaded.rawPayload.length;
      const committed = await t.app.inject({
        method: 'POST',
        url: `/api/returns/uploads/${preview.upload.id}/commit`,
        headers: { cookie, 'content-type': 'application/json' },
        payload: { confirmWarnings: true, reason: 'Ten-year backfill' },
      });
      const t2 = performance.now();
      if (committed.statusCode !== 200)
        throw new Error(`commit: ${committed.statusCode} ${committed.body.slice(0, 300)}`);
      const [stored] = (
        (await t.database.db.execute(
          `select count(*)::int as n from observations where upload_id = ${preview.upload.id}`,
        )) as unknown as { rows: { n: number }[] }
      ).rows;
      if (stored?.n !== figures) throw new Error(`commit stored ${stored?.n} figures, expected ${figures}`);
      previews.push(t1 - t0);
      commits.push(t2 - t1);
      log(`  backfill run ${i + 1}/${runs}: upload ${(t1 - t0).toFixed(0)} ms, commit ${(t2 - t1).toFixed(0)} ms`);
    } finally {
      await t.close();
      await dropDatabase(adminUrl, name);
    }
  }
  const previewMs = median(previews);
  const commitMs = median(commits);
  const totals = previews.map((p, i) => p + commits[i]!);
  return {
    figures,
    fileBytes: bytes.length,
    runs,
    parseMs: round(parseMs, 1),
    previewMs: round(previewMs, 0),
    commitMs: round(commitMs, 0),
    totalMs: round(median(totals), 0),
    ratio: round(median(totals) / parseMs, 2),
    previewResponseBytes,
    allRunsMs: totals.map((t) => round(t, 0)),
  };
}
