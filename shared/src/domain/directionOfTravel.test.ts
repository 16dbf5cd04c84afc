import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareValues, directionOfTravel } from './directionOfTravel';
import { addMonths, monthRange } from './periods';

describe('compareValues', () => {
  it.each([
    // current, comparison, polarity, precision, direction, difference
    [80, 75, 'higher_is_better', 1, 'improving', 5],
    [70, 75, 'higher_is_better', 1, 'worsening', -5],
    [80, 75, 'lower_is_better', 1, 'worsening', 5],
    [70, 75, 'lower_is_better', 1, 'improving', -5],
    [80, 75, 'none', 1, 'increasing', 5],
    [70, 75, 'none', 1, 'decreasing', -5],
    [75, 75, 'higher_is_better', 1, 'no_change', 0],
    [75, 75, 'none', 1, 'no_change', 0],
    [75.04, 75, 'higher_is_better', 1, 'no_change', 0], // both show 75.0
    [75.05, 75, 'higher_is_better', 1, 'improving', 0.1], // 75.1 vs 75.0: one display step
    [74.96, 75.04, 'lower_is_better', 1, 'no_change', 0], // both show 75.0
    [0.1 + 0.2, 0.3, 'none', 2, 'no_change', 0],
    [10, 9.6, 'lower_is_better', 0, 'no_change', 0], // 10 vs 10
    [10, 9.4, 'lower_is_better', 0, 'worsening', 1], // 10 vs 9
    [18.5, 18.49, 'lower_is_better', 2, 'worsening', 0.01],
    [18.5, 18.495, 'lower_is_better', 2, 'no_change', 0], // 18.495 shows 18.50
    [22.3, 22.1, 'none', 1, 'increasing', 0.2], // float 0.2000000000000028 → 0.2
  ] as const)('%s vs %s (%s, %i dp) → %s', (current, comparison, polarity, precision, direction, difference) => {
    const result = compareValues(current, comparison, polarity, precision);
    expect(result.direction).toBe(direction);
    expect(result.difference).toBe(difference);
  });

  it('labels directions in words', () => {
    expect(compareValues(80, 75, 'higher_is_better', 1).label).toBe('Improving');
    expect(compareValues(70, 75, 'higher_is_better', 1).label).toBe('Worsening');
    expect(compareValues(80, 75, 'none', 1).label).toBe('Increasing');
    expect(compareValues(70, 75, 'none', 1).label).toBe('Decreasing');
    expect(compareValues(75, 75, 'none', 1).label).toBe('No change');
    expect(compareValues(null, 75, 'none', 1).label).toBe('Not available');
  });

  it('is not available without both figures', () => {
    expect(compareValues(80, null, 'higher_is_better', 1)).toEqual({
      direction: 'not_available',
      label: 'Not available',
      comparisonValue: null,
      difference: null,
    });
    expect(compareValues(null, 74.96, 'higher_is_better', 1)).toEqual({
      direction: 'not_available',
      label: 'Not available',
      comparisonValue: 75,
      difference: null,
    });
  });

  it('polarity mirrors and the difference is a whole number of display steps (property)', () => {
    const v = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(v, v, fc.integer({ min: 0, max: 3 }), (a, b, p) => {
        const up = compareValues(a, b, 'higher_is_better', p);
        const down = compareValues(a, b, 'lower_is_better', p);
        const none = compareValues(a, b, 'none', p);
        const mirror = { improving: 'worsening', worsening: 'improving', no_change: 'no_change' } as const;
        expect(down.direction).toBe(mirror[up.direction as keyof typeof mirror]);
        expect(up.difference).toBe(none.difference);
        const steps = (up.difference ?? 0) * 10 ** p;
        expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-6);
        expect(up.direction === 'no_change').toBe(up.difference === 0);
        if (up.difference !== 0) expect(Math.abs(up.difference ?? 0)).toBeGreaterThanOrEqual(10 ** -p * (1 - 1e-9));
      }),
    );
  });
});

