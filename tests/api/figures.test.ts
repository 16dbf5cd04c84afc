import { type SeriesResponse, seriesResponseSchema } from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/** Issue 15: figures a councillor can quote, checked at the API on the seeded demo. */
describe(`figures a councillor can quote (${testDriverName()})`, () => {
  let t: TestApp;
  let cookie: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const series = async (url: string): Promise<SeriesResponse> => {
    const response = await get(url);
    expect(response.statusCode, response.body).toBe(200);
    return seriesResponseSchema.parse(response.json());
  };

  beforeAll(async () => {
    t = await createSeededTestApp();
    cookie = await signInAs(t.app, 'analyst');
  });
  afterAll(() => t.close());

  describe('1. aggregates follow the measure type', () => {
    it('PI5 (a month-end count) is never summed: its year to date is the average of month-end positions, unrated', async () => {
      const monthly = await series('/api/indicators/PI5/series?from=2022-04&to=2023-03');
      const fytd = await series('/api/indicators/PI5/series?from=2022-04&to=2023-03&view=fytd');
      const values = monthly.points.map((p) => p.value as number);
      const march = fytd.points.at(-1)!;
      expect(march.value).toBeCloseTo(values.reduce((a, b) => a + b, 0) / 12, 9);
      expect(march.value).toBeLessThan(Math.max(...values) + 1e-9);
      expect(fytd.viewMethod).toEqual({
        method: 'average_of_month_end',
        label: 'Average of month-end positions',
        rated: false,
      });
      expect(march.aggregate).toMatchObject({
        method: 'average_of_month_end',
        words: 'Average of the 12 month-end positions, April 2022 to March 2023',
        rated: false,
      });
      expect(march.status).toBe('no_data');
      expect(march.reason).toMatch(/Not rated: the contract’s bands are for a single month-end position/);
      const rolling = await series('/api/indicators/PI5/series?from=2023-01&to=2023-01&view=rolling12');
      expect(rolling.points[0]!.aggregate?.method).toBe('average_of_month_end');
      expect(rolling.points[0]!.value).toBeLessThan(40);
    });

    it('a percentage of a flow (PI4) is Σnum ÷ Σden and rated; PI12 (cumulative) is read in its year to date and not rolled', async () => {
      const pi4 = await series('/api/indicators/PI4/series?from=2022-04&to=2023-03&view=fytd');
      expect(pi4.viewMethod).toMatchObject({ method: 'ratio_of_sums', rated: true });
      const rated = pi4.points.filter((p) => p.value !== null);
      for (const p of rated) expect(p.status).not.toBe('no_data');
      const pi12 = await series('/api/indicators/PI12/series?from=2020-04&to=2021-03&view=rolling12');
      expect(pi12.viewMethod).toMatchObject({ method: 'not_applicable', rated: false });
      expect(pi12.points.every((p) => p.value === null)).toBe(true);
      expect(pi12.points[0]!.aggregationNote).toMatch(/cumulatively from April/);
    });

    it('the series export says which aggregate the view shows and marks unrated figures', async () => {
      const response = await get('/api/exports/indicators/PI5/series.csv?from=2022-04&to=2023-03&view=fytd');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).toMatch(/average of month-end positions/);
      expect(response.body).toMatch(/Not rated/);
    });
  });
});
