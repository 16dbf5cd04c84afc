import { describe, expect, it } from 'vitest';
import type { AggregateMethod, MeasureType, Unit } from '../contracts/enums';
import type { MonthlyComponents } from './aggregation';
import { monthRange } from './periods';
import { aggregateForView, aggregateMethod } from './viewAggregate';

const YEAR = monthRange('2022-04', '2023-03');

describe('aggregateMethod: every measure type × view', () => {
  const table: Array<[MeasureType, Unit, 'fytd' | 'rolling12', AggregateMethod]> = [
    ['flow', 'count', 'fytd', 'sum'],
    ['flow', 'count', 'rolling12', 'sum'],
    ['flow', 'percent', 'fytd', 'ratio_of_sums'],
    ['flow', 'percent', 'rolling12', 'ratio_of_sums'],
    ['flow', 'rate_per_10k', 'rolling12', 'ratio_of_sums'],
    ['flow', 'average', 'fytd', 'ratio_of_sums'],
    ['snapshot', 'count', 'fytd', 'average_of_month_end'],
    ['snapshot', 'count', 'rolling12', 'average_of_month_end'],
    ['snapshot', 'percent', 'fytd', 'average_of_month_end'],
    ['snapshot', 'rate_per_10k', 'rolling12', 'average_of_month_end'],
    ['snapshot', 'average', 'fytd', 'average_of_month_end'],
    ['snapshot', 'money', 'rolling12', 'average_of_month_end'],
    ['cumulative_fytd', 'percent', 'fytd', 'reported'],
    ['cumulative_fytd', 'percent', 'rolling12', 'not_applicable'],
    ['rolling_12m', 'rate_per_10k', 'rolling12', 'reported'],
    ['rolling_12m', 'rate_per_10k', 'fytd', 'not_applicable'],
  ];
  it.each(table)('%s %s, %s → %s', (measureType, unit, view, method) => {
    expect(aggregateMethod(view, { measureType, unit })).toBe(method);
  });
});

describe('aggregateForView: values, labels and rating', () => {
  // PI5 (children unallocated > 5 days, a month-end count): positions near 10, never summed.
  const pi5: MonthlyComponents[] = YEAR.map((month, i) => ({
    month,
    value: [12, 14, 11, 9, 15, 13, 16, 14, 12, 14, 14, 10][i],
  }));

  it('a month-end count is the average of positions, labelled, and not rated', () => {
    const fytd = aggregateForView(pi5, '2023-03', 'fytd', { measureType: 'snapshot', unit: 'count' });
    expect(fytd.value).toBeCloseTo(154 / 12, 9); // 12.8, not the sum 154
    expect(fytd.method).toBe('average_of_month_end');
    expect(fytd.methodWords).toBe('Average of the 12 month-end positions, April 2022 to March 2023');
    expect(fytd.rated).toBe(false);
    expect(fytd.ratingNote).toMatch(/single month-end position/);
    const rolling = aggregateForView(pi5, '2023-01', 'rolling12', {
      measureType: 'snapshot',
      unit: 'count',
    });
    expect(rolling.value).toBeNull(); // February 2022 onwards missing
    expect(rolling.reason).toMatch(/average of month-end positions.*February 2022/);
  });

  it('a snapshot rate per 10,000 is averaged (not re-derived from summed counts)', () => {
    const rows = YEAR.slice(0, 3).map((month, i) => ({
      month,
      value: [50, 52, 54][i],
      numerator: 300,
      denominator: 60000,
    }));
    const out = aggregateForView(rows, '2022-06', 'fytd', { measureType: 'snapshot', unit: 'rate_per_10k' });
    expect(out.value).toBe(52);
    // no counts behind an average of positions, so nothing for an interval to be built from
    expect(out).toMatchObject({ numerator: null, denominator: null });
  });

  it.each([
    ['percent', [60, 61.5, 62]],
    ['rate_per_10k', [55.5, 60, 64.5]],
    ['count', [10, 12, 14]],
  ] as const)(
    'an average of month-end %s positions carries no counts, whatever the values add up to',
    (unit, values) => {
      const rows = YEAR.slice(0, 3).map((month, i) => ({ month, value: values[i]!, numerator: 30, denominator: 50 }));
      const out = aggregateForView(rows, '2022-06', 'fytd', { measureType: 'snapshot', unit });
      expect(out.method).toBe('average_of_month_end');
      expect(out.value).toBeCloseTo((values[0] + values[1] + values[2]) / 3, 9);
      expect(out).toMatchObject({ numerator: null, denominator: null });
    },
  );

  it('a flow of counts is summed, unrated', () => {
    const rows = YEAR.map((month) => ({ month, value: 100 }));
    const out = aggregateForView(rows, '2022-06', 'fytd', { measureType: 'flow', unit: 'count' });
    expect(out).toMatchObject({ value: 300, method: 'sum', rated: false });
    expect(out.methodWords).toBe('Sum of the 3 monthly counts, April 2022 to June 2022');
  });

  it('a percentage of a flow is Σnumerators ÷ Σdenominators, rated against the bands', () => {
    const rows = [
      { month: '2022-04', numerator: 1, denominator: 2 },
      { month: '2022-05', numerator: 90, denominator: 100 },
    ];
    const out = aggregateForView(rows, '2022-05', 'fytd', { measureType: 'flow', unit: 'percent' });
    expect(out.value).toBeCloseTo((91 * 100) / 102, 10);
    expect(out).toMatchObject({ method: 'ratio_of_sums', rated: true, ratingNote: null });
  });

  it('a cumulative-from-April KPI (PI12) is read, not re-added; its rolling view is not calculated', () => {
    const rows = [
      { month: '2022-04', value: 80, numerator: 8, denominator: 10 },
      { month: '2022-05', value: 85, numerator: 17, denominator: 20 },
    ];
    const shape = { measureType: 'cumulative_fytd', unit: 'percent' } as const;
    expect(aggregateForView(rows, '2022-05', 'fytd', shape)).toMatchObject({
      value: 85,
      method: 'reported',
      rated: true,
    });
    const rolling = aggregateForView(rows, '2022-05', 'rolling12', shape);
    expect(rolling).toMatchObject({ value: null, method: 'not_applicable', rated: false });
    expect(rolling.reason).toMatch(/count them again/);
  });

  it('a rolling 12-month KPI is read in its rolling view; no year-to-date figure', () => {
    const rows = [{ month: '2022-05', value: 400 }];
    const shape = { measureType: 'rolling_12m', unit: 'rate_per_10k' } as const;
    expect(aggregateForView(rows, '2022-05', 'rolling12', shape)).toMatchObject({ value: 400, method: 'reported' });
    expect(aggregateForView(rows, '2022-05', 'fytd', shape)).toMatchObject({ value: null, method: 'not_applicable' });
  });
});
