import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../periods';
import { analyseSpc, type SpcOptions } from './analyse';
import oracle from './reference/ptdOracleCases.json';

/**
 * The XmR analysis against figures we did not make: NHSRplotthedots' own integration snapshot on
 * real NHS data, and cases worked out by hand from the package's rules (R/ptd_spc_standard.R,
 * R/ptd_calculate_point_type.R; MIT, © NHS-R Community). Each expected value says where it is from.
 */

const monthly = (values: readonly number[], from = '2016-04') =>
  values.map((value, i) => ({ month: addMonths(from, i), value }));
const spc = (values: readonly number[], options: Partial<SpcOptions> = {}) =>
  analyseSpc(monthly(values), { direction: 'increase', ...options });

// England's A&E attendances (all types), April 2016 to March 2019: NHSRdatasets' ae_attendances as
// NHSRplotthedots' integration test uses it (tests/testthat/test-integration_tests.R). The expected
// mean, limits and "close to a limit" flags are the package's own results, stored in its snapshot
// tests/testthat/_snaps/integration_tests.md as serialised R doubles, decoded exactly (17 s.f.).
const AE_ALL = [
  1867781, 2070340, 1958802, 2079034, 1932901, 1952464, 2001816, 1907871, 1944567, 1895272, 1735619, 2015834, 1949762,
  2066789, 1994056, 2073944, 1924663, 1925961, 2044137, 1976971, 2003954, 2000086, 1820012, 2049785, 1984369, 2164458,
  2093942, 2179896, 1997854, 2005695, 2079492, 2037847, 2047518, 2113413, 1954947, 2167550,
];

describe('NHSRplotthedots integration snapshot: A&E attendances, England, 2016-04 to 2019-03', () => {
  it('mean 2000538.9444444445, limits 1731844.3644444444 to 2269233.5244444446, all common cause', () => {
    const r = spc(AE_ALL);
    const g = r.groups[0]!;
    expect(g.mean).toBeCloseTo(2000538.9444444445, 6);
    expect(g.lowerLimit!).toBeCloseTo(1731844.3644444444, 6);
    expect(g.upperLimit!).toBeCloseTo(2269233.5244444446, 6);
    expect(r.points.every((p) => p.pointType === 'common_cause')).toBe(true);
    // close_to_limits is TRUE for rows 11, 23 and 28 (February 2017, February 2018, July 2018)
    expect(r.points.filter((p) => p.closeToLimits).map((p) => p.month)).toEqual(['2017-02', '2018-02', '2018-07']);
    // relative_to_mean, as the snapshot stores it
    expect(r.points.map((p) => p.side)).toEqual([
      -1, 1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, 1, -1, 1, -1, -1, 1, -1, 1, -1, -1, 1, -1, 1, 1, 1, -1, 1, 1, 1,
      1, 1, -1, 1,
    ]);
  });

  it('rebased at April 2017 (the snapshot "with rebase"): each group has its own mean and limits', () => {
    const r = spc(AE_ALL, { rebases: [{ month: '2017-04', reason: 'Rebase' }] });
    const [first, second] = r.groups;
    expect([first!.points, second!.points]).toEqual([12, 24]);
    expect(first!.mean).toBeCloseTo(1946858.4166666667, 6);
    expect(first!.lowerLimit!).toBeCloseTo(1639947.374848485, 6);
    expect(first!.upperLimit!).toBeCloseTo(2253769.4584848485, 6);
    expect(second!.mean).toBeCloseTo(2027379.2083333333, 6);
    expect(second!.lowerLimit!).toBeCloseTo(1772921.0639855072, 6);
    expect(second!.upperLimit!).toBeCloseTo(2281837.3526811595, 6);
    // The package's short_group_warning (n() < 12) is FALSE for a group of 12; methods.md and the NHS
    // Excel tool call 12 points trial limits, and so do we (see analyse.ts).
    expect([first!.trialLimits, second!.trialLimits]).toEqual([true, false]);
  });
});

