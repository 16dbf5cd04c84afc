import { regionalTableResponseSchema, type SeriesResponse, seriesResponseSchema } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

const SANDWELL = 'E08000028';
const LAIT_RELEASE = "DfE, Local authority interactive tool (LAIT), children's social care indicators, 2016 to 2025";

/**
 * PI4 (single assessments within 45 working days) against DfE's own figures from LAIT, as
 * published (data/reference/dfe/lait_csc_indicators_2016_to_2025.csv, reporting year 2024 = the
 * year to 31 March 2024): Sandwell 83.3, West Midlands 83.3, England 84.5. The neighbour average
 * is the plain mean of Sandwell's ten April 2021 neighbours' LAIT figures for 2024.
 */
describe(`PI4's comparators come from DfE's LAIT figures (${testDriverName()})`, () => {
  let t: TestApp;
  let cookie: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    t = await createSeededTestApp();
    cookie = await signInAs(t.app, 'analyst');
  }, 300_000);
  afterAll(() => t.close());

  async function pi4Series(): Promise<SeriesResponse> {
    const response = await get('/api/indicators/PI4/series?from=2018-04&to=2025-07');
    expect(response.statusCode, response.body).toBe(200);
    return seriesResponseSchema.parse(response.json());
  }
  const pointOf = (series: SeriesResponse, line: string, periodEnd: string) =>
    series.comparators.find((c) => c.line === line)?.points.find((p) => p.periodEnd === periodEnd);

  it("sets PI4 against Sandwell's, the region's, England's and the neighbours' published 2024 figures", async () => {
    const pi4 = await pi4Series();
    const expected = [
      ['council_official', 83.3],
      ['region', 83.3],
      ['england', 84.5],
    ] as const;
    for (const [line, value] of expected) {
      const point = pointOf(pi4, line, '2024-03-31');
      expect(point, line).toMatchObject({ value, timePeriod: '2024', source: 'dfe_release' });
      expect(point?.sourceRelease.startsWith(LAIT_RELEASE), line).toBe(true);
    }
    const neighbours = pointOf(pi4, 'statistical_neighbours', '2024-03-31');
    expect(neighbours).toMatchObject({ value: 83.73, source: 'computed', contributingCount: 10 });
    expect(neighbours?.snModel).toContain('April 2021');
  });

  it("prefers DfE's figure to a paper's for the same year, and keeps the paper's where DfE has none", async () => {
    const pi4 = await pi4Series();
    // The 2023 paper quotes 65.3 for 2022/23; DfE publishes 76.5 for that year.
    expect(pointOf(pi4, 'council_official', '2023-03-31')).toMatchObject({ value: 76.5, source: 'dfe_release' });
    const paperOnly = pi4.comparators
      .find((c) => c.line === 'council_official')
      ?.points.filter((p) => p.source === 'published_paper');
    expect(paperOnly?.map((p) => p.value)).toEqual([87.2]);
  });

  it('shows the 45-day measure on the regional table, higher being better', async () => {
    const response = await get('/api/regional/table?year=2024');
    expect(response.statusCode, response.body).toBe(200);
    const table = regionalTableResponseSchema.parse(response.json());
    const column = table.measures.findIndex((m) => m.code === 'assessment_timeliness_pct');
    expect(column).toBeGreaterThanOrEqual(0);
    const measure = table.measures[column]!;
    expect(measure).toMatchObject({ timePeriod: '2024', polarity: 'higher_is_better' });
    expect(measure.england.value).toBe(84.5);
    expect(measure.region.value).toBe(83.3);
    expect(measure.sourceReleases.some((r) => r.startsWith(LAIT_RELEASE))).toBe(true);
    expect(measure.councilsWithFigure).toBe(14);
    const sandwell = table.rows.find((r) => r.areaCode === SANDWELL)!;
    expect(sandwell.cells[column]).toMatchObject({ measureCode: 'assessment_timeliness_pct', value: 83.3 });
    const dudley = table.rows.find((r) => r.name === 'Dudley')!;
    expect(dudley.cells[column]).toMatchObject({ value: 70.1, againstRegion: 'worse' });
  });
});
