import { describe, expect, it } from 'vitest';
import { MEDIAN_RULE_FLOOR, MEDIAN_RULE_MIN_MONTHS, median, medianAbsoluteDeviation, outlier } from './outliers';

const months = (values: number[]) =>
  values.map((value, i) => ({ month: `2020-${String(i + 1).padStart(2, '0')}`, value }));

describe('median', () => {
  it.each([
    // values, median
    [[], Number.NaN],
    [[7], 7],
    [[3, 1], 2],
    [[3, 1, 2], 2],
    [[5, 5, 5, 5], 5],
    [[10, 1, 4, 2], 3],
    [[-2, -4, 0], -2],
    [[0.1, 0.2], 0.15], // the mean of the middle two without floating-point noise
  ])('median(%j) is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('medianAbsoluteDeviation', () => {
  it.each([
    // values, MAD
    [[], Number.NaN],
    [[7], 0],
    [[4, 4, 4, 4], 0], // all equal: zero spread
    [[1, 2, 3, 4, 100], 1], // one wild value does not move it
    [[20, 21, 19, 20, 22, 20, 21], 1],
  ])('medianAbsoluteDeviation(%j) is %d', (values, expected) => {
    expect(medianAbsoluteDeviation(values)).toBe(expected);
  });
});

describe('outlier', () => {
  it.each([
    // value, previous figures, precision, flagged
    ['no history, no warning', 1000, [], 0, null],
    ['one month: within 50% of it', 14.9, [10], 1, null],
    [
      'one month: more than 50% from it',
      15.1,
      [10],
      1,
      { basis: 'previous', reference: 10, referenceMonth: '2020-01' },
    ],
    ['fewer than 6: against the latest', 4.9, [20, 10], 1, { basis: 'previous', reference: 10, count: 2 }],
    ['fewer than 6: a previous zero allows one step', 1, [0], 0, null],
    ['fewer than 6: a previous zero flags two steps', 2, [0], 0, { basis: 'previous', allowed: 1 }],
    ['6 or more: within 25% of the median', 24.9, [20, 21, 19, 20, 22, 20, 21], 2, null],
    [
      '6 or more: beyond 25% of the median',
      25.1,
      [20, 21, 19, 20, 22, 20, 21],
      2,
      { basis: 'median', reference: 20, count: 7 },
    ],
    ['a percentage typed as a fraction', 0.725, [72, 71, 74, 73, 70, 72], 1, { basis: 'median' }],
    ['all equal, zero MAD: a one-step change is allowed', 1, [0, 0, 0, 0, 0, 0], 0, null],
    ['all equal, zero MAD: a two-step change is flagged', 2, [0, 0, 0, 0, 0, 0], 0, { basis: 'median', allowed: 1 }],
    ['all equal, zero MAD: the 25% floor applies', 12.5, [10, 10, 10, 10, 10, 10], 1, null],
    ['all equal, zero MAD: beyond the 25% floor', 12.6, [10, 10, 10, 10, 10, 10], 1, { allowed: 2.5 }],
  ] as const)('%s', (_name, value, previous, precision, expected) => {
    const found = outlier(value, months([...previous]), precision);
    if (expected === null) expect(found).toBeNull();
    else expect(found).toMatchObject(expected);
  });

  it('the median rule starts at 6 earlier months, with a 25% floor', () => {
    expect(MEDIAN_RULE_MIN_MONTHS).toBe(6);
    expect(MEDIAN_RULE_FLOOR).toBe(0.25);
    expect(outlier(100, months([1, 1, 1, 1, 1]), 0)).toMatchObject({ basis: 'previous' });
    expect(outlier(100, months([1, 1, 1, 1, 1, 1]), 0)).toMatchObject({ basis: 'median' });
  });

  it('a wide spread widens the allowance to 3 robust standard deviations', () => {
    // median 20, MAD 10: allowed 3 × 1.4826 × 10 = 44.478
    const spread = months([10, 30, 10, 30, 20, 20]);
    expect(outlier(64, spread, 0)).toBeNull();
    expect(outlier(65, spread, 0)).toMatchObject({ basis: 'median', reference: 20 });
  });
});
