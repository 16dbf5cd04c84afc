import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../periods';
import { analyseSpc, type SpcOptions } from './analyse';

/** Months from January 2020, one per value. */
const series = (values: (number | null)[]) => values.map((value, i) => ({ month: addMonths('2020-01', i), value }));
const spc = (values: (number | null)[], options: Partial<SpcOptions> = {}) =>
  analyseSpc(series(values), { direction: 'increase', ...options });

// NHSRplotthedots' own test data (MIT): `set.seed(123); rnorm(20)` as printed to 8 decimals in its
// snapshot tests/testthat/_snaps/ptd_spc_standard.md, which gives the expected means and limits to 7
// significant figures (we check 6: the printed inputs are themselves rounded to 8 decimals).
const RNORM_123 = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285,
  -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716,
  0.7013559, -0.47279141,
];
const withOutlier = RNORM_123.map((v, i) => (i === 14 ? 10 : v));
const sig = (x: number | null, digits = 6) => Number((x ?? Number.NaN).toPrecision(digits));

describe('analyseSpc: the package snapshot cases (ptd_spc_standard.md, ptd_spc.md)', () => {
  it('r1: mean 0.1416238, limits −3.01138 and 3.294627, all common cause', () => {
    const r = spc(RNORM_123);
    expect(sig(r.groups[0]!.mean)).toBe(0.141624);
    expect(sig(r.groups[0]!.lowerLimit)).toBe(-3.01138);
    expect(sig(r.groups[0]!.upperLimit)).toBe(3.29463);
    expect(r.points.slice(0, 15).map((p) => p.side)).toEqual([-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]);
    expect(r.points.every((p) => p.pointType === 'common_cause')).toBe(true);
    expect(r.icons?.variation.icon).toBe('common_cause');
  });

  it('r2: y[15] = 10 with screening: mean 0.6694159, limits −2.383666 and 3.722497', () => {
    const r = spc(withOutlier);
    expect(sig(r.groups[0]!.mean)).toBe(0.669416);
    expect(sig(r.groups[0]!.lowerLimit)).toBe(-2.38367);
    expect(sig(r.groups[0]!.upperLimit)).toBe(3.7225);
    expect(r.groups[0]!.screenedMovingRanges).toBe(2);
    expect(r.points.slice(0, 14).map((p) => p.side)).toEqual([-1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1]);
  });

  it('r3: the same without screening (the NHS Excel tool): limits −4.596625 and 5.935457', () => {
    const r = spc(withOutlier, { screenOutliers: false });
    expect(sig(r.groups[0]!.lowerLimit)).toBe(-4.59663);
    expect(sig(r.groups[0]!.upperLimit)).toBe(5.93546);
    expect(r.groups[0]!.screenedMovingRanges).toBe(0);
  });

  it('two groups of 10 (the facet case, here as a rebase): 0.0746/−2.60/2.75 and 0.209/−3.28/3.70', () => {
    const r = spc(RNORM_123, { rebases: [{ month: '2020-11', reason: 'New KPI set' }] });
    expect(r.groups.map((g) => [sig(g.mean, 3), sig(g.lowerLimit, 3), sig(g.upperLimit, 3)])).toEqual([
      [0.0746, -2.6, 2.75],
      [0.209, -3.28, 3.7],
    ]);
    expect(r.groups.map((g) => g.trialLimits)).toEqual([true, true]);
    expect(r.groups[1]!.rebase).toEqual({ month: '2020-11', reason: 'New KPI set' });
    expect(r.icons).toBeNull();
    expect(r.iconsWithheld).toMatch(
      /10 months since the limits were recalculated in 2020-11; the icons need at least 13/,
    );
  });

  it('fix_after_n_points = 12 changes the limits (package test)', () => {
    const fixed = spc(RNORM_123, { fixAfterNPoints: 12 });
    const free = spc(RNORM_123);
    expect(fixed.groups[0]!.lowerLimit).not.toBe(free.groups[0]!.lowerLimit);
    expect(fixed.groups[0]!.baselinePoints).toBe(12);
    expect(fixed.groups[0]!.fixedAfterPoints).toBe(12);
    const first12 = spc(RNORM_123.slice(0, 12));
    expect(fixed.groups[0]!.mean).toBe(first12.groups[0]!.mean);
    expect(fixed.groups[0]!.upperLimit).toBe(first12.groups[0]!.upperLimit);
  });

  it('2-in-3 needs the same side of the mean (package test: symmetric data, ±5.5 at the end)', () => {
    const values: number[] = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    values[14] = 5.5;
    values[15] = -5.5;
    const r = spc(values);
    expect(r.points.slice(-2).map((p) => p.pointType)).toEqual(['common_cause', 'common_cause']);
  });
});

