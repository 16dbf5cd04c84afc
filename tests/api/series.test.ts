import {
  indicatorDetailSchema,
  indicatorListResponseSchema,
  meetingBriefingSchema,
  meetingListResponseSchema,
  problemSchema,
  type SeriesResponse,
  scorecardResponseSchema,
  seriesResponseSchema,
} from '@kpi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

describe(`indicator, series and briefing API on the seeded demo (${testDriverName()})`, () => {
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

  it('lists every indicator with the KPI sets it belongs to', async () => {
    const list = indicatorListResponseSchema.parse((await get('/api/indicators')).json());
    const in2018 = list.indicators.filter((i) => i.kpiSetCodes.includes('CONTRACT-2018'));
    expect(in2018.map((i) => i.code)).toEqual(Array.from({ length: 15 }, (_, n) => `PI${n + 1}`));
    const in2024 = list.indicators.filter((i) => i.kpiSetCodes.includes('CONTRACT-2024'));
    expect(in2024.map((i) => i.code).sort()).toEqual([
      'CP-PLAN-2YRS-PCT',
      'LTPS-2Y',
      'PI2',
      'PI3',
      'PI4',
      'RE-REFERRALS',
    ]);
    expect(list.indicators.length).toBeGreaterThan(15);
  });

  it('describes an indicator with its definition, why it matters and its bands in words', async () => {
    const pi1 = indicatorDetailSchema.parse((await get('/api/indicators/PI1')).json());
    expect(pi1.definition.length).toBeGreaterThan(20);
    expect(pi1.whyItMatters.length).toBeGreaterThan(20);
    expect(pi1.thresholds).toHaveLength(1);
    expect(pi1.thresholds[0]).toMatchObject({
      targetOperator: '>',
      targetValue: 75,
      failureOperator: '<',
      failureValue: 65,
      effectiveFrom: '2018-04-01',
      effectiveTo: '2024-03-31',
    });
    expect(pi1.thresholds[0]?.words.target).toBe('more than 75%');
    expect(pi1.thresholds[0]?.words.failure).toBe('less than 65%');
  });

  it('answers an unknown indicator with 404', async () => {
    const response = await get('/api/indicators/PI99/series');
    expect(response.statusCode).toBe(404);
    expect(problemSchema.parse(response.json()).detail).toMatch(/PI99/);
  });

  it('returns the monthly values with the bands in force and the reasons', async () => {
    const pi2 = await series('/api/indicators/PI2/series?from=2020-04&to=2021-03');
    expect(pi2.points.map((p) => p.month)).toHaveLength(12);
    expect(pi2.points.at(-1)).toMatchObject({ month: '2021-03', value: 58.8, provenance: 'published_paper' });
    for (const point of pi2.points) {
      expect(point.band).toEqual({ targetOperator: '<', targetValue: 65, failureOperator: '>', failureValue: 80 });
      expect(point.reason.length).toBeGreaterThan(10);
    }
    const counts: Record<string, number> = {};
    for (const point of pi2.points) counts[point.status] = (counts[point.status] ?? 0) + 1;
    expect(pi2.statusCounts).toMatchObject(counts);
  });

  it('carries the three comparator lines with their periods, sources and the DfE model', async () => {
    const pi2 = await series('/api/indicators/PI2/series?from=2019-04&to=2021-03');
    expect(pi2.comparators.map((c) => c.line)).toEqual([
      'council_official',
      'statistical_neighbours',
      'region',
      'england',
    ]);
    for (const line of pi2.comparators) {
      expect(line.points.length, line.line).toBeGreaterThan(0);
      for (const point of line.points) {
        expect(point.timePeriod).not.toBe('');
        expect(point.sourceRelease).not.toBe('');
      }
    }
    const neighbours = pi2.comparators.find((c) => c.line === 'statistical_neighbours')!;
    // Each year over the model current when DfE published it: April 2021 to 2024, May 2025 for 2025.
    for (const p of neighbours.points)
      expect(p.snModel, p.timePeriod).toMatch(p.timePeriod >= '2025' ? /May 2025/ : /April 2021/);
  });

  // PI2 (CP plans per 10,000) read "worse than England" on its page while the regional views gave
  // the same DfE measure no better direction. One rule (shared polarityAgainstOtherAreas): against
  // other areas it is higher or lower, and the page says why; its contract rating is unchanged.
  it('compares PI2 with the neighbours, region and England as higher or lower, never better or worse, and says why', async () => {
    const pi2 = await series('/api/indicators/PI2/series?from=2019-04&to=2025-03');
    const compared = pi2.comparators.flatMap((c) => c.points).filter((p) => p.comparison !== null);
    expect(compared.length).toBeGreaterThan(5);
    for (const point of compared) {
      expect(['higher', 'lower', 'similar']).toContain(point.comparison!.verdict);
      expect(point.notes.join(' ')).toContain('Against other areas this is higher or lower, not better or worse');
    }
    expect(pi2.points.some((p) => p.status === 'red' || p.status === 'amber' || p.status === 'green')).toBe(true);
    // Re-referrals keep "lower is better" against other areas, as DfE reads them.
    const reReferrals = await series('/api/indicators/RE-REFERRALS/series?from=2019-04&to=2025-03');
    const verdicts = reReferrals.comparators
      .flatMap((c) => c.points)
      .flatMap((p) => (p.comparison ? [p.comparison.verdict] : []));
    expect(verdicts.some((v) => v === 'better' || v === 'worse')).toBe(true);
  });

  // Sandwell's neighbour averages were over DfE's April 2021 model for every year, 2025 included,
  // while DfE's model from May 2025 is the one current for 2025's figures (published Nov 2025).
  it('sets each year against the statistical-neighbour model current when DfE published it, naming it', async () => {
    const pi2 = await series('/api/indicators/PI2/series?from=2016-04&to=2025-07');
    const neighbours = pi2.comparators.find((c) => c.line === 'statistical_neighbours')!.points;
    const at = (period: string) => neighbours.find((p) => p.timePeriod === period)!;
    expect(at('2025').snModel).toMatch(/May 2025/);
    expect(at('2024').snModel).toMatch(/April 2021/);
    expect(at('2021').snModel).toMatch(/April 2021/);
    // Published before the oldest model held: April 2021's list, and the point says so.
    expect(at('2020').snModel).toMatch(/April 2021/);
    expect(at('2020').notes.join(' ')).toMatch(/the model in force then is not held/);
    expect(at('2024').notes.join(' ')).not.toMatch(/the model in force then is not held/);
  });

  it('annotates the relief event, the KPI set and the meetings in range', async () => {
    const pi6 = await series('/api/indicators/PI6/series?from=2020-04&to=2021-09');
    const kinds = pi6.annotations.map((a) => a.kind);
    expect(kinds).toContain('relief_event');
    expect(kinds).toContain('kpi_set_change');
    const meeting = pi6.annotations.find((a) => a.kind === 'meeting');
    expect(meeting?.from).toBe('2021-08-23');
    expect(meeting?.meetingId).toEqual(expect.any(Number));
    expect(pi6.points.find((p) => p.month === '2020-10')?.carriesConsequence).toBe(false);
  });

  it('rates each month against the thresholds in force that month, and none outside the contract', async () => {
    const pi1 = await series('/api/indicators/PI1/series?from=2024-01&to=2024-06');
    const march = pi1.points.find((p) => p.month === '2024-03')!;
    const april = pi1.points.find((p) => p.month === '2024-04')!;
    expect(march.band).not.toBeNull();
    expect(april.band).toBeNull();
    if (april.value !== null) expect(april.status).toBe('no_data');
  });

  it('for a cumulative KPI (PI12) the year-to-date view is the figure as reported', async () => {
    const monthly = await series('/api/indicators/PI12/series?from=2020-04&to=2021-03&view=monthly');
    const fytd = await series('/api/indicators/PI12/series?from=2020-04&to=2021-03&view=fytd');
    expect(fytd.points.map((p) => p.value)).toEqual(monthly.points.map((p) => p.value));
  });

  it('builds rolling 12-month values from numerators and denominators, or says why it cannot', async () => {
    const rolling = await series('/api/indicators/PI1/series?from=2020-04&to=2021-03&view=rolling12');
    for (const point of rolling.points) {
      if (point.value === null) expect(point.aggregationNote).toMatch(/cannot be calculated/);
      else expect(point.aggregationNote).toBeNull();
    }
  });

  it("gives the indicator's own data range and its streak as of the range's end, as the scorecard does", async () => {
    const pi4 = await series('/api/indicators/PI4/series?from=2022-04&to=2023-03');
    expect(pi4.dataRange).not.toBeNull();
    expect(pi4.dataRange!.from <= '2022-04').toBe(true);
    const scorecard = scorecardResponseSchema.parse((await get('/api/scorecard?month=2023-03')).json());
    const item = scorecard.items.find((i) => i.code === 'PI4')!;
    expect(pi4.streak).toEqual(item.streak);
  });

  it("opens a KPI's page on the last three years, but no earlier than its first figure", async () => {
    // LTPS-2Y began with Contract 2024 (first figure April 2024): not 20 empty months before it.
    const ltps = await series('/api/indicators/LTPS-2Y/series');
    expect(ltps.dataRange?.from).toBe('2024-04');
    expect(ltps.from).toBe('2024-04');
    expect(ltps.points[0]!.value).not.toBeNull();
    // PI2 has figures from 2018: three years to its last month.
    const pi2 = await series('/api/indicators/PI2/series');
    expect(pi2.points).toHaveLength(36);
    // A range the reader chooses is kept as chosen, before the first figure included.
    const chosen = await series('/api/indicators/LTPS-2Y/series?from=2023-01&to=2025-07');
    expect(chosen.from).toBe('2023-01');
    expect(chosen.points[0]!.value).toBeNull();
  });

  it('rejects a range that ends before it starts', async () => {
    const response = await get('/api/indicators/PI1/series?from=2021-03&to=2020-04');
    expect(response.statusCode).toBe(400);
    expect(problemSchema.parse(response.json()).errors?.[0]?.path).toBe('querystring.from');
  });

  it('lists the meetings and briefs on what changed since the previous one', async () => {
    const { meetings } = meetingListResponseSchema.parse((await get('/api/meetings')).json());
    expect(meetings.map((m) => m.heldOn)).toContain('2021-08-23');
    const first = meetings.find((m) => m.heldOn === '2021-08-23')!;
    const briefing = meetingBriefingSchema.parse((await get(`/api/meetings/${first.id}/briefing`)).json());
    expect(briefing.month).toBe('2021-03');
    expect(briefing.comparedWithMonth).toBe('2020-03');

    const now = scorecardResponseSchema.parse((await get('/api/scorecard?month=2021-03')).json());
    const then = scorecardResponseSchema.parse((await get('/api/scorecard?month=2020-03')).json());
    const statusThen = new Map(then.items.map((i) => [i.code, i.current.status]));
    const turnedRed = now.items.filter((i) => i.current.status === 'red' && statusThen.get(i.code) !== 'red');
    const recovered = now.items.filter(
      (i) => statusThen.get(i.code) === 'red' && ['green', 'amber'].includes(i.current.status),
    );
    expect(briefing.turnedRed.map((k) => k.code)).toEqual(turnedRed.map((i) => i.code));
    expect(briefing.recovered.map((k) => k.code)).toEqual(recovered.map((i) => i.code));
    expect(briefing.counts).toEqual(now.counts);
    expect(briefing.illustrativeDataShown).toBe(true);
    expect(briefing.largestMovements.length).toBeGreaterThan(0);
    // Each change says whether it is a signal or normal variation, from the scorecard's SPC icon.
    for (const kpi of [...briefing.turnedRed, ...briefing.largestMovements]) {
      const icon = now.items.find((i) => i.code === kpi.code)!.spc.icons?.variation.icon;
      expect(kpi.signal.kind, kpi.code).toBe(
        icon === undefined ? 'not_assessed' : icon === 'common_cause' ? 'normal_variation' : 'signal',
      );
    }
    const pi2 = [...briefing.largestMovements, ...briefing.turnedRed].find((k) => k.code === 'PI2');
    if (pi2?.difference) expect(pi2.differenceDisplay).toMatch(/^[+\u2212][\d.]+ per 10,000$/);
  });

  it('answers an unknown meeting with 404', async () => {
    expect((await get('/api/meetings/9999/briefing')).statusCode).toBe(404);
  });
});
