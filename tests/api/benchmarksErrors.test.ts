import { readFileSync } from 'node:fs';
import path from 'node:path';
import { queryRows } from '@kpi/server/db';
import { dfeImportResponseSchema, MAX_BENCHMARK_FILE_BYTES, problemSchema } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APRIL_2021,
  type BenchmarkTestApp,
  benchmarkState,
  createBenchmarkTestApp,
  DFE_DIR,
  dfeFile,
  FILES,
  fixture,
  postFile,
  postJson,
  SANDWELL,
  snModelUrl,
  storedValue,
} from '../fixtures/benchmarks/support';
import { REFERENCE_DIR } from '../support/seededApp';
import { testDriverName } from '../support/testDatabase';

/**
 * Bad benchmark files and mappings: each class of problem gets its own message, with the row and
 * column where there is one, and leaves the benchmark tables (and the uploads) as they were.
 * Rows for areas the dashboard does not know are the exception: skipped and reported, not refused.
 */

describe(`benchmark imports refuse bad files clearly and change nothing (${testDriverName()})`, () => {
  let t: BenchmarkTestApp;

  beforeAll(async () => {
    t = await createBenchmarkTestApp();
    // The April 2021 list, so that the organisation has neighbours.
    const response = await postFile(
      t.app,
      t.cookies.admin,
      snModelUrl(APRIL_2021, 'DfE April 2021 model', '2021-04', FILES.sn2021),
      dfeFile(FILES.sn2021),
    );
    expect(response.statusCode, response.body).toBe(200);
  });
  afterAll(() => t.close());

  /** Runs a request that must fail with `status` and leave every benchmark table unchanged. */
  async function refused(send: () => ReturnType<typeof postFile>, status = 400) {
    const before = await benchmarkState(t.database.db);
    const response = await send();
    expect(response.statusCode, response.body).toBe(status);
    expect(await benchmarkState(t.database.db)).toEqual(before);
    return problemSchema.parse(response.json());
  }

  const previewUrl = (name: string) => `/api/benchmarks/dfe/preview?fileName=${encodeURIComponent(name)}`;
  const previewOf = (name: string, bytes: Buffer) => () => postFile(t.app, t.cookies.analyst, previewUrl(name), bytes);

  async function uploadId(name: string, bytes: Buffer): Promise<number> {
    const response = await postFile(t.app, t.cookies.analyst, previewUrl(name), bytes);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().upload.id;
  }

  const importOf =
    (id: number, mappings: unknown[], sourceRelease = 'DfE test release') =>
    () =>
      postJson(t.app, t.cookies.analyst, '/api/benchmarks/dfe/import', { uploadId: id, sourceRelease, mappings });

  const ICPC_TIMELINESS = {
    measureCode: 'icpc_timeliness_pct',
    unit: 'percent',
    numerator: ['Duration_0-10_days', 'Duration_11-15_days'],
    denominator: 'ICPC',
  };

  describe('files that are not DfE tidy CSVs', () => {
    it('an empty file', async () => {
      const problem = await refused(previewOf('empty.csv', Buffer.alloc(0)));
      expect(problem.detail).toBe('The file is empty.');
    });

    it('an Excel workbook', async () => {
      const problem = await refused(
        previewOf('la_code_list.xlsx', readFileSync(path.join(DFE_DIR, 'la_code_list.xlsx'))),
      );
      expect(problem.detail).toMatch(/Excel workbook or zip file, not a CSV/);
    });

    it('a CSV without the tidy-CSV key columns', async () => {
      const problem = await refused(
        previewOf('contract-kpis-2018.csv', readFileSync(path.join(REFERENCE_DIR, 'contract-kpis-2018.csv'))),
      );
      expect(problem.detail).toMatch(
        /not in the DfE tidy-CSV layout: it has no time_period, time_identifier, geographic_level columns/,
      );
      expect(problem.errors?.map((e) => e.message)).toEqual([
        'No time_period column',
        'No time_identifier column',
        'No geographic_level column',
      ]);
    });

    it('a CSV with an unclosed quote', async () => {
      const problem = await refused(previewOf('c4-malformed.csv', fixture('c4-malformed.csv')));
      expect(problem.detail).toMatch(/^Line 3: the file is not valid CSV/);
      expect(problem.errors?.[0]?.path).toBe('file.row.3');
    });

    it('two columns with the same heading', async () => {
      const problem = await refused(previewOf('c4-duplicate-columns.csv', fixture('c4-duplicate-columns.csv')));
      expect(problem.detail).toBe('Two columns have the same heading: Columns 14 and 15 are both headed "ICPC".');
    });

    it('a row with too few cells', async () => {
      const problem = await refused(previewOf('c4-short-row.csv', fixture('c4-short-row.csv')));
      expect(problem.detail).toMatch(/^Row 3 has 13 cells but the header has 22\./);
      expect(problem.errors?.[0]?.path).toBe('file.row.3');
    });

    it('a semicolon-separated file', async () => {
      const problem = await refused(previewOf('c4-semicolons.csv', fixture('c4-semicolons.csv')));
      expect(problem.detail).toMatch(/must be comma-separated/);
    });

    it('a file over the size limit, before it is read', async () => {
      const big = Buffer.alloc(MAX_BENCHMARK_FILE_BYTES + 1, 0x61);
      const problem = await refused(previewOf('huge.csv', big), 413);
      expect(problem.detail).toMatch(/larger than 20 MB/);
    });

    it('a body that is not a file', async () => {
      const problem = await refused(
        () =>
          t.app.inject({
            method: 'POST',
            url: previewUrl('c4.csv'),
            headers: { cookie: t.cookies.analyst },
            payload: { not: 'a file' },
          }),
        415,
      );
      expect(problem.detail).toMatch(/Send the file itself/);
    });
  });

  describe('mappings that do not fit the file', () => {
    let c4: number;
    beforeAll(async () => {
      c4 = await uploadId(FILES.c4, dfeFile(FILES.c4));
    });

    it('a column the file does not have, with the nearest heading', async () => {
      const problem = await refused(
        importOf(c4, [{ ...ICPC_TIMELINESS, numerator: ['Duration_0-10_day', 'Duration_11-15_days'] }]),
      );
      expect(problem.errors).toEqual([
        {
          path: 'body.mappings.0.numerator.0',
          message: 'The file has no column "Duration_0-10_day" (did you mean "Duration_0-10_days"?)',
        },
      ]);
      expect(problem.detail).toMatch(/^The mappings do not fit the file/);
    });

    it('a time or geography column as a figure', async () => {
      const problem = await refused(
        importOf(c4, [{ measureCode: 'icpc_count', unit: 'count', numerator: 'old_la_code' }]),
      );
      expect(problem.errors?.[0]).toEqual({
        path: 'body.mappings.0.numerator',
        message: 'old_la_code is a time or geography column, not a figure',
      });
    });

    it('a unit that contradicts the measure, and a measure mapped twice', async () => {
      const problem = await refused(
        importOf(c4, [
          { measureCode: 'icpc_count', unit: 'percent', numerator: 'ICPC' },
          { measureCode: 'icpc_count', unit: 'count', numerator: 'ICPC' },
        ]),
      );
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          {
            path: 'body.mappings.0.unit',
            message: expect.stringMatching(/icpc_count is a count measure, not percent/),
          },
          { path: 'body.mappings.1.measureCode', message: 'icpc_count is mapped twice (mappings 0 and 1)' },
        ]),
      );
    });

    it('a measure the dashboard does not know, without saying when it applies', async () => {
      const problem = await refused(
        importOf(c4, [{ measureCode: 's47_children', unit: 'count', numerator: 'Section47_child' }]),
      );
      expect(problem.errors?.[0]?.path).toBe('body.mappings.0.timing');
      const ok = await importOf(c4, [
        { measureCode: 's47_children', unit: 'count', numerator: 'Section47_child', timing: 'yearToMarch' },
      ])();
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it('a rate from a count that is not a rate, and a mapping with neither numerator nor rateFromCount', async () => {
      const problem = await refused(
        importOf(c4, [
          { measureCode: 'icpc_rate', unit: 'percent', rateFromCount: 'ICPC' },
          { measureCode: 'icpc_count', unit: 'count' },
        ]),
      );
      expect(problem.errors?.map((e) => e.path)).toEqual(['body.mappings.0.unit', 'body.mappings.1.numerator']);
    });

    it('a file with several categories needs a filter; a filter value no row has is named', async () => {
      const cla = await uploadId(FILES.cla, dfeFile(FILES.cla));
      const noFilter = await refused(
        importOf(cla, [{ measureCode: 'children_in_care_rate', unit: 'rate_per_10k', numerator: 'rate_per_10000' }]),
      );
      expect(noFilter.detail).toMatch(
        /^The file cannot be imported with these mappings: Rows 2 and 3 both give children_in_care_rate for England 2025: the file has several categories, so add a filter on "population_type"/,
      );
      const badValue = await refused(
        importOf(cla, [
          {
            measureCode: 'children_in_care_rate',
            unit: 'rate_per_10k',
            numerator: 'rate_per_10000',
            filter: { column: 'population_type', value: 'Children looked after at 31 March' },
          },
        ]),
      );
      expect(badValue.errors?.[0]).toEqual({
        path: 'body.mappings.0.filter.value',
        message: expect.stringMatching(
          /^No row has population_type = "Children looked after at 31 March"; the values are "Children ceasing to be looked after each year", "Children looked after on 31 March each year"/,
        ),
      });
    });

    it('an upload that does not exist', async () => {
      const problem = await refused(importOf(999_999, [ICPC_TIMELINESS]), 404);
      expect(problem.detail).toBe('There is no DfE release upload 999999. Preview the file first.');
    });
  });

  describe('cells and periods', () => {
    it('a cell that is neither a number nor a symbol: its row and column', async () => {
      const id = await uploadId('c4-bad-cell.csv', fixture('c4-bad-cell.csv'));
      const problem = await refused(importOf(id, [ICPC_TIMELINESS]));
      expect(problem.errors).toEqual([
        {
          path: 'file.row.4.ICPC',
          message: 'Row 4, column ICPC: "n/a" is not a number or a suppression symbol (c, x, z, low, u)',
        },
      ]);
      expect(problem.detail).toMatch(/Row 4, column ICPC: "n\/a"/);
    });

    it('the preview already warns about the bad cell', async () => {
      const response = await postFile(
        t.app,
        t.cookies.analyst,
        previewUrl('c4-bad-cell.csv'),
        fixture('c4-bad-cell.csv'),
      );
      const icpc = response.json().columns.find((c: { name: string }) => c.name === 'ICPC');
      expect(icpc).toMatchObject({ role: 'measure', invalidCount: 1, invalid: [{ row: 4, value: 'n/a' }] });
      expect(response.json().warnings.join(' ')).toMatch(
        /Column ICPC has 1 cell that are neither numbers nor suppression symbols/,
      );
    });

    it('a period the dashboard cannot place', async () => {
      const id = await uploadId('c4-academic-year.csv', fixture('c4-academic-year.csv'));
      const problem = await refused(importOf(id, [ICPC_TIMELINESS]));
      expect(problem.errors?.[0]).toEqual({
        path: 'file.row.2.time_period',
        message: expect.stringMatching(/^Row 2: time_identifier "Academic year" is not supported/),
      });
    });

    it('an area the dashboard does not know is skipped and reported; the rest is stored', async () => {
      const id = await uploadId('c4-unknown-area.csv', fixture('c4-unknown-area.csv'));
      const response = await importOf(id, [ICPC_TIMELINESS])();
      expect(response.statusCode, response.body).toBe(200);
      const body = dfeImportResponseSchema.parse(response.json());
      expect(body.skipped.unknownAreas).toEqual([
        { row: 4, rows: 1, level: 'local_authority', code: '999', name: 'Nowhere upon Sea' },
      ]);
      expect(body.totals.inserted).toBe(2);
      expect(
        (await storedValue(t.database.db, { measure: 'icpc_timeliness_pct', area: SANDWELL, period: '2025' }))?.value,
      ).toBe(82.4);
      const [nowhere] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from comparator_values where source_file = 'c4-unknown-area.csv'`,
      );
      expect(Number(nowhere?.n)).toBe(2); // England and Sandwell
    });
  });

  describe('population and statistical-neighbour files', () => {
    it('a population file without an age group', async () => {
      const problem = await refused(() =>
        postFile(t.app, t.cookies.analyst, `/api/benchmarks/populations?fileName=${FILES.c1}`, dfeFile(FILES.c1)),
      );
      expect(problem.detail).toMatch(
        /not an ONS population file in the tidy layout: it has no population_estimate or age_group column/,
      );
    });

    it('a population that is not a number', async () => {
      const problem = await refused(() =>
        postFile(
          t.app,
          t.cookies.analyst,
          '/api/benchmarks/populations?fileName=p.csv',
          fixture('population-bad-cell.csv'),
        ),
      );
      expect(problem.errors).toEqual([
        {
          path: 'file.row.3.population_estimate',
          message:
            'Row 3, column population_estimate: "88 593" is not a number or a suppression symbol (c, x, z, low, u)',
        },
      ]);
    });

    it('a file that is not a statistical-neighbour list', async () => {
      const problem = await refused(() =>
        postFile(
          t.app,
          t.cookies.analyst,
          snModelUrl('test-model', 'Test model', '2025-01', 'c1.csv'),
          dfeFile(FILES.c1),
        ),
      );
      expect(problem.detail).toMatch(
        /^The file is not a DfE statistical-neighbour list: it has no SN1 \(or SN_1\) column/,
      );
    });

    it('a neighbour that is not an LA number: its row and column', async () => {
      const problem = await refused(() =>
        postFile(
          t.app,
          t.cookies.analyst,
          snModelUrl('test-model', 'Test model', '2025-01', 'sn.csv'),
          fixture('sn-bad-code.csv'),
        ),
      );
      expect(problem.errors).toEqual([
        { path: 'file.row.2.SN_1', message: 'Row 2, column SN_1: "ABC" is not a three-digit DfE LA number' },
      ]);
    });

    it('a model code that is not allowed', async () => {
      const problem = await refused(() =>
        postFile(t.app, t.cookies.analyst, snModelUrl('Bad Code!', 'Test', '2025-01', 'sn.csv'), dfeFile(FILES.sn2025)),
      );
      expect(problem.errors?.[0]?.path).toBe('querystring.code');
    });

    it('choosing a model that does not exist, or one without the organisation', async () => {
      const put = (modelCode: string) => () =>
        t.app.inject({
          method: 'PUT',
          url: '/api/organisation/sn-model',
          headers: { cookie: t.cookies.admin },
          payload: { modelCode },
        });
      const missing = await refused(put('no-such-model'), 404);
      expect(missing.detail).toMatch(/There is no statistical-neighbour model "no-such-model"/);

      const imported = await postFile(
        t.app,
        t.cookies.analyst,
        snModelUrl('wolves-only', 'Wolverhampton only', '2025-05', 'sn-without-sandwell.csv'),
        fixture('sn-without-sandwell.csv'),
      );
      expect(imported.statusCode, imported.body).toBe(200);
      const without = await refused(put('wolves-only'));
      expect(without.detail).toBe(
        "Wolverhampton only has no neighbour list for Sandwell, so it cannot be the organisation's model.",
      );
    });
  });

  describe('roles', () => {
    it('a viewer cannot import or choose; the refusal is audited and no body is read', async () => {
      const attempts = [
        () => postFile(t.app, t.cookies.viewer, previewUrl(FILES.c4), dfeFile(FILES.c4)),
        () =>
          postJson(t.app, t.cookies.viewer, '/api/benchmarks/dfe/import', {
            uploadId: 1,
            sourceRelease: 'x x x',
            mappings: [],
          }),
        () =>
          postFile(t.app, t.cookies.viewer, `/api/benchmarks/populations?fileName=${FILES.ons}`, dfeFile(FILES.ons)),
        () =>
          postFile(t.app, t.cookies.viewer, snModelUrl('v-model', 'Viewer', '2025-01', 's.csv'), dfeFile(FILES.sn2025)),
        () =>
          t.app.inject({
            method: 'PUT',
            url: '/api/organisation/sn-model',
            headers: { cookie: t.cookies.viewer },
            payload: { modelCode: APRIL_2021 },
          }),
      ];
      for (const attempt of attempts) await refused(attempt, 403);
      const [audit] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from audit_log where action = 'access.refused' and username = 'viewer'`,
      );
      expect(Number(audit?.n)).toBe(attempts.length);
      // Signed out: 401.
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/benchmarks/sources' });
      expect(anonymous.statusCode).toBe(401);
    });

    it('failed imports are audited as failures', async () => {
      const rows = await queryRows<{ action: string }>(
        t.database.db,
        sql`select distinct action from audit_log where outcome = 'failure' order by action`,
      );
      expect(rows.map((r) => r.action)).toEqual([
        'benchmarks.dfe_release.import',
        'benchmarks.dfe_release.preview',
        'benchmarks.populations.import',
        'benchmarks.sn_model.import',
        'organisation.sn_model.change',
      ]);
    });
  });
});
