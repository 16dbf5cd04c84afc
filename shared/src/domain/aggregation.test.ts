import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { financialYearToDate, type MonthlyComponents, ratioScale, rolling12Months } from './aggregation';
import { addMonths, financialYearStartMonth, monthRange } from './periods';

const months2020 = monthRange('2020-04', '2021-03');

describe('financialYearToDate', () => {
  it('a cumulative percentage (PI12) sums numerators and denominators from April — it does not average percentages', () => {
    const rows: MonthlyComponents[] = [
      { month: '2020-04', numerator: 1, denominator: 2 }, // 50%
      { month: '2020-05', numerator: 90, denominator: 100 }, // 90%
    ];
    const result = financialYearToDate(rows, '2020-05', 'percent');
    expect(result.value).toBeCloseTo((91 / 102) * 100, 10); // 89.2%, not the 70% a mean of percentages gives
    expect(result.numerator).toBe(91);
    expect(result.denominator).toBe(102);
    expect(result.from).toBe('2020-04');
    expect(result.months).toEqual(['2020-04', '2020-05']);
    expect(result.reason).toBeNull();
  });

  it('restarts in April: March includes the whole year, April only itself', () => {
    const rows = [...months2020, '2021-04'].map((month, i) => ({ month, numerator: i + 1, denominator: 20 }));
    const march = financialYearToDate(rows, '2021-03', 'percent');
    expect(march.numerator).toBe(78); // 1 + … + 12
    expect(march.denominator).toBe(240);
    expect(march.value).toBe(32.5);
    const april = financialYearToDate(rows, '2021-04', 'percent');
    expect(april.months).toEqual(['2021-04']);
    expect(april.value).toBe(65); // 13 / 20
  });

  it('multiplies before dividing so exact halves stay exact', () => {
    const result = financialYearToDate([{ month: '2020-04', numerator: 115, denominator: 200 }], '2020-04', 'percent');
    expect(result.value).toBe(57.5);
  });

  it('says which months lack a numerator and denominator instead of guessing', () => {
    const rows: MonthlyComponents[] = [
      { month: '2020-04', numerator: 8, denominator: 10 },
      { month: '2020-05', value: 85, numerator: null, denominator: null },
      { month: '2020-07', numerator: 8, denominator: 10 },
    ];
    const result = financialYearToDate(rows, '2020-07', 'percent');
    expect(result.value).toBeNull();
    expect(result.missingMonths).toEqual(['2020-05', '2020-06']);
    expect(result.reason).toBe(
      'The year-to-date figure cannot be calculated because May 2020 and June 2020 have no numerator and denominator (only 2 of 4 months are complete, and monthly figures are not averaged).',
    );
  });

  it('a zero denominator gives no value, with a reason', () => {
    const result = financialYearToDate([{ month: '2020-04', numerator: 0, denominator: 0 }], '2020-04', 'percent');
    expect(result.value).toBeNull();
    expect(result.reason).toMatch(/denominator is zero/);
  });

  it('counts are summed from April', () => {
    const rows = months2020.map((month) => ({ month, value: 100 }));
    expect(financialYearToDate(rows, '2020-06', 'count').value).toBe(300);
    expect(financialYearToDate(rows, '2021-03', 'count').value).toBe(1200);
    const gap = financialYearToDate(
      rows.filter((r) => r.month !== '2020-05'),
      '2020-06',
      'count',
    );
    expect(gap.value).toBeNull();
    expect(gap.reason).toBe(
      'The year-to-date figure cannot be calculated because May 2020 has no figure (only 2 of 3 months are present).',
    );
  });

  it('scales by unit', () => {
    expect(ratioScale('percent')).toBe(100);
    expect(ratioScale('rate_per_10k')).toBe(10_000);
    expect(ratioScale('average')).toBe(1);
    expect(ratioScale('days')).toBe(1);
    expect(ratioScale('money')).toBe(1);
    expect(ratioScale('count')).toBeNull();
    // An average caseload: Σcases ÷ ΣFTE (SAAT April 2020 from caseloads-2020-21.csv: 524 ÷ 23.80 = 22.02).
    expect(
      financialYearToDate([{ month: '2020-04', numerator: 524, denominator: 23.8 }], '2020-04', 'average').value,
    ).toBeCloseTo(22.016806, 5);
  });
});

