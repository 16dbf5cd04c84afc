import { boardPackDataSchema } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardPackDocx } from '../../server/src/exports/boardPackDocx';
import { readCsv, readDocx, readXlsx, tidyTable } from '../support/documentReaders';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

// DfE's two models held (data/reference/dfe: sn_april_2021.xlsx, sn_may_2025.xlsx). The shared
// snModelInForce sets the years to March 2021-2024 against April 2021 and 2025 against May 2025.
const APRIL_2021 = "DfE children's services statistical neighbours (April 2021 model)";
const MAY_2025 = "DfE children's services statistical neighbours (May 2025 model)";
const BOTH_MODELS = `statistical-neighbour models: ${APRIL_2021} for 2024 and ${MAY_2025} for 2025.`;

/**
 * Where the figures of a board paper come from, in the files the server writes (CSV, XLSX and the
 * Word board pack), for PI2 across the change of neighbour model: the chart and PDF name each
 * model with its years; the server's files named one.
 */
describe(`export sources name each neighbour model with its years (${testDriverName()})`, () => {
  let t: TestApp;
  let viewer: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: viewer } });

  beforeAll(async () => {
    t = await createSeededTestApp();
    viewer = await signInAs(t.app, 'viewer');
  });
  afterAll(() => t.close());

  /** The board pack as Word, written from the data the print page is given (without the chart images it draws). */
  async function packDocx(
    month: string,
    edit: (data: ReturnType<typeof boardPackDataSchema.parse>) => void = () => {},
  ) {
    const response = await get(`/api/exports/board-pack/data?month=${month}&kpis=PI2`);
    expect(response.statusCode, response.body).toBe(200);
    const data = boardPackDataSchema.parse(response.json());
    edit(data);
    return readDocx(await boardPackDocx(data, []));
  }

  it('names both models with their years, and only the years the file holds, in the PI2 series CSV and XLSX', async () => {
    const range = 'from=2024-03&to=2025-07';
    const notes = tidyTable(
      readCsv((await get(`/api/exports/indicators/PI2/series.csv?${range}&table=notes`)).rawPayload),
    );
    const sources = notes.rows.filter((r) => r[0] === 'Source').map((r) => r[1]!);
    const neighbours = sources.find((s) => s.startsWith('Statistical neighbours:'))!;
    expect(neighbours).toContain(BOTH_MODELS);
    // The series carries DfE's years back to 2013; the file shows 2024 and 2025 only.
    expect(sources.join(' ')).not.toMatch(/2013/);

    const workbook = await readXlsx((await get(`/api/exports/indicators/PI2/series.xlsx?${range}`)).rawPayload);
    const about = workbook
      .getWorksheet('About')!
      .getSheetValues()
      .flat()
      .filter((v): v is string => typeof v === 'string');
    expect(about.find((s) => s.startsWith('Statistical neighbours:'))).toContain(BOTH_MODELS);
  });

  it('names the model of the year the scorecard compares with, in its CSV notes', async () => {
    const notes = tidyTable(readCsv((await get('/api/exports/scorecard.csv?month=2025-03&table=notes')).rawPayload));
    const neighbours = notes.rows.find((r) => r[0] === 'Source' && r[1]!.startsWith('Statistical neighbours:'))![1]!;
    expect(neighbours).toContain(`statistical-neighbour model: ${MAY_2025}.`);
    expect(neighbours).not.toContain(APRIL_2021);
  });

  it('names both models with their years under PI2 in the Word board pack, as the PDF does under its chart', async () => {
    // The pack for March 2025 draws April 2024 to March 2025 (DfE's 2024 and 2025 figures) and compares with 2025.
    const docx = await packDocx('2025-03');
    expect(docx.text).toContain(`Source: Statistical neighbours: `);
    expect(docx.text).toContain(BOTH_MODELS);
    // Its cover compares PI2 with the neighbours as higher or lower (the rule against other areas), with the figure's year.
    expect(docx.text).toMatch(/Lower \(52\.4 per 10,000, 2025\)DfE 2025: 40\.3 per 10,000/);
  });

  // PI2's contract bands count lower as better, but against other areas a CP plan rate is higher or
  // lower (shared polarityAgainstOtherAreas). With no server comparison (no PI2 figure for the
  // comparator's year) the pack judged this month's 40.3 against the year's 52.4 by the contract's
  // direction: "Better", for another period and by the wrong rule.
  it('never judges PI2 better or worse than other areas in the Word pack, and not across years when none was sent', async () => {
    const docx = await packDocx('2025-03', (data) => {
      for (const c of data.kpis[0]!.item.comparators) c.comparison = null;
    });
    const cover = docx.text.slice(0, docx.text.indexOf('PI2 by month'));
    expect(cover).not.toMatch(/Better \(|Worse \(/);
    expect(cover).toContain('Not compared (52.4 per 10,000, 2025)No PI2 figure for 2025 to compare with');
  });

  it("the home page's organisation names each model with the years its averages use, not one model for every year", async () => {
    const overview = (await get('/api/overview')).json();
    const runs = overview.organisation.statisticalNeighbourModelYears as {
      model: string;
      fromYear: number;
      toYear: number;
      inForce: boolean;
    }[];
    // Years ending 2021-2024 over April 2021, 2025 over May 2025; earlier years over April 2021, flagged.
    expect(runs.filter((r) => r.inForce)).toEqual([
      { model: APRIL_2021, fromYear: 2021, toYear: 2024, inForce: true },
      { model: MAY_2025, fromYear: 2025, toYear: 2025, inForce: true },
    ]);
    for (const r of runs.filter((r) => !r.inForce)) expect(r).toMatchObject({ model: APRIL_2021, toYear: 2020 });
  });
});
