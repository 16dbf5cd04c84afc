import { type BoardPackData, boardPackDataSchema, scorecardResponseSchema } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardPackDocx } from '../../server/src/exports/boardPackDocx';
import { readCsv, readDocx, readXlsx, tidyTable } from '../support/documentReaders';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * "Similar" has two meanings in the product: by the council's 95% confidence interval (the
 * Fingertips method) where its figure has a numerator and denominator, or, without one, within 5%
 * of the comparator's figure — the dashboard's own rule, not DfE's or Fingertips'. Wherever the
 * word is written, what it means must be written beside it; and a verdict reached on another
 * council figure than the one in the row must say which.
 */
const SAYS_WHICH_TEST = /95% confidence interval|within 5%/;

describe(`comparison words in the API and the exports (${testDriverName()})`, () => {
  let t: TestApp;
  let analyst: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: analyst } });

  beforeAll(async () => {
    t = await createSeededTestApp();
    analyst = await signInAs(t.app, 'analyst');
  });
  afterAll(() => t.close());

  it('a comparison by value says that similar means within 5%, the dashboard’s own rule (API)', async () => {
    const scorecard = scorecardResponseSchema.parse((await get('/api/scorecard?month=2024-03')).json());
    const byValue = scorecard.items.flatMap((i) => i.comparators).filter((c) => c.comparison?.test === 'value');
    expect(byValue.length).toBeGreaterThan(0);
    for (const c of byValue) {
      expect(c.comparison!.testNote).toMatch(/within 5% of the comparator’s figure/);
      expect(c.comparison!.testNote).toMatch(/the dashboard’s own rule/);
    }
  });

  /** Every "compared" cell of a CSV table that says better, worse or similar also says by which test. */
  function expectEveryVerdictCellSaysItsTest(rows: readonly string[][]): number {
    let checked = 0;
    for (const row of rows) {
      for (const cell of row) {
        if (!/ is (better than|worse than|similar to|higher than|lower than) /.test(cell)) continue;
        checked += 1;
        expect(cell, cell).toMatch(SAYS_WHICH_TEST);
      }
    }
    return checked;
  }

  it('the KPI series CSV and Excel say which test decided each comparison (PI14 caseloads: by value)', async () => {
    const url = '/api/exports/indicators/PI14/series';
    const query = '?from=2019-04&to=2025-07';
    const csv = await get(`${url}.csv${query}`);
    expect(csv.statusCode, csv.body).toBe(200);
    const table = tidyTable(readCsv(csv.rawPayload));
    // Sandwell's DfE caseload for 2021, 16.0, against the neighbours' 16.07: similar by the 5% rule.
    const similar = table.rows.flat().filter((cell) => / is similar to the statistical neighbours’ average/.test(cell));
    expect(similar.length).toBeGreaterThan(0);
    for (const cell of similar) expect(cell).toMatch(/within 5% of the comparator’s figure/);
    expect(expectEveryVerdictCellSaysItsTest(table.rows)).toBeGreaterThan(0);

    const xlsx = await get(`${url}.xlsx${query}`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = await readXlsx(xlsx.rawPayload);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    expect(expectEveryVerdictCellSaysItsTest([texts])).toBeGreaterThan(0);
  });

  it('the scorecard CSV says which test decided each comparison', async () => {
    const csv = await get('/api/exports/scorecard.csv?month=2025-03');
    expect(csv.statusCode, csv.body).toBe(200);
    const table = tidyTable(readCsv(csv.rawPayload));
    expect(expectEveryVerdictCellSaysItsTest(table.rows)).toBeGreaterThan(0);
  });

  it('the Word board pack names the council figure a verdict was reached on when it is not the row’s (PI13, March 2024)', async () => {
    // PI13 (permanent front-line vacancies) reads 27.7% in March 2024 (illustrative); its
    // comparison is Sandwell's own DfE vacancy rate at 30 September 2023, 18.3%
    // (data/reference/dfe/csww_indicators_2017_to_2025.csv, 2023, Sandwell, vacancy_rate_fte),
    // against the neighbours' 18.1%: "Similar (18.1%)" beside 27.7% alone reads as nonsense.
    const response = await get('/api/exports/board-pack/data?month=2024-03&kpis=PI2,PI13');
    expect(response.statusCode, response.body).toBe(200);
    const data: BoardPackData = boardPackDataSchema.parse(response.json());
    const pi13 = data.kpis.find((k) => k.item.code === 'PI13')!.item;
    expect(pi13.current.displayValue).toBe('27.7%');
    const sn = pi13.comparators.find((c) => c.line === 'statistical_neighbours')!;
    expect(sn.comparison).toMatchObject({ basis: 'dfe_official', verdict: 'similar', councilValue: 18.3 });

    const docx = await readDocx(await boardPackDocx(data, []));
    // The comparator's figure with its year (the row is March 2024's), then, as the scorecard on
    // screen and the PDF pack say it under the verdict, the council's figure it was reached on.
    expect(docx.text).toContain('Similar (18.1%, 2023)DfE 2023: 18.3%');
  });

  it('the Word board pack says where each comparator comes from: the DfE release and the neighbour model (PI13, March 2024)', async () => {
    const response = await get('/api/exports/board-pack/data?month=2024-03&kpis=PI13');
    const data = boardPackDataSchema.parse(response.json());
    const docx = await readDocx(await boardPackDocx(data, []));
    const text = docx.text.replaceAll('&apos;', "'");
    // The period alone (2023) was given; the PDF pack and the CSV notes also name the source.
    expect(text).toContain("DfE 'Children's social work workforce' 2025: indicators 2017 to 2025");
    expect(text).toContain(
      "statistical-neighbour model: DfE children's services statistical neighbours (April 2021 model)",
    );
  });
});
