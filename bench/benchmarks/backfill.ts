import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readReturnFile } from '../../server/src/returns/parseReturn';
import { XLSX_MIME } from '../../server/src/returns/template';
import type { BenchArea } from '../generate/areas';
import { benchKpis } from '../generate/kpis';
import { generateReturnCsv, generateReturnXlsx, returnFileName } from '../generate/returns';
import { pg } from '../lib/deps';
import { openApp } from '../lib/inProcess';
import { createDatabase, dropDatabase } from '../lib/pgAdmin';
import { median, round, timeRuns } from '../lib/stats';

/** One file format's upload + commit against parsing the same bytes. */
export interface BackfillFormatResult {
  format: 'csv' | 'xlsx';
  fileBytes: number;
  parseMs: number;
  previewMs: number;
  commitMs: number;
  totalMs: number;
  /** (upload + commit) ÷ parse. */
  ratio: number;
  previewResponseBytes: number;
  /** The same response gzipped, as a browser receives it. */
  previewResponseGzipBytes: number;
  allRunsMs: number[];
}

export interface BackfillResult extends BackfillFormatResult {
  figures: number;
  runs: number;
  /** The same return as an Excel workbook (the top-level figures are the CSV's). */
  xlsx: BackfillFormatResult;
  /**
   * The least any durable commit of these figures can cost on this schema: PostgreSQL `COPY` of
   * exactly the rows the commit wrote, from a server-side file into a fresh copy, in one
   * transaction (statement and COMMIT time only, no application code).
   */
  floor: WriteFloor;
}

export interface WriteFloor {
  /** COPY of the figures and their revisions, every constraint, index and trigger in place. */
  figuresAndRevisionsMs: number;
  /** The same with the foreign keys of both tables dropped beforehand. */
  figuresAndRevisionsWithoutForeignKeysMs: number;
  /** COPY of the figures only, with their constraints. */
  figuresOnlyMs: number;
  /** COPY of the figures only, their foreign keys dropped beforehand. */
  figuresOnlyWithoutForeignKeysMs: number;
}

const OBSERVATION_COLUMNS =
  'id, indicator_id, month, value, numerator, denominator, symbol, provenance, status, source_note, upload_id, updated_at';
const REVISION_COLUMNS =
  'observation_id, indicator_id, month, old_value, new_value, old_symbol, new_symbol, changed_by, changed_at, upload_id, reason';

const CONTENT_TYPES = { csv: 'text/csv', xlsx: XLSX_MIME } as const;

type FloorFiles = { upload: string; observations: string; revisions: string };

/**
 * A ten-year backfill (60 KPIs × 120 months, one organisation) through the API as a commissioner
 * does it — POST /api/returns/uploads (parse, validate, preview, store the upload) then
 * POST /api/returns/uploads/:id/commit (one transaction) — in this process with `app.inject`,
 * on a fresh copy of a database holding the demo seed and the 60 KPIs but no figures for them;
 * as CSV and as the same return in an Excel workbook. Baseline: `readReturnFile` on the same
 * bytes (parse only), median of 15 runs. Then the write floor (`WriteFloor`).
 */
interface BackfillParams {
  adminUrl: string;
  template: string;
  area: BenchArea;
  password: string;
  runs: number;
  log: (line: string) => void;
}

export async function backfillBenchmark(params: BackfillParams): Promise<BackfillResult> {
  const { area, runs, log } = params;
  const kpis = benchKpis();
  const csvBytes = Buffer.from(generateReturnCsv(area, kpis));
  const xlsxBytes = await generateReturnXlsx(area, kpis);
  const figures = (await readReturnFile(csvBytes)).rows.length;
  const xlsxFigures = (await readReturnFile(xlsxBytes)).rows.length;
  if (xlsxFigures !== figures) throw new Error(`the workbook reads as ${xlsxFigures} figures, the CSV as ${figures}`);

  // The server process (user postgres) writes and reads the exported rows here.
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-bench-floor-'));
  chmodSync(dir, 0o777);
  const files: FloorFiles = {
    upload: path.join(dir, 'upload.csv'),
    observations: path.join(dir, 'observations.csv'),
    revisions: path.join(dir, 'revisions.csv'),
  };
  try {
    const csv = await uploadAndCommit({ ...params, format: 'csv', bytes: csvBytes, figures, exportTo: files });
    const xlsx = await uploadAndCommit({ ...params, format: 'xlsx', bytes: xlsxBytes, figures });
    const floor = await writeFloor({ ...params, files, figures });
    log(
      `  ${figures} figures; CSV ${csv.fileBytes} bytes, workbook ${xlsx.fileBytes} bytes; preview response ${csv.previewResponseBytes} bytes, ${csv.previewResponseGzipBytes} gzipped`,
    );
    return { ...csv, figures, runs, xlsx, floor };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function uploadAndCommit(
  params: BackfillParams & {
    format: 'csv' | 'xlsx';
    bytes: Buffer;
    figures: number;
    /** Where to export the rows the first commit wrote, for the write floor. */
    exportTo?: FloorFiles;
  },
): Promise<BackfillFormatResult> {
  const { adminUrl, template, area, password, runs, log, format, bytes, figures, exportTo } = params;
  const fileName = returnFileName(area, 0, format);
  await timeRuns(3, () => readReturnFile(bytes));
  const parseMs = median(await timeRuns(15, () => readReturnFile(bytes)));

  const previews: number[] = [];
  const commits: number[] = [];
  let previewResponseBytes = 0;
  let previewResponseGzipBytes = 0;
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
        headers: { cookie, 'content-type': CONTENT_TYPES[format] },
        payload: bytes,
      });
      const t1 = performance.now();
      if (uploaded.statusCode !== 200) throw new Error(`upload: ${uploaded.statusCode} ${uploaded.body.slice(0, 300)}`);
      const preview = uploaded.json() as { upload: { id: number }; counts: { new: number; errors: number } };
      if (preview.counts.errors > 0 || preview.counts.new !== figures) {
        throw new Error(`upload: ${preview.counts.errors} errors, ${preview.counts.new} new of ${figures}`);
      }
      previewResponseBytes = uploaded.rawPayload.length;
      previewResponseGzipBytes = gzipSync(uploaded.rawPayload).length;
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
      if (i === 0 && exportTo) await exportCommittedRows(url, preview.upload.id, exportTo);
      previews.push(t1 - t0);
      commits.push(t2 - t1);
      log(
        `  backfill ${format} run ${i + 1}/${runs}: upload ${(t1 - t0).toFixed(0)} ms, commit ${(t2 - t1).toFixed(0)} ms (parse ${parseMs.toFixed(1)} ms)`,
      );
    } finally {
      await t.close();
      await dropDatabase(adminUrl, name);
    }
  }
  const totals = previews.map((p, i) => p + commits[i]!);
  return {
    format,
    fileBytes: bytes.length,
    parseMs: round(parseMs, 1),
    previewMs: round(median(previews), 0),
    commitMs: round(median(commits), 0),
    totalMs: round(median(totals), 0),
    ratio: round(median(totals) / parseMs, 2),
    previewResponseBytes,
    previewResponseGzipBytes,
    allRunsMs: totals.map((t) => round(t, 0)),
  };
}

