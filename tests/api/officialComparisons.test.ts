import {
  type ComparatorPoint,
  indicatorListResponseSchema,
  type SeriesResponse,
  scorecardResponseSchema,
  seriesResponseSchema,
} from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * An outside statistician's checks on the seeded demo: the council's own DfE figure is compared
 * with the statistical neighbours, the region and England by its 95% confidence interval (from
 * DfE's counts: Byar for a rate per 10,000, Wilson for a percentage), as Fingertips does, not by
 * "within 5%"; and a monitored count is never set against other areas' annual totals.
 */
describe(`comparisons of the council's DfE figures (${testDriverName()})`, () => {
  let t: TestApp;
  let cookie: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const series = async (code: string): Promise<SeriesResponse> => {
    const response = await get(`/api/indicators/${code}/series?from=2018-04&to=2025-03`);
    expect(response.statusCode, response.body).toBe(200);
    return seriesResponseSchema.parse(response.json());
  };
  const pointOf = (body: SeriesResponse, line: ComparatorPoint['line'], timePeriod: string) => {
    const point = body.comparators.find((l) => l.line === line)?.points.find((p) => p.timePeriod === timePeriod);
    expect(point, `${line} ${timePeriod}`).toBeDefined();
    return point!;
  };

  beforeAll(async () => {
    t = await createSeededTestApp();
    cookie = await signInAs(t.app, 'analyst');
  });
  afterAll(() => t.close());

  // Each was "better" or "worse" by value; each interval overlaps the comparator's figure.
  it.each([
    // code, line, period, council's DfE figure, comparator, interval (to 0.1)
    ['PI2', 'statistical_neighbours', '2024', 53.2, 49.9, [48.4, 58.3]],
    ['PI2', 'england', '2022', 47.5, 43.3, [42.9, 52.3]],
    ['PI2', 'england', '2023', 38.8, 42.7, [34.7, 43.2]],
    ['RE-REFERRALS', 'statistical_neighbours', '2022', 19.2, 20.4, [18.1, 20.4]],
  ] as const)(
    '%s against %s for %s is similar by its confidence interval',
    async (code, line, period, council, comparator, [lower, upper]) => {
      const point = pointOf(await series(code), line, period);
      expect(point.displayValue).toContain(comparator.toFixed(1));
      expect(point.comparison).toMatchObject({
        verdict: 'similar',
        basis: 'dfe_official',
        test: 'confidence_interval',
        testNote: 'Compared by 95% confidence interval (Fingertips method)',
      });
      expect(point.comparison!.councilValue).toBeCloseTo(council, 1);
      expect(point.comparison!.councilInterval!.lower).toBeCloseTo(lower, 0);
      expect(point.comparison!.councilInterval!.upper).toBeCloseTo(upper, 0);
      expect(point.comparison!.councilInterval!.lower).toBeLessThanOrEqual(point.value!);
      expect(point.comparison!.councilInterval!.upper).toBeGreaterThanOrEqual(point.value!);
      expect(point.comparison!.sentence).toMatch(/DfE figure for .* is similar to /);
    },
  );

  it('every DfE comparison with counts behind it is by interval, and a verdict follows it', async () => {
    for (const code of ['PI2', 'RE-REFERRALS']) {
      const body = await series(code);
      const compared = body.comparators.flatMap((l) => l.points).filter((p) => p.comparison?.basis === 'dfe_official');
      expect(compared.length, code).toBeGreaterThan(0);
      for (const p of compared) {
        const c = p.comparison!;
        expect(c.test, `${code} ${p.line} ${p.timePeriod}`).toBe('confidence_interval');
        const outside = c.councilInterval!.lower > p.value! || c.councilInterval!.upper < p.value!;
        expect(c.verdict === 'similar', `${code} ${p.line} ${p.timePeriod}`).toBe(!outside);
      }
    }
  });

  it('a workforce rate, with no counts behind it, is still compared by value and says so', async () => {
    const list = indicatorListResponseSchema.parse((await get('/api/indicators')).json());
    const workforce = list.indicators.filter((i) => i.theme === 'workforce' && i.unit === 'percent');
    const compared: string[] = [];
    for (const indicator of workforce) {
      const body = await series(indicator.code);
      for (const p of body.comparators.flatMap((l) => l.points)) {
        if (p.comparison?.basis !== 'dfe_official') continue;
        compared.push(indicator.code);
        expect(p.comparison).toMatchObject({
          test: 'value',
          testNote:
            'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
          councilInterval: null,
        });
      }
    }
    expect(compared.length).toBeGreaterThan(0);
  });

  it('a monitored count has no standing against other areas’ annual totals, and says why', async () => {
    const july = scorecardResponseSchema.parse((await get('/api/scorecard?month=2025-07')).json());
    const list = indicatorListResponseSchema.parse((await get('/api/indicators')).json());
    for (const items of [july.monitored, list.indicators]) {
      const referrals = items.find((i) => i.code === 'REFERRALS')!;
      expect(referrals.latest?.month).toBe('2025-07');
      expect(referrals.comparators).toEqual([]);
      expect(referrals.comparatorNote).toMatch(/^REFERRALS is a count, so it is not set against other areas’ figures/);
      for (const item of items.filter((i) => i.unit === 'count')) expect(item.comparators, item.code).toEqual([]);
      // A rate keeps its standings.
      const s47 = items.find((i) => i.code === 'S47-RATE-12M')!;
      expect(s47.comparators.length).toBeGreaterThan(0);
      expect(s47.comparatorNote).toBeNull();
    }
  });

  // The indicator list said PI4's illustrative July 2025 figure (89.6%) was "better" than the
  // neighbours' DfE 2025 average while the scorecard said Sandwell's DfE 2025 figure (78.3%) was
  // worse; and it set an April 2023 figure against 2025's averages.
  it('the indicator list compares like with like, as the scorecard does', async () => {
    const list = indicatorListResponseSchema.parse((await get('/api/indicators')).json());
    const july = scorecardResponseSchema.parse((await get('/api/scorecard?month=2025-07')).json());
    const pi4 = list.indicators.find((i) => i.code === 'PI4')!;
    const neighbours = pi4.comparators.find((c) => c.line === 'statistical_neighbours')!;
    expect(neighbours).toMatchObject({ timePeriod: '2025', position: 'worse' });
    expect(neighbours.comparedWith).toMatch(/DfE figure for 2025, 78\.3%$/);
    const onScorecard = july.items
      .find((i) => i.code === 'PI4')!
      .comparators.find((c) => c.line === 'statistical_neighbours' && c.timePeriod === '2025');
    expect(onScorecard?.comparison?.verdict).toBe('worse');
    for (const item of list.indicators) {
      const latest = item.latest?.month;
      for (const c of item.comparators) {
        if (c.comparedWith || !latest) continue;
        // a comparison with the latest monthly figure is only with a figure for the twelve months to it
        expect(c.periodEnd.slice(0, 7) <= latest, `${item.code} ${c.line} ${c.timePeriod}`).toBe(true);
        expect(c.periodEnd >= `${Number(latest.slice(0, 4)) - 1}${latest.slice(4)}`, `${item.code} ${c.line}`).toBe(
          true,
        );
      }
    }
    const entrants = list.indicators.find((i) => i.code === 'CARE-ENTRANTS-RATE');
    if (entrants?.latest && entrants.latest.month < '2024-04')
      expect(entrants.comparators.filter((c) => !c.comparedWith && c.periodEnd > '2024-03-31')).toEqual([]);
  });

  it("a neighbours' figure quoted in a council paper says it is the paper's group, not the model's average", async () => {
    const response = await get('/api/indicators/RESIDENTIAL-PCT/series?from=2024-04&to=2025-07');
    expect(response.statusCode, response.body).toBe(200);
    const body = seriesResponseSchema.parse(response.json());
    const papers = body.comparators
      .filter((l) => l.line === 'statistical_neighbours')
      .flatMap((l) => l.points)
      .filter((p) => p.source === 'published_paper');
    expect(papers.length).toBeGreaterThan(0);
    for (const p of papers)
      expect(p.notes.join(' ')).toMatch(/^Quoted in a council paper, over the paper's own group \(5 neighbours\)/);
  });

  it('a monitored standing never says "the same as" beside better or worse', async () => {
    const list = indicatorListResponseSchema.parse((await get('/api/indicators')).json());
    for (const item of list.indicators) {
      for (const c of item.comparators) {
        if (c.position === 'better' || c.position === 'worse') expect(c.relation, item.code).not.toBe('same');
      }
    }
  });
});
