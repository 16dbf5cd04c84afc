import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, compareMonths } from './periods';
import { defaultSeriesFrom } from './seriesRange';

describe('defaultSeriesFrom', () => {
  it.each([
    // to, first figure, months → from
    ['2025-07', '2018-04', 36, '2022-08'], // a long series: three years
    ['2025-07', '2022-08', 36, '2022-08'], // first figure exactly three years back
    ['2025-07', '2022-09', 36, '2022-09'], // one month short of three years: from the first figure
    ['2025-07', '2024-04', 36, '2024-04'], // a KPI new in April 2024
    ['2025-07', '2025-07', 36, '2025-07'], // one figure, in the month asked for
    ['2025-07', '2025-08', 36, '2022-08'], // first figure after the range: the plain window
    ['2025-07', null, 36, '2022-08'], // no figure at all
    ['2025-01', '2024-04', 12, '2024-04'],
    ['2025-01', '2023-04', 12, '2024-02'],
  ])('to %s, first figure %s, %i months: from %s', (to, first, months, expected) => {
    expect(defaultSeriesFrom(to, first, months)).toBe(expected);
  });

  const month = fc
    .record({ year: fc.integer({ min: 2000, max: 2040 }), month: fc.integer({ min: 1, max: 12 }) })
    .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

  it('never starts after the end, before the window, or before the first figure when it is in range', () => {
    fc.assert(
      fc.property(month, fc.option(month, { nil: null }), fc.integer({ min: 1, max: 120 }), (to, first, months) => {
        const from = defaultSeriesFrom(to, first, months);
        expect(compareMonths(from, to)).toBeLessThanOrEqual(0);
        expect(compareMonths(from, addMonths(to, -(months - 1)))).toBeGreaterThanOrEqual(0);
        if (first !== null && compareMonths(first, to) <= 0) {
          expect(compareMonths(from, first)).toBeGreaterThanOrEqual(0);
          // and it does not cut the range short of the first figure when that is within the window
          if (compareMonths(first, addMonths(to, -(months - 1))) >= 0) expect(from).toBe(first);
        }
      }),
    );
  });
});