describe('analyseSpc: rules, polarity and icons', () => {
  const flat = [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 13];

  it('a point above the upper limit is improvement when higher is better, concern when lower is', () => {
    const values = [...flat, 30];
    expect(spc(values).points.at(-1)!.pointType).toBe('special_cause_improvement');
    const lower = spc(values, { direction: 'decrease' });
    expect(lower.points.at(-1)!.pointType).toBe('special_cause_concern');
    expect(lower.icons?.variation.icon).toBe('concern_high');
    expect(lower.icons?.variation.words).toBe('The latest month is above the upper process limit.');
    const neutral = spc(values, { direction: 'neutral', target: 20 });
    expect(neutral.points.at(-1)!.pointType).toBe('special_cause_neutral_high');
    expect(neutral.icons?.assurance).toBeNull();
  });

  it('a run of 8 below the mean is concern for "higher is better", in words with its length', () => {
    const values = [18, 19, 18, 19, 18, 19, 18, 19, 15, 16, 15, 16, 15, 16, 15, 16];
    const r = spc(values);
    // 2-in-3 outranks the run where 15 sits close to the lower limit (15 < 15.23)
    expect(r.points.slice(-4).map((p) => p.specialCause)).toEqual([
      'two_in_three_below',
      'run_below',
      'two_in_three_below',
      'run_below',
    ]);
    expect(r.points.slice(-8).every((p) => p.pointType === 'special_cause_concern')).toBe(true);
    expect(r.icons?.variation).toEqual({
      icon: 'concern_low',
      title: 'Special cause of concern (lower)',
      words: '8 months in a row below the average.',
    });
  });

  it('a trend of 7 rising points is flagged on all seven', () => {
    const values = [15, 12, 14, 13, 15, 12, 14, 10, 11, 12, 13, 14, 15, 16];
    const r = spc(values, { direction: 'decrease' });
    expect(r.points.slice(-7).map((p) => p.specialCause)).toEqual(Array(7).fill('trend_increasing'));
    expect(r.points.slice(-7).every((p) => p.pointType === 'special_cause_concern')).toBe(true);
    expect(r.icons?.variation.words).toBe('7 months in a row rising.');
  });

  it('assurance: target beyond the limits passes or fails by direction; inside is hit and miss', () => {
    // 13 points: the fewest that carry icons.
    const settled = [...flat, 11.5];
    const base = spc(settled);
    const { lowerLimit, upperLimit } = base.groups[0]!;
    expect([lowerLimit, upperLimit].map((x) => sig(x, 4))).toEqual([6.512, 16.49]);
    expect(spc(settled, { target: 20 }).icons?.assurance?.icon).toBe('consistent_fail');
    expect(spc(settled, { target: 5 }).icons?.assurance?.icon).toBe('consistent_pass');
    expect(spc(settled, { target: 12 }).icons?.assurance).toMatchObject({
      icon: 'inconsistent',
      title: 'Hit and miss',
    });
    expect(spc(settled, { target: 20, direction: 'decrease' }).icons?.assurance?.icon).toBe('consistent_pass');
    expect(spc(settled).icons?.assurance).toBeNull();
  });

  // methods.md: "groups of 12 or fewer points carry a 'trial limits' warning"; the Excel tool shows
  // icons only from 13 points (NHS-R issue #194). The package's code (n() < 12) is one point early.
  it.each([
    [1, true, 'No icons yet: 1 month; the icons need at least 13.'],
    [2, true, 'No icons yet: 2 months; the icons need at least 13.'],
    [11, true, 'No icons yet: 11 months; the icons need at least 13.'],
    [12, true, 'No icons yet: 12 months; the icons need at least 13.'],
    [13, false, null],
    [24, false, null],
  ] as const)('%i points: trial limits %s, icons withheld %j', (n, trial, withheld) => {
    const r = spc(Array.from({ length: n }, (_, i) => flat[i % flat.length]!));
    expect(r.groups[0]!.trialLimits).toBe(trial);
    expect(r.iconsWithheld).toBe(withheld);
    expect(r.icons === null).toBe(withheld !== null);
  });

  it('a rebase leaving 12 months in the latest group withholds the icons; 13 before it are settled', () => {
    const values = Array.from({ length: 25 }, (_, i) => flat[i % flat.length]!);
    const r = spc(values, { rebases: [{ month: addMonths('2020-01', 13), reason: 'New KPI set' }] });
    expect(r.groups.map((g) => [g.points, g.trialLimits])).toEqual([
      [13, false],
      [12, true],
    ]);
    expect(r.icons).toBeNull();
    expect(r.iconsWithheld).toBe(
      'No icons yet: 12 months since the limits were recalculated in 2021-02; the icons need at least 13.',
    );
  });

  it('a rebase before the first figure changes nothing: the figures are one group', () => {
    const r = analyseSpc(
      series([null, null, ...flat]).filter((p) => p.value !== null),
      { direction: 'increase', rebases: [{ month: '2020-01', reason: 'Service redesign' }] },
    );
    expect(r.groups.map((g) => [g.from, g.points])).toEqual([['2020-03', 12]]);
    expect(r.gapNote).toBeNull();
  });

  // The package needs a series without gaps: a moving range across a missing month is not a
  // month-to-month range, and a run of 7 would count figures years apart as consecutive.
  it('one missing month is bridged; a rebase on it starts the new group at the next figure', () => {
    const r = spc([...flat, null, 14, 15], { rebases: [{ month: '2021-01', reason: 'Service redesign' }] });
    expect(r.points).toHaveLength(14);
    expect(r.groups.map((g) => [g.from, g.to, g.points])).toEqual([
      ['2020-01', '2020-12', 12],
      ['2021-02', '2021-03', 2],
    ]);
    expect(r.gapNote).toBeNull();
  });

  it('two missing months end the chart: it is drawn over the latest run, and says what was left out', () => {
    const r = spc([...flat, null, null, 14, 15]);
    expect(r.points.map((p) => p.month)).toEqual(['2021-03', '2021-04']);
    expect(r.groups.map((g) => [g.from, g.to, g.points])).toEqual([['2021-03', '2021-04', 2]]);
    expect(r.gapNote).toBe(
      'SPC needs a figure for every month: drawn over the 2 months from March 2021; the 12 earlier figures are left out (no figure for the 2 months before March 2021).',
    );
  });

  it('paper figures years apart are not joined to a monthly series (CP-COUNT: 2020-04, 2021-03, 2023-03, then 16 months)', () => {
    const monthly = [460, 455, 470, 448, 452, 466, 459, 461, 447, 458, 463, 450, 456, 462, 451, 446];
    const papers = [
      { month: '2020-04', value: 673 },
      { month: '2021-03', value: 485 },
      { month: '2023-03', value: 339 },
    ];
    const run = monthly.map((value, i) => ({ month: addMonths('2024-04', i), value }));
    const r = analyseSpc([...papers, ...run], { direction: 'decrease' });
    const alone = analyseSpc(run, { direction: 'decrease' });
    expect(r.groups).toEqual(alone.groups);
    expect(r.points).toEqual(alone.points);
    expect(r.icons).toEqual(alone.icons);
    expect(r.gapNote).toBe(
      'SPC needs a figure for every month: drawn over the 16 months from April 2024; the 3 earlier figures are left out (no figure for the 12 months before April 2024).',
    );
    expect(alone.gapNote).toBeNull();
  });

  // The package refuses fix_after_n_points below 12; limits resting on fewer points are trial limits.
  it.each([
    [2, true],
    [12, true],
    [13, false],
  ] as const)('limits fixed after %i points: trial %s, and icons only when they rest on 13', (fixAfter, trial) => {
    const r = spc(RNORM_123, { fixAfterNPoints: fixAfter });
    expect(r.groups[0]!.baselinePoints).toBe(fixAfter);
    expect(r.groups[0]!.trialLimits).toBe(trial);
    expect(r.icons === null).toBe(trial);
    if (trial)
      expect(r.iconsWithheld).toBe(
        `No icons: the limits were fixed after ${fixAfter} months; the icons need limits resting on at least 13.`,
      );
  });

  it('eleven 50.0s then 50.1: screening is skipped, so the limits have width and 50.0 is inside them', () => {
    const r = spc([...Array(11).fill(50), 50.1]);
    const g = r.groups[0]!;
    expect(g.screenedMovingRanges).toBe(0);
    expect(g.upperLimit! - g.lowerLimit!).toBeGreaterThan(0);
    expect(r.points.slice(0, 11).every((p) => !p.outsideLimits)).toBe(true);
    expect(r.points.at(-1)!.specialCause).toBe('above_upper_limit');
  });

  it('one point: no limits and common cause; a flat series has limits on the mean', () => {
    expect(spc([5]).groups[0]!.upperLimit).toBeNull();
    expect(spc([5]).points[0]!.pointType).toBe('common_cause');
    const r = spc(Array(12).fill(5));
    expect([r.groups[0]!.lowerLimit, r.groups[0]!.upperLimit]).toEqual([5, 5]);
    expect(r.points.every((p) => p.pointType === 'common_cause')).toBe(true);
  });
});

