import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchAreas } from '../generate/areas';
import { generateDfeFile } from '../generate/dfe';
import { pg } from '../lib/deps';
import { openApp } from '../lib/inProcess';
import { createDatabase, dropDatabase } from '../lib/pgAdmin';
import { median, round } from '../lib/stats';

export interface DfeImportResult {
  fileBytes: number;
  fileRows: number;
  measures: number;
  rowsWritten: number;
  runs: number;
  previewMs: number;
  importMs: number;
  totalMs: number;
  copyMs: number;
  /** (preview + import) ÷ COPY of the same rows. */
  ratio: number;
  importOnlyRatio: number;
}

const COLUMNS = [
  'measure_code',
  'kind',
  'area_code',
  'sn_model_id',
  'contributing_count',
  'unit',
  'time_period',
  'time_identifier',
  'period_start',
  'period_end',
  'value',
  'symbol',
  'source',
  'source_release',
  'source_file',
].join(', ');

/**
 * A full DfE release file for every area (England, 11 regions, 153 authorities × 10 years × 30
 * measures) through the API as an analyst does it — POST /api/benchmarks/dfe/preview (the file)
 * then POST /api/benchmarks/dfe/import (the mappings), in this process with `app.inject` — on a
 * fresh copy of the base database. Baseline: PostgreSQL `COPY … FROM` a server-side CSV file of
 * exactly the rows the import wrote (area figures and the neighbour averages), into the same
 * table with the same indexes and constraints, on another fresh copy (statement time only).
 */
export async function dfeImportBenchmark(params: {
  adminUrl: string;
  template: string;
  areas: BenchAreas;
  password: string;
  runs: number;
  log: (line: string) => void;
}): Promise<DfeImportResult> {
  const { adminUrl, template, areas, password, runs, log } = params;
  const file = generateDfeFile(areas, 0);
  const bytes = Buffer.from(file.text);
  // The server process (user postgres) writes and reads the CSV of the imported rows here.
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-bench-copy-'));
  chmodSync(dir, 0o777);
  const csvFile = path.join(dir, 'rows.csv');
  const previews: number[] = [];
  const imports: number[] = [];
  const copies: number[] = [];
  let rowsWritten = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const name = `bench_dfe_${i}`;
      const url = await createDatabase(adminUrl, name, template);
      const t = await openApp(url);
      try {
        const cookie = await t.signIn('analyst', password);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const before = Number(
          (await client.query('select coalesce(max(id), 0) as id from comparator_values')).rows[0].id,
        );
        const t0 = performance.now();
        const preview = await t.app.inject({
          method: 'POST',
          url: `/api/benchmarks/dfe/preview?fileName=${encodeURIComponent(file.fileName)}`,
          headers: { cookie, 'content-type': 'text/csv' },
          payload: bytes,
        });
        const t1 = performance.now();
        if (preview.statusCode !== 200) throw new Error(`preview: ${preview.statusCode} ${preview.body.slice(0, 300)}`);
        const imported = await t.app.inject({
          method: 'POST',
          url: '/api/benchmarks/dfe/import',
          headers: { cookie, 'content-type': 'application/json' },
          payload: { uploadId: preview.json().upload.id, sourceRelease: file.sourceRelease, mappings: file.mappings },
        });
        const t2 = performance.now();
        if (imported.statusCode !== 200)
          throw new Error(`import: ${imported.statusCode} ${imported.body.slice(0, 300)}`);
        previews.push(t1 - t0);
        imports.push(t2 - t1);
        rowsWritten = Number(
          (await client.query('select count(*) as n from comparator_values where id > $1', [before])).rows[0].n,
        );
        if (i === 0) {
          await client.query(
            `copy (select ${COLUMNS} from comparator_values where id > ${before} order by id) to '${csvFile}' with (format csv)`,
          );
        }
        await client.end();
        log(
          `  DfE import run ${i + 1}/${runs}: preview ${(t1 - t0).toFixed(0)} ms, import ${(t2 - t1).toFixed(0)} ms, ${rowsWritten} rows`,
        );
      } finally {
        await t.close();
        await dropDatabase(adminUrl, name);
      }
    }
    for (let i = 0; i < runs; i++) {
      const name = `bench_copy_${i}`;
      const url = await createDatabase(adminUrl, name, template);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('begin');
        const t0 = performance.now();
        const result = await client.query(`copy comparator_values (${COLUMNS}) from '${csvFile}' with (format csv)`);
        await client.query('commit');
        copies.push(performance.now() - t0);
        if (result.rowCount !== rowsWritten) throw new Error(`COPY wrote ${result.rowCount} rows, not ${rowsWritten}`);
        log(`  COPY run ${i + 1}/${runs}: ${copies.at(-1)!.toFixed(0)} ms`);
      } finally {
        await client.end();
        await dropDatabase(adminUrl, name);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const totals = previews.map((p, i) => p + imports[i]!);
  const copyMs = median(copies);
  return {
    fileBytes: bytes.length,
    fileRows: file.rows,
    measures: file.measures.length,
    rowsWritten,
    runs,
    previewMs: round(median(previews), 0),
    importMs: round(median(imports), 0),
    totalMs: round(median(totals), 0),
    copyMs: round(copyMs, 0),
    ratio: round(median(totals) / copyMs, 1),
    importOnlyRatio: round(median(imports) / copyMs, 1),
  };
}