describe('directionOfTravel', () => {
  // April 2020 … March 2021 at 70, then April 2021 at 80.
  const values = [
    ...monthRange('2020-04', '2021-03').map((month) => ({ month, value: 70 })),
    { month: '2021-04', value: 80 },
  ];

  it('compares with the previous month, the same month last year and the previous 12-month average', () => {
    const withLastApril = values.map((v) => (v.month === '2020-04' ? { ...v, value: 90 } : v));
    const result = directionOfTravel({
      month: '2021-04',
      values: withLastApril,
      polarity: 'higher_is_better',
      precision: 1,
    });
    expect(result.current).toBe(80);
    expect(result.previousMonth).toMatchObject({
      month: '2021-03',
      direction: 'improving',
      comparisonValue: 70,
      difference: 10,
    });
    expect(result.sameMonthLastYear).toMatchObject({
      month: '2020-04',
      direction: 'worsening',
      comparisonValue: 90,
      difference: -10,
    });
    // (90 + 11 × 70) / 12 = 71.666… → 71.7
    expect(result.previous12MonthAverage).toMatchObject({
      from: '2020-04',
      to: '2021-03',
      monthsUsed: 12,
      direction: 'improving',
      comparisonValue: 71.7,
      difference: 8.3,
    });
  });

  it('crosses the financial year end: April is compared with March', () => {
    const result = directionOfTravel({ month: '2021-04', values, polarity: 'lower_is_better', precision: 0 });
    expect(result.previousMonth.month).toBe('2021-03');
    expect(result.previousMonth.direction).toBe('worsening');
  });

  // PI12 (cumulative from April) read "Worsening" from 93.0 (March, twelve months) to 91.6 (April, one).
  it.each([
    ['2021-04', 'not_available', 'not_available'],
    ['2021-05', 'improving', 'not_available'],
  ] as const)(
    'a year-to-date figure in %s: previous month %s, 12-month average %s; the same month last year stays',
    (month, previous, average) => {
      const ytd = [...values, { month: '2021-05', value: 85 }, { month: '2020-05', value: 60 }].filter(
        (v, i, all) => all.findIndex((w) => w.month === v.month) === i,
      );
      const result = directionOfTravel({
        month,
        values: ytd,
        polarity: 'higher_is_better',
        precision: 1,
        cumulativeFromApril: true,
      });
      expect(result.previousMonth.direction).toBe(previous);
      expect(result.previous12MonthAverage.direction).toBe(average);
      expect(result.sameMonthLastYear.direction).not.toBe('not_available');
    },
  );

  it('is not available where a comparison point is missing', () => {
    const gappy = values.filter((v) => v.month !== '2021-03' && v.month !== '2020-04');
    const result = directionOfTravel({ month: '2021-04', values: gappy, polarity: 'higher_is_better', precision: 1 });
    expect(result.previousMonth).toMatchObject({ direction: 'not_available', comparisonValue: null, difference: null });
    expect(result.sameMonthLastYear.direction).toBe('not_available');
    expect(result.previous12MonthAverage).toMatchObject({ direction: 'not_available', monthsUsed: 0 });
    const lenient = directionOfTravel({
      month: '2021-04',
      values: gappy,
      polarity: 'higher_is_better',
      precision: 1,
      minimumMonthsForAverage: 10,
    });
    expect(lenient.previous12MonthAverage).toMatchObject({
      direction: 'improving',
      monthsUsed: 10,
      comparisonValue: 70,
    });
  });

  it('treats a null value as missing, and a missing current figure makes everything unavailable', () => {
    const nulls = values.map((v) => (v.month === '2021-04' ? { ...v, value: null } : v));
    const result = directionOfTravel({ month: '2021-04', values: nulls, polarity: 'none', precision: 1 });
    expect(result.current).toBeNull();
    expect(result.previousMonth.direction).toBe('not_available');
    expect(result.previousMonth.comparisonValue).toBe(70);
    expect(result.previous12MonthAverage.direction).toBe('not_available');
  });

  it('rejects duplicates and bad options', () => {
    expect(() =>
      directionOfTravel({
        month: '2021-04',
        values: [...values, { month: '2021-04', value: 1 }],
        polarity: 'none',
        precision: 1,
      }),
    ).toThrow(/Two values/);
    expect(() =>
      directionOfTravel({ month: '2021-04', values, polarity: 'none', precision: 1, minimumMonthsForAverage: 13 }),
    ).toThrow(RangeError);
  });

  it('a flat series never moves (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 0, max: 2 }), (x, p) => {
        const flat = monthRange('2019-01', '2021-01').map((month) => ({ month, value: x }));
        const result = directionOfTravel({
          month: addMonths('2021-01', 0),
          values: flat,
          polarity: 'higher_is_better',
          precision: p,
        });
        expect(result.previousMonth.direction).toBe('no_change');
        expect(result.sameMonthLastYear.direction).toBe('no_change');
        expect(result.previous12MonthAverage.direction).toBe('no_change');
      }),
    );
  });
});