describe('analyseSpc: properties', () => {
  const values = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 40 });

  it('negating every value and the direction mirrors every label exactly', () => {
    fc.assert(
      fc.property(values, fc.boolean(), (vs, screen) => {
        const a = spc(vs, { screenOutliers: screen });
        const b = spc(
          vs.map((v) => -v),
          { screenOutliers: screen, direction: 'decrease' },
        );
        expect(b.points.map((p) => p.pointType)).toEqual(a.points.map((p) => p.pointType));
        expect(b.groups[0]!.upperLimit).toBe(-a.groups[0]!.lowerLimit!);
      }),
    );
  });

  it('limits are symmetric about the mean, and screening never widens them', () => {
    fc.assert(
      fc.property(values, (vs) => {
        const screened = spc(vs).groups[0]!;
        const raw = spc(vs, { screenOutliers: false }).groups[0]!;
        expect(screened.upperLimit! - screened.mean).toBeCloseTo(screened.mean - screened.lowerLimit!, 9);
        expect(screened.meanMovingRange!).toBeLessThanOrEqual(raw.meanMovingRange! + 1e-9);
      }),
    );
  });

  it('trial limits exactly when a group has 12 points or fewer; icons exactly when the latest has 13 or more', () => {
    fc.assert(
      fc.property(values, fc.nat({ max: 40 }), (vs, cut) => {
        const rebases = cut > 0 && cut < vs.length ? [{ month: addMonths('2020-01', cut), reason: 'Rebase' }] : [];
        const r = spc(vs, { rebases });
        for (const g of r.groups) expect(g.trialLimits).toBe(g.points <= 12);
        expect(r.icons !== null).toBe(r.groups.at(-1)!.points >= 13);
      }),
    );
  });

  it('with months missing, the analysis is that of the latest unbroken run alone', () => {
    const withGaps = fc.array(fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null, freq: 3 }), {
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(withGaps, (vs) => {
        const r = spc(vs);
        const present = series(vs).filter((p) => p.value !== null);
        // the latest figure after which no two months in a row are missing
        let start = present.length - 1;
        while (start > 0 && addMonths(present[start - 1]!.month, 2) >= present[start]!.month) start--;
        const run = present.slice(Math.max(start, 0));
        const alone = analyseSpc(run, { direction: 'increase' });
        expect(r.points).toEqual(alone.points);
        expect(r.groups).toEqual(alone.groups);
        expect(r.gapNote === null).toBe(run.length === present.length);
        for (let i = 1; i < r.points.length; i++)
          expect(r.points[i]!.month <= addMonths(r.points[i - 1]!.month, 2)).toBe(true);
      }),
    );
  });

  it('a point is special cause exactly when some rule flags it, and every figure gets one label', () => {
    fc.assert(
      fc.property(values, (vs) => {
        const r = spc(vs);
        expect(r.points).toHaveLength(vs.length);
        for (const p of r.points) {
          expect(p.pointType === 'common_cause').toBe(p.specialCause === 'common_cause');
          if (p.outsideLimits) expect(p.closeToLimits).toBe(false);
        }
      }),
    );
  });
});
