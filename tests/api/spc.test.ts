import { queryRows } from '@kpi/server/db';
import {
  addMonths,
  analyseSpc,
  monthRange,
  problemSchema,
  type SeriesResponse,
  scorecardResponseSchema,
  seriesResponseSchema,
  spcBoundsForUnit,
  spcRebaseSchema,
  wilsonInterval,
} from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

// NHSRplotthedots' test data (MIT): set.seed(123); rnorm(20), as printed in its snapshot
// tests/testthat/_snaps/ptd_spc_standard.md; shifted by 80 to look like a percentage.
const RNORM_123 = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285,
  -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716,
  0.7013559, -0.47279141,
];
const FROM = '2019-04';
const TO = addMonths(FROM, 19);
const sig = (x: number | null | undefined, digits = 6) => Number((x ?? Number.NaN).toPrecision(digits));

describe(`SPC and intervals through the API (${testDriverName()})`, () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
  const series = async (url: string): Promise<SeriesResponse> => {
    const response = await call('analyst', 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return seriesResponseSchema.parse(response.json());
  };

  beforeAll(async () => {
    t = await createSeededTestApp();
    for (const who of ['viewer', 'analyst', 'commissioner', 'admin']) cookies[who] = await signInAs(t.app, who);
    // PI1's figures for 20 months become the package's test series (+80).
    const [pi1] = await queryRows<{ id: number }>(t.database.db, sql`select id from indicators where code = 'PI1'`);
    for (const [i, month] of monthRange(FROM, TO).entries()) {
      await t.database.db.execute(sql`
        insert into observations (indicator_id, month, value, numerator, denominator, provenance)
        values (${pi1!.id}, ${`${month}-01`}, ${RNORM_123[i]! + 80}, null, null, 'illustrative')
        on conflict (indicator_id, month) do update set value = excluded.value, numerator = null, denominator = null, symbol = null`);
    }
  }, 600_000);
  afterAll(() => t.close());

  it("reproduces the package's mean and limits (ptd_spc_standard snapshot r1) and labels every point", async () => {
    const pi1 = await series(`/api/indicators/PI1/series?from=${FROM}&to=${TO}`);
    const spc = pi1.spc!;
    expect(spc.groups).toHaveLength(1);
    expect(sig(spc.groups[0]!.mean)).toBe(80.1416);
    expect(sig(spc.groups[0]!.lowerLimit)).toBe(76.9886);
    expect(sig(spc.groups[0]!.upperLimit)).toBe(83.2946);
    expect(spc.points).toHaveLength(20);
    expect(spc.points.every((p) => p.pointType === 'common_cause')).toBe(true);
    expect(spc.icons?.variation).toMatchObject({ icon: 'common_cause', title: 'Common cause variation' });
    // PI1's target (> 75%) lies below the lower limit: for "higher is better", consistently passing.
    expect(spc.icons?.assurance).toMatchObject({ icon: 'consistent_pass', target: 75 });
    // The title is said once, by whoever shows it before the words ("Consistently passing. The target …").
    expect(spc.icons?.assurance?.title).toBe('Consistently passing');
    expect(spc.icons?.assurance?.words).toMatch(/^The target lies beyond the process limits on the good side/);
    expect(spc.icons?.variation.words).not.toContain('Common cause variation');
    expect(spc.method).toMatch(/2\.66/);
  });

  it('screenOutliers=false reproduces the unscreened limits (snapshot r3) and fixAfterPoints freezes them', async () => {
    const [pi1] = await queryRows<{ id: number }>(t.database.db, sql`select id from indicators where code = 'PI1'`);
    await t.database.db.execute(
      sql`update observations set value = 90 where indicator_id = ${pi1!.id} and month = ${`${addMonths(FROM, 14)}-01`}`,
    );
    // Written past the application: on PostgreSQL the cached series is forgotten when the change
    // notification arrives, a moment later, so wait for it (writes through the API forget at once).
    await vi.waitFor(
      async () => {
        const screened = (await series(`/api/indicators/PI1/series?from=${FROM}&to=${TO}`)).spc!;
        expect([screened.groups[0]!.lowerLimit, screened.groups[0]!.upperLimit].map((x) => sig(x))).toEqual([
          77.6163, 83.7225,
        ]);
      },
      { timeout: 10_000, interval: 100 },
    );
    const raw = (await series(`/api/indicators/PI1/series?from=${FROM}&to=${TO}&screenOutliers=false`)).spc!;
    expect(raw.screenOutliers).toBe(false);
    expect([raw.groups[0]!.lowerLimit, raw.groups[0]!.upperLimit].map((x) => sig(x))).toEqual([75.4034, 85.9355]);
    const fixed = (await series(`/api/indicators/PI1/series?from=${FROM}&to=${TO}&fixAfterPoints=12`)).spc!;
    expect(fixed.groups[0]).toMatchObject({ baselinePoints: 12, fixedAfterPoints: 12 });
    await t.database.db.execute(
      sql`update observations set value = ${RNORM_123[14]! + 80} where indicator_id = ${pi1!.id} and month = ${`${addMonths(FROM, 14)}-01`}`,
    );
    await vi.waitFor(
      async () => {
        const restored = (await series(`/api/indicators/PI1/series?from=${FROM}&to=${TO}`)).spc!;
        expect(sig(restored.groups[0]!.upperLimit)).toBe(83.2946);
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('agrees with the shared analysis for a seeded KPI, and gives intervals where there are numerators', async () => {
    const pi4 = await series('/api/indicators/PI4/series?from=2019-04&to=2021-03');
    const expected = analyseSpc(pi4.points, {
      direction: 'increase',
      target: pi4.points.at(-1)!.band!.targetValue,
      bounds: spcBoundsForUnit(pi4.indicator.unit),
    });
    expect(pi4.spc!.points.map((p) => p.pointType)).toEqual(expected.points.map((p) => p.pointType));
    expect(pi4.spc!.groups[0]!.upperLimit).toBe(expected.groups[0]!.upperLimit);
    const withParts = pi4.points.filter((p) => p.interval !== null);
    expect(withParts.length).toBeGreaterThan(0);
    const [row] = await queryRows<{ numerator: number; denominator: number }>(
      t.database.db,
      sql`select o.numerator::float8 as numerator, o.denominator::float8 as denominator from observations o
          join indicators i on i.id = o.indicator_id where i.code = 'PI4' and o.month = ${`${withParts[0]!.month}-01`}`,
    );
    const [lower, upper] = wilsonInterval(row!.numerator, row!.denominator, 0.95);
    expect(withParts[0]!.interval).toMatchObject({ method: 'wilson', methodLabel: 'Wilson score interval' });
    expect(sig(withParts[0]!.interval!.level95.lower, 4)).toBe(sig(lower * 100, 4));
    expect(sig(withParts[0]!.interval!.level95.upper, 4)).toBe(sig(upper * 100, 4));
    expect(pi4.intervalNote).toMatch(/\[u\] low reliability: based on fewer than 20 cases/);
  });

  // Real published monthly figures: Sandwell Children's Trust Annual Review 2020/21, section (g)
  // (Children's Services and Education Scrutiny Board, 23 August 2021), average caseload per
  // case-holding FTE, April 2020 to March 2021, as data/reference/caseloads-2020-21.csv holds them.
  // The limits are worked out here from those figures alone, by the method in words (NHS England
  // "Making Data Count"; NHSRplotthedots R/ptd_spc_standard.R): mean; moving ranges |x[i] − x[i−1]|;
  // moving ranges ≥ 3.267 × their mean screened out and the mean taken again; mean ± 2.66 × that.
  const PUBLISHED_CASELOADS: Record<string, number[]> = {
    'CASELOAD-SAAT': [22.02, 24.69, 28.87, 26.76, 26.17, 24.5, 27.37, 32.23, 27.41, 30.04, 27.95, 30.38],
    'CASELOAD-CM-CWD': [18.77, 18.98, 19.71, 20.71, 19.84, 19.11, 19.74, 19.86, 20.02, 19.77, 21.6, 21.18],
    'CASELOAD-CIC': [21.36, 20.85, 21.56, 18.75, 18.91, 18.38, 18.15, 21.38, 21.1, 20.97, 22.31, 22.0],
    'CASELOAD-CARE-LEAVERS': [20.63, 20.86, 20.7, 21.17, 21.17, 21.41, 21.48, 21.02, 19.69, 19.06, 19.22, 19.38],
    'CASELOAD-FOSTERING': [12.57, 12.57, 14.24, 14.19, 15.86, 15.72, 14.58, 14.64, 13.57, 13.25, 14.07, 14.98],
  };
  function independentLimits(values: readonly number[]) {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
    const first = ranges.reduce((a, b) => a + b, 0) / ranges.length;
    const kept = ranges.filter((r) => r < 3.267 * first);
    const amr = kept.reduce((a, b) => a + b, 0) / kept.length;
    return { mean, screened: ranges.length - kept.length, lower: mean - 2.66 * amr, upper: mean + 2.66 * amr };
  }

  it.each(Object.entries(PUBLISHED_CASELOADS))(
    "%s: the product's limits on the Trust's published 2020-21 caseloads are those worked out from the figures",
    async (code, values) => {
      const got = await series(`/api/indicators/${code}/series?from=2020-04&to=2021-03`);
      expect(got.points.map((p) => p.value)).toEqual(values);
      const spc = got.spc!;
      expect(spc.groups).toHaveLength(1);
      const group = spc.groups[0]!;
      const expected = independentLimits(values);
      expect(group.mean).toBeCloseTo(expected.mean, 9);
      expect(group.lowerLimit!).toBeCloseTo(expected.lower, 9);
      expect(group.upperLimit!).toBeCloseTo(expected.upper, 9);
      expect(group.screenedMovingRanges).toBe(expected.screened);
      // 12 points: trial limits, and no icons until the 13th (the NHS tool's minimum).
      expect(group.trialLimits).toBe(true);
      expect(spc.icons).toBeNull();
      // A month beyond the limits is flagged, one inside is not (Care Leavers' July 2020, 21.48 > 21.17).
      for (const [i, point] of spc.points.entries()) {
        const outside = values[i]! > expected.upper || values[i]! < expected.lower;
        expect(['above_upper_limit', 'below_lower_limit'].includes(point.specialCause), `${code} ${point.month}`).toBe(
          outside,
        );
      }
    },
  );

  it('has no SPC for rolling figures, and says why', async () => {
    const rolling = await series('/api/indicators/PI4/series?from=2020-04&to=2021-03&view=rolling12');
    expect(rolling.spc).toBeNull();
    expect(rolling.spcNote).toMatch(/monthly figures only/);
  });

  it('lets commissioners and admins rebase with a reason, audited; viewers and analysts may not', async () => {
    const url = '/api/indicators/PI1/spc-rebases';
    const body = { month: addMonths(FROM, 8), reason: 'New definition of the measure from this month' };
    expect((await call('viewer', 'POST', url, body)).statusCode).toBe(403);
    expect((await call('analyst', 'POST', url, body)).statusCode).toBe(403);
    const tooShort = await call('commissioner', 'POST', url, { ...body, reason: ' x ' });
    expect(tooShort.statusCode).toBe(400);
    expect(problemSchema.parse(tooShort.json()).detail).toBeTruthy();

    const created = await call('commissioner', 'POST', url, body);
    expect(created.statusCode, created.body).toBe(201);
    const rebase = spcRebaseSchema.parse(created.json());
    expect(rebase).toMatchObject({ month: body.month, reason: body.reason });
    expect((await call('admin', 'POST', url, body)).statusCode).toBe(409);

    const after = (await series(`/api/indicators/PI1/series?from=${FROM}&to=${TO}`)).spc!;
    expect(after.rebases.map((r) => r.month)).toEqual([body.month]);
    expect(after.groups.map((g) => [g.from, g.points, g.trialLimits])).toEqual([
      [FROM, 8, true],
      // 12 points or fewer are trial limits (methods.md; the Excel tool shows limits from 13).
      [body.month, 12, true],
    ]);
    expect(after.groups[1]!.rebase).toEqual({ month: body.month, reason: body.reason });
    const expected = analyseSpc(
      RNORM_123.slice(8).map((v, i) => ({ month: addMonths(body.month, i), value: v + 80 })),
      { direction: 'increase' },
    );
    expect(after.groups[1]!.upperLimit).toBeCloseTo(expected.groups[0]!.upperLimit!, 9);

    expect((await call('analyst', 'DELETE', `${url}/${rebase.id}`)).statusCode).toBe(403);
    expect((await call('admin', 'DELETE', `${url}/${rebase.id}`)).statusCode).toBe(204);
    expect((await call('admin', 'DELETE', `${url}/${rebase.id}`)).statusCode).toBe(404);
    const audit = await queryRows<{ action: string; username: string; target: string }>(
      t.database.db,
      sql`select action, username, target from audit_log where action like 'spc.rebase.%' order by id`,
    );
    expect(audit).toEqual([
      { action: 'spc.rebase.create', username: 'commissioner', target: `indicator PI1 from ${body.month}` },
      { action: 'spc.rebase.withdraw', username: 'admin', target: `indicator PI1 from ${body.month}` },
    ]);
  });

  it('gives every scorecard card its two icons with words, or says why not', async () => {
    const response = await call('viewer', 'GET', '/api/scorecard?month=2021-03');
    expect(response.statusCode, response.body).toBe(200);
    const scorecard = scorecardResponseSchema.parse(response.json());
    for (const item of scorecard.items) {
      expect(item.spc.window).toEqual({ from: '2018-04', to: '2021-03' });
      if (item.spc.icons) {
        expect(item.spc.icons.variation.words.length, item.code).toBeGreaterThan(20);
        if (item.polarity !== 'none' && item.thresholds) expect(item.spc.icons.assurance, item.code).not.toBeNull();
      } else if (item.code === 'PI12') {
        expect(item.spc.withheld).toMatch(/^No SPC for this KPI: it is counted cumulatively from April/);
      } else expect(item.spc.withheld, item.code).toMatch(/No icons yet/);
    }
    expect(scorecard.items.some((i) => i.spc.icons !== null)).toBe(true);
    // PI12 is on the 2018 scorecard, so the rule above was exercised
    expect(scorecard.items.find((i) => i.code === 'PI12')?.spc.icons).toBeNull();
  });

  it('has no SPC for a KPI measured cumulatively from April, even month by month, and says why on the page and in the file', async () => {
    // PI12 (reviews in timescale, year to date): each month contains the months before it, so a
    // chart of its months would call the overlap a trend nearly every month
    const pi12 = await series('/api/indicators/PI12/series?from=2018-04&to=2021-03');
    expect(pi12.points.filter((p) => p.value !== null).length).toBeGreaterThan(12);
    expect(pi12.spc).toBeNull();
    expect(pi12.spcNote).toMatch(/counted cumulatively from April.*independent monthly figures/);
    const csv = await call(
      'analyst',
      'GET',
      '/api/exports/indicators/PI12/series.csv?from=2018-04&to=2021-03&table=notes',
    );
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain('SPC: No SPC for this KPI: it is counted cumulatively from April');
    // a monthly flow of the same set keeps its chart
    expect((await series('/api/indicators/PI4/series?from=2018-04&to=2021-03')).spc).not.toBeNull();
  });
});