describe('a figure exactly on the mean is on neither side, with figures to one decimal place', () => {
  // 19 figures to 1 d.p. whose mean is exactly 10.7 (their sum is 203.3). Summed left to right in
  // double precision the mean is 10.699999999999998, which would put the 7th figure (10.7) above it
  // and join two runs of 6 into one of 13. R's mean() sums in long double with a correcting pass and
  // gives 10.7 exactly, so the package sees a point on the mean, which breaks the run
  // (ptd_seven_point_one_side_mean: `vp[[i]] != 0`): the first 13 months are common cause.
  const values = [
    13.2, 12.3, 11.0, 12.1, 10.8, 12.3, 10.7, 13.1, 10.9, 12.8, 11.0, 11.2, 12.9, 8.6, 9.1, 6.3, 6.7, 9.7, 8.6,
  ];

  it('the mean is 10.7 and the 7th month sits on it', () => {
    const r = spc(values);
    expect(r.groups[0]!.mean).toBe(10.7);
    expect(r.points[6]!.side).toBe(0);
  });

  it('so there is no run of 7 above the mean in the first 13 months', () => {
    const r = spc(values);
    expect(r.points.slice(0, 13).map((p) => p.specialCause)).toEqual(Array(13).fill('common_cause'));
  });

  it('the same holds for any decimal data: a figure equal to the decimal mean has side 0', () => {
    // 0.1, 0.2, 0.3: the double sum is 0.6000000000000001, the mean 0.20000000000000004.
    expect(spc([0.1, 0.2, 0.3]).points.map((p) => p.side)).toEqual([-1, 0, 1]);
    // 85.3% three times and 85.2%, 85.4%: the mean is 85.3
    expect(spc([85.2, 85.3, 85.4, 85.3, 85.3]).points.map((p) => p.side)).toEqual([-1, 0, 1, 0, 0]);
  });
});

describe('a target exactly on a process limit is hit and miss (strict inequalities)', () => {
  // 0.2 and 0.9 in turn, 14 months: mean 0.55, mean moving range 0.7, so the limits are
  // 0.55 ± 1.862 = −1.312 and 2.412 exactly; in doubles the lower is −1.3119999999999998. A target
  // of −1.312 is on the limit, not below it (ptd_calculate_assurance_type.R: `target < lpl`).
  // Likewise 0.5 and 1.2: limits −1.012 and 2.712, the upper 2.7119999999999997 in doubles.
  const alternate = (a: number, b: number) => Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? a : b));

  it.each([
    [[0.2, 0.9], -1.312, 'increase', 'inconsistent'],
    [[0.2, 0.9], -1.312, 'decrease', 'inconsistent'],
    [[0.2, 0.9], -1.313, 'increase', 'consistent_pass'],
    [[0.2, 0.9], -1.313, 'decrease', 'consistent_fail'],
    [[0.5, 1.2], 2.712, 'increase', 'inconsistent'],
    [[0.5, 1.2], 2.713, 'increase', 'consistent_fail'],
    [[0.5, 1.2], 2.713, 'decrease', 'consistent_pass'],
  ] as const)('%j, target %f, %s → %s', ([a, b], target, direction, icon) => {
    expect(spc(alternate(a, b), { target, direction }).icons?.assurance?.icon).toBe(icon);
  });

  it('and a month exactly on a limit is not outside it', () => {
    // 0.2/0.9 for 13 months, then −1.312 would move the mean; instead the limits are fixed after
    // the first 14 months and month 15 is exactly the lower limit, month 16 just beyond it.
    const values = [...alternate(0.2, 0.9), -1.312, -1.313];
    const r = spc(values, { fixAfterNPoints: 14 });
    expect(r.points.slice(-2).map((p) => [p.outsideLimits, p.specialCause])).toEqual([
      [false, 'common_cause'],
      [true, 'below_lower_limit'],
    ]);
  });
});