describe('rolling12Months', () => {
  it('sums 12 months of flows ending with the month', () => {
    const rows = monthRange('2019-04', '2021-03').map((month, i) => ({ month, value: i }));
    const result = rolling12Months(rows, '2021-03', 'count');
    expect(result.from).toBe('2020-04');
    expect(result.to).toBe('2021-03');
    expect(result.value).toBe(12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20 + 21 + 22 + 23);
  });

  it('uses Σnumerator ÷ Σdenominator for ratios', () => {
    const rows = months2020.map((month, i) => ({ month, numerator: i === 0 ? 10 : 1, denominator: i === 0 ? 10 : 4 }));
    expect(rolling12Months(rows, '2021-03', 'percent').value).toBeCloseTo(((10 + 11) * 100) / (10 + 44), 10);
  });

  it('is null, with a reason, when fewer than 12 months are present', () => {
    const rows = months2020.slice(1).map((month) => ({ month, value: 5 }));
    const result = rolling12Months(rows, '2021-03', 'count');
    expect(result.value).toBeNull();
    expect(result.missingMonths).toEqual(['2020-04']);
    expect(result.reason).toBe(
      'The rolling 12-month figure cannot be calculated because April 2020 has no figure (only 11 of 12 months are present).',
    );
  });

  it('rejects duplicate months', () => {
    expect(() =>
      rolling12Months(
        [
          { month: '2020-04', value: 1 },
          { month: '2020-04', value: 2 },
        ],
        '2020-04',
        'count',
      ),
    ).toThrow(/Two rows/);
  });
});

describe('aggregation invariants (property)', () => {
  const monthArb = fc.integer({ min: 0, max: 35 }).map((i) => addMonths('2019-04', i));
  const parts = fc.record({ numerator: fc.integer({ min: 0, max: 500 }), extra: fc.integer({ min: 1, max: 500 }) });
  const fullSeries = fc.array(parts, { minLength: 48, maxLength: 48 }).map((ps) =>
    ps.map(({ numerator, extra }, i) => ({
      month: addMonths('2018-04', i),
      numerator,
      denominator: numerator + extra,
    })),
  );

  it('FYTD lies between the lowest and highest monthly percentage, and equals the month itself in April', () => {
    fc.assert(
      fc.property(fullSeries, monthArb, (rows, month) => {
        const result = financialYearToDate(rows, month, 'percent');
        const window = rows.filter((r) => r.month >= financialYearStartMonth(month) && r.month <= month);
        const ratios = window.map((r) => (r.numerator * 100) / r.denominator);
        expect(result.value).not.toBeNull();
        expect(result.value as number).toBeGreaterThanOrEqual(Math.min(...ratios) - 1e-9);
        expect(result.value as number).toBeLessThanOrEqual(Math.max(...ratios) + 1e-9);
        if (month.endsWith('-04')) expect(result.value).toBeCloseTo(ratios[0] as number, 9);
        expect(result.months).toHaveLength(window.length);
      }),
    );
  });

  it('FYTD numerator grows by each month within a year and restarts in April', () => {
    fc.assert(
      fc.property(fullSeries, monthArb, (rows, month) => {
        const here = financialYearToDate(rows, month, 'percent');
        const row = rows.find((r) => r.month === month);
        if (month.endsWith('-04')) {
          expect(here.numerator).toBe(row?.numerator);
        } else {
          const before = financialYearToDate(rows, addMonths(month, -1), 'percent');
          expect(here.numerator).toBe((before.numerator ?? 0) + (row?.numerator ?? 0));
          expect(here.denominator).toBe((before.denominator ?? 0) + (row?.denominator ?? 0));
        }
      }),
    );
  });

  it('rolling 12 months: counts sum, and a constant ratio stays that ratio', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        monthArb,
        (counts, n, d, month) => {
          const window = monthRange(addMonths(month, -11), month);
          const countRows = window.map((m, i) => ({ month: m, value: counts[i] ?? 0 }));
          expect(rolling12Months(countRows, month, 'count').value).toBe(counts.reduce((a, b) => a + b, 0));
          const ratioRows = window.map((m, i) => ({
            month: m,
            numerator: n * (i + 1),
            denominator: (n + d) * (i + 1),
          }));
          expect(rolling12Months(ratioRows, month, 'percent').value).toBeCloseTo((n * 100) / (n + d), 9);
          // Dropping any one month makes it unavailable.
          expect(rolling12Months(countRows.slice(1), month, 'count').value).toBeNull();
        },
      ),
    );
  });
});