async function exportCommittedRows(url: string, uploadId: number, files: FloorFiles): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`copy (select * from uploads where id = ${uploadId}) to '${files.upload}' with (format csv)`);
    await client.query(
      `copy (select ${OBSERVATION_COLUMNS} from observations where upload_id = ${uploadId} order by id) to '${files.observations}' with (format csv)`,
    );
    await client.query(
      `copy (select ${REVISION_COLUMNS} from observation_revisions where upload_id = ${uploadId} order by id) to '${files.revisions}' with (format csv)`,
    );
  } finally {
    await client.end();
  }
}

/** Times COPY of the committed rows into fresh copies of the template: see `WriteFloor`. */
async function writeFloor(params: {
  adminUrl: string;
  template: string;
  runs: number;
  files: FloorFiles;
  figures: number;
  log: (line: string) => void;
}): Promise<WriteFloor> {
  const { adminUrl, template, runs, files, figures, log } = params;
  const variants = [
    { key: 'figuresAndRevisionsMs', revisions: true, foreignKeys: true },
    { key: 'figuresAndRevisionsWithoutForeignKeysMs', revisions: true, foreignKeys: false },
    { key: 'figuresOnlyMs', revisions: false, foreignKeys: true },
    { key: 'figuresOnlyWithoutForeignKeysMs', revisions: false, foreignKeys: false },
  ] as const;
  const times = new Map<keyof WriteFloor, number[]>(variants.map((v) => [v.key, []]));
  for (let i = 0; i < runs; i++) {
    for (const variant of variants) {
      const name = `bench_floor_${i}`;
      const url = await createDatabase(adminUrl, name, template);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`copy uploads from '${files.upload}' with (format csv)`);
        if (!variant.foreignKeys) {
          const { rows } = await client.query<{ table: string; name: string }>(
            `select conrelid::regclass::text as table, conname as name from pg_constraint
             where conrelid in ('observations'::regclass, 'observation_revisions'::regclass) and contype = 'f'`,
          );
          for (const fk of rows) await client.query(`alter table ${fk.table} drop constraint "${fk.name}"`);
        }
        await client.query('checkpoint');
        await client.query('begin');
        const t0 = performance.now();
        const written = await client.query(
          `copy observations (${OBSERVATION_COLUMNS}) from '${files.observations}' with (format csv)`,
        );
        if (variant.revisions) {
          await client.query(
            `copy observation_revisions (${REVISION_COLUMNS}) from '${files.revisions}' with (format csv)`,
          );
        }
        await client.query('commit');
        times.get(variant.key)!.push(performance.now() - t0);
        if (written.rowCount !== figures) throw new Error(`COPY wrote ${written.rowCount} figures, not ${figures}`);
      } finally {
        await client.end();
        await dropDatabase(adminUrl, name);
      }
    }
    const last = (key: keyof WriteFloor) => times.get(key)!.at(-1)!.toFixed(0);
    log(
      `  write floor run ${i + 1}/${runs} (COPY, ms): figures + revisions ${last('figuresAndRevisionsMs')}, without foreign keys ${last('figuresAndRevisionsWithoutForeignKeysMs')}; figures only ${last('figuresOnlyMs')}, without foreign keys ${last('figuresOnlyWithoutForeignKeysMs')}`,
    );
  }
  const floor = {} as WriteFloor;
  for (const v of variants) floor[v.key] = round(median(times.get(v.key)!), 1);
  return floor;
}