describe('240 series against a transcription of the package (reference/gen_cases.py)', () => {
  // Integers with many ties and points on the mean, drifts (trends and runs), level shifts with
  // spikes, and percentages to one decimal place; screening on and off. The expected mean, limits
  // and each point's rule come from a Python transcription of ptd_spc_standard.R and
  // ptd_special_cause_type(), checked against the package's own A&E snapshot above.
  it.each(oracle.cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const r = spc(c.values, { screenOutliers: c.screenOutliers });
    const g = r.groups[0]!;
    const close = (a: number | null, b: number) =>
      expect(Math.abs(a! - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    close(g.mean, c.mean);
    close(g.lowerLimit, c.lowerLimit);
    close(g.upperLimit, c.upperLimit);
    expect(r.points.map((p) => p.specialCause).join(' ')).toBe(c.specialCause);
  });
});

describe('properties a statistician expects of an XmR chart', () => {
  // Figures to one decimal place, as the product holds most of them.
  const figures = fc.array(
    fc.integer({ min: -5000, max: 5000 }).map((n) => n / 10),
    { minLength: 2, maxLength: 36 },
  );
  const labels = (r: ReturnType<typeof spc>) => r.points.map((p) => p.specialCause);

  it('adding a constant moves the mean and limits by it and changes no label', () => {
    fc.assert(
      fc.property(figures, fc.integer({ min: -1000, max: 1000 }), fc.boolean(), (values, shift, screen) => {
        const a = spc(values, { screenOutliers: screen });
        const b = spc(
          values.map((v) => v + shift),
          { screenOutliers: screen },
        );
        expect(labels(b)).toEqual(labels(a));
        expect(b.groups[0]!.mean).toBeCloseTo(a.groups[0]!.mean + shift, 8);
        if (a.groups[0]!.upperLimit !== null)
          expect(b.groups[0]!.upperLimit!).toBeCloseTo(a.groups[0]!.upperLimit + shift, 8);
      }),
    );
  });

  it('multiplying by a positive constant (a change of units) changes no label', () => {
    fc.assert(
      fc.property(figures, fc.constantFrom(10, 100, 0.5), (values, factor) => {
        expect(labels(spc(values.map((v) => v * factor)))).toEqual(labels(spc(values)));
      }),
    );
  });

  it('reversing time flags the same months (trends change direction, nothing else)', () => {
    fc.assert(
      fc.property(figures, (values) => {
        const forward = spc(values).points.map((p) => p.specialCause !== 'common_cause');
        const backward = spc([...values].reverse()).points.map((p) => p.specialCause !== 'common_cause');
        expect(backward.reverse()).toEqual(forward);
      }),
    );
  });

  it('turning "higher is better" into "lower is better" swaps improvement and concern, month by month', () => {
    const swap = {
      special_cause_improvement: 'special_cause_concern',
      special_cause_concern: 'special_cause_improvement',
    };
    fc.assert(
      fc.property(figures, (values) => {
        const up = spc(values, { direction: 'increase' }).points.map((p) => p.pointType);
        const down = spc(values, { direction: 'decrease' }).points.map((p) => p.pointType);
        expect(down).toEqual(up.map((t) => swap[t as keyof typeof swap] ?? t));
        const neutral = spc(values, { direction: 'neutral' });
        expect(neutral.icons?.assurance ?? null).toBeNull();
        expect(neutral.points.every((p) => !/improvement|concern/.test(p.pointType))).toBe(true);
      }),
    );
  });

  it('each rebase group is analysed as if it stood alone', () => {
    fc.assert(
      fc.property(figures, fc.integer({ min: 1, max: 35 }), (values, cut) => {
        fc.pre(cut < values.length);
        const whole = spc(values, { rebases: [{ month: addMonths('2016-04', cut), reason: 'Rebase' }] });
        const before = spc(values.slice(0, cut));
        const after = spc(values.slice(cut), {});
        expect(labels(whole)).toEqual([...labels(before), ...labels(after)]);
        expect(whole.groups.map((g) => [g.mean, g.lowerLimit, g.upperLimit])).toEqual(
          [before.groups[0]!, after.groups[0]!].map((g) => [g.mean, g.lowerLimit, g.upperLimit]),
        );
      }),
    );
  });
});
