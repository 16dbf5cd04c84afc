import {
  meetingBriefingSchema,
  meetingListResponseSchema,
  type SeriesResponse,
  scorecardResponseSchema,
  seriesResponseSchema,
} from '@kpi/shared';
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

  describe('2–5, 8. comparators: official figure, counts, words, contributors', () => {
    it('the council’s own DfE figure is an official line, and the comparators are compared with it in words (PI2, 2023)', async () => {
      const scorecard = scorecardResponseSchema.parse((await get('/api/scorecard?month=2023-03')).json());
      const pi2 = scorecard.items.find((i) => i.code === 'PI2')!;
      const official = pi2.comparators.find((c) => c.line === 'council_official')!;
      expect(official.label).toMatch(/DfE published, official/);
      expect(official.timePeriod).toBe('2023');
      const neighbours = pi2.comparators.find((c) => c.line === 'statistical_neighbours')!;
      expect(neighbours.comparison).toMatchObject({ basis: 'dfe_official', councilValue: official.value });
      // DfE's figure is stored with its counts (children on a plan, the 0–17 population), so it is
      // compared by its 95% interval, and says so. Against other areas a CP plan rate has no better
      // or worse (DfE gives CPP_rate no polarity; the contract's lower-is-better is for its RAG
      // only): the interval entirely below the neighbours' figure is "lower", above "higher".
      expect(neighbours.comparison).toMatchObject({
        test: 'confidence_interval',
        testNote: 'Compared by 95% confidence interval (Fingertips method)',
      });
      const interval = neighbours.comparison!.councilInterval!;
      const expected =
        interval.upper < neighbours.value! ? 'lower' : interval.lower > neighbours.value! ? 'higher' : 'similar';
      expect(neighbours.comparison?.verdict).toBe(expected);
      expect(neighbours.comparison?.sentence).toMatch(
        /DfE figure for 2023, .* is (higher|lower|similar) (than|to) the statistical neighbours’ average/,
      );
      const series = await get('/api/indicators/PI2/series?from=2020-04&to=2023-03');
      const body = seriesResponseSchema.parse(series.json());
      expect(body.comparators.find((l) => l.line === 'council_official')!.points.length).toBeGreaterThan(0);
    });

    it('a comparator with no official council figure for its year names the month it uses, and marks it illustrative', async () => {
      const scorecard = scorecardResponseSchema.parse((await get('/api/scorecard?month=2021-03')).json());
      for (const item of scorecard.items) {
        for (const c of item.comparators) {
          if (c.comparison?.basis !== 'monthly') continue;
          expect(c.comparison.councilLabel).toContain('March 2021 figure');
          // A month with its numerator and denominator is compared by its 95% interval (Fingertips).
          if (c.comparison.test === 'confidence_interval') {
            expect(c.comparison.testNote).toBe('Compared by 95% confidence interval (Fingertips method)');
            const ci = c.comparison.councilInterval!;
            expect(ci.lower).toBeLessThanOrEqual(c.comparison.councilValue);
            expect(ci.upper).toBeGreaterThanOrEqual(c.comparison.councilValue);
            const verdict =
              ci.lower > c.value! || ci.upper < c.value!
                ? c.comparison.verdict !== 'similar'
                : c.comparison.verdict === 'similar';
            expect(verdict).toBe(true);
          } else {
            expect(c.comparison).toMatchObject({ test: 'value', councilInterval: null });
          }
          if (item.current.provenance === 'illustrative') expect(c.comparison.councilLabel).toContain('(illustrative)');
        }
      }
    });

    it('a count is not set against other areas’ totals: CP-COUNT offers the rate (PI2) and says why', async () => {
      const body = await series('/api/indicators/CP-COUNT/series?from=2020-04&to=2023-03');
      for (const line of body.comparators.filter((l) => l.line !== 'council_official')) expect(line.points).toEqual([]);
      expect(body.comparatorNote).toMatch(/is a count, so other areas’ totals are not plotted/);
      expect(body.comparatorNote).toMatch(/PI2/);
    });

    it('a KPI without comparators says once which exist and where from (PI6)', async () => {
      const body = await series('/api/indicators/PI6/series?from=2020-04&to=2021-03');
      expect(body.comparators.every((l) => l.points.length === 0)).toBe(true);
      expect(body.comparatorNote).toMatch(/There are no comparators for PI6: DfE does not publish this measure/);
    });

    it('an average over fewer than the model’s neighbours says how many, wherever it is shown', async () => {
      const body = await series('/api/indicators/RESIDENTIAL-PCT/series?from=2018-04&to=2025-03');
      const points = body.comparators.find((l) => l.line === 'statistical_neighbours')!.points;
      const fewer = points.filter(
        (p) => p.contributingCount !== null && p.neighbourCount !== null && p.contributingCount < p.neighbourCount,
      );
      for (const p of fewer)
        expect(p.notes.join(' ')).toMatch(
          new RegExp(`Average of ${p.contributingCount} of the model’s ${p.neighbourCount}`),
        );
    });
  });

  describe('7. the briefing puts the bad news first', () => {
    it('names the KPIs in each rating, orders movements worsening first, and says when the previous month is years earlier', async () => {
      const meetings = meetingListResponseSchema.parse((await get('/api/meetings')).json()).meetings;
      expect(meetings.length).toBeGreaterThan(1);
      for (const meeting of meetings) {
        const briefing = meetingBriefingSchema.parse((await get(`/api/meetings/${meeting.id}/briefing`)).json());
        const named = Object.values(briefing.byStatus).reduce((n, list) => n + list.length, 0);
        expect(named).toBe(Object.values(briefing.counts).reduce((a, b) => a + b, 0));
        for (const status of ['green', 'amber', 'red', 'no_data'] as const) {
          expect(briefing.byStatus[status]?.length ?? 0).toBe(briefing.counts[status]);
        }
        const groups = briefing.largestMovements.map((k) =>
          k.movement === 'worsening' ? 0 : k.movement === 'improving' ? 1 : 2,
        );
        expect(groups).toEqual([...groups].sort((a, b) => a - b));
        const months =
          (Number(briefing.month.slice(0, 4)) - Number(briefing.comparedWithMonth.slice(0, 4))) * 12 +
          Number(briefing.month.slice(5)) -
          Number(briefing.comparedWithMonth.slice(5));
        if (months > 12) expect(briefing.gapNote).toMatch(/year/);
        else expect(briefing.gapNote).toBeNull();
        for (const row of briefing.comparatorPosition) {
          if (!row.council.official) expect(row.council.label).toMatch(/figure/);
          for (const line of row.lines) {
            expect(line.line).not.toBe('council_official');
            // Every comparison says which test decided it.
            if (line.sentence !== null) expect(line.testNote).toMatch(/^Compared by (95% confidence interval|value)/);
          }
        }
      }
    });
  });

  describe('8. small honesty fixes', () => {
    it('a KPI with no figure this month never reads only "On target for n reported months"', async () => {
      let checked = 0;
      for (const month of ['2021-03', '2023-03', '2024-03']) {
        const scorecard = scorecardResponseSchema.parse((await get(`/api/scorecard?month=${month}`)).json());
        for (const item of scorecard.items) {
          if (item.current.value !== null || item.current.symbol !== null || item.streak.status === null) continue;
          checked += 1;
          expect(item.streak.reason).toMatch(/^No figure for .*\. Before that: /);
        }
      }
      expect(checked).toBeGreaterThanOrEqual(0);
    });
  });
});
