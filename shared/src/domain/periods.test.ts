import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  compareMonths,
  dateToMonth,
  dfeReportingYearRange,
  financialYearMonths,
  financialYearOf,
  financialYearStartMonth,
  isValidDate,
  isValidFinancialYear,
  isValidMonth,
  monthEndDate,
  monthRange,
  monthsBetween,
  monthToDate,
  nextFinancialYear,
  parseFinancialYear,
  quarterOf,
  workforceCensusMonth,
} from './periods';

const monthArb = fc
  .record({ year: fc.integer({ min: 1990, max: 2090 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

describe('financialYearOf', () => {
  it.each([
    ['2020-04', '2020-21'],
    ['2020-12', '2020-21'],
    ['2021-01', '2020-21'],
    ['2021-03', '2020-21'], // March is the last month of the year…
    ['2021-04', '2021-22'], // …and April starts the next
    ['2020-03', '2019-20'],
    ['1999-04', '1999-00'],
    ['2000-03', '1999-00'],
    ['2009-04', '2009-10'],
    ['2008-06', '2008-09'],
  ])('%s is in %s', (month, fy) => {
    expect(financialYearOf(month)).toBe(fy);
  });

  it.each(['2020-4', '2020-13', '2020-00', '20-04', '2020-04-01', '', 'April 2020'])('rejects %j', (bad) => {
    expect(() => financialYearOf(bad)).toThrow(/YYYY-MM/);
  });

  it('financialYearOf(addMonths(m, 12)) is the next financial year (property)', () => {
    fc.assert(
      fc.property(monthArb, (m) => {
        expect(financialYearOf(addMonths(m, 12))).toBe(nextFinancialYear(financialYearOf(m)));
      }),
    );
  });

  it('each month is one of the 12 months of its financial year, which starts at its April (property)', () => {
    fc.assert(
      fc.property(monthArb, (m) => {
        const months = financialYearMonths(financialYearOf(m));
        expect(months).toHaveLength(12);
        expect(months).toContain(m);
        expect(months[0]).toBe(financialYearStartMonth(m));
        expect(months.every((x) => financialYearOf(x) === financialYearOf(m))).toBe(true);
      }),
    );
  });
});

describe('financial year helpers', () => {
  it.each([
    ['2020-04', '2020-04'],
    ['2021-03', '2020-04'],
    ['2021-04', '2021-04'],
    ['2020-01', '2019-04'],
  ])('financialYearStartMonth(%s) = %s', (month, start) => {
    expect(financialYearStartMonth(month)).toBe(start);
  });

  it('lists April to March', () => {
    expect(financialYearMonths('2020-21')).toEqual([
      '2020-04',
      '2020-05',
      '2020-06',
      '2020-07',
      '2020-08',
      '2020-09',
      '2020-10',
      '2020-11',
      '2020-12',
      '2021-01',
      '2021-02',
      '2021-03',
    ]);
    expect(financialYearMonths('1999-00').at(-1)).toBe('2000-03');
  });

  it.each([
    ['2020-21', true],
    ['1999-00', true],
    ['2020-22', false],
    ['2020/21', false],
    ['2020-2021', false],
    [2020, false],
  ])('isValidFinancialYear(%j) = %s', (fy, ok) => {
    expect(isValidFinancialYear(fy)).toBe(ok);
  });

  it('parses and steps labels', () => {
    expect(parseFinancialYear('2020-21')).toBe(2020);
    expect(nextFinancialYear('1999-00')).toBe('2000-01');
    expect(() => parseFinancialYear('2020-22')).toThrow(/financial year/);
  });
});

describe('months', () => {
  it.each([
    ['2020-04', 1, '2020-05'],
    ['2020-12', 1, '2021-01'],
    ['2021-01', -1, '2020-12'],
    ['2020-03', 12, '2021-03'],
    ['2020-03', -15, '2018-12'],
    ['2020-03', 0, '2020-03'],
    ['2020-03', 120, '2030-03'],
  ])('addMonths(%s, %i) = %s', (month, n, expected) => {
    expect(addMonths(month, n)).toBe(expected);
  });

  it('rejects fractional steps', () => {
    expect(() => addMonths('2020-01', 1.5)).toThrow(RangeError);
  });

  it('monthRange is inclusive and empty when reversed', () => {
    expect(monthRange('2020-11', '2021-02')).toEqual(['2020-11', '2020-12', '2021-01', '2021-02']);
    expect(monthRange('2020-11', '2020-11')).toEqual(['2020-11']);
    expect(monthRange('2021-02', '2020-11')).toEqual([]);
  });

  it('compareMonths orders across years', () => {
    expect(compareMonths('2020-12', '2021-01')).toBeLessThan(0);
    expect(compareMonths('2021-01', '2020-12')).toBeGreaterThan(0);
    expect(compareMonths('2021-01', '2021-01')).toBe(0);
    const months = ['2021-01', '2020-12', '2020-02'];
    expect([...months].sort(compareMonths)).toEqual(['2020-02', '2020-12', '2021-01']);
  });

  it('addMonths and monthRange agree (property)', () => {
    fc.assert(
      fc.property(monthArb, fc.integer({ min: -60, max: 60 }), (m, n) => {
        const later = addMonths(m, n);
        expect(addMonths(later, -n)).toBe(m);
        expect(monthsBetween(m, later)).toBe(n);
        expect(Math.sign(compareMonths(later, m))).toBe(Math.sign(n));
        if (n >= 0) {
          const range = monthRange(m, later);
          expect(range).toHaveLength(n + 1);
          expect(range[0]).toBe(m);
          expect(range.at(-1)).toBe(later);
        }
      }),
    );
  });

  it.each([
    ['2020-04', true],
    ['2020-12', true],
    ['2020-13', false],
    ['2020-00', false],
    ['2020-4', false],
    [' 2020-04', false],
    [202004, false],
    [null, false],
  ])('isValidMonth(%j) = %s', (s, ok) => {
    expect(isValidMonth(s)).toBe(ok);
  });

  it.each([
    ['2020-02-29', true],
    ['2021-02-29', false],
    ['2021-04-31', false],
    ['2021-12-31', true],
    ['2021-1-01', false],
  ])('isValidDate(%j) = %s', (s, ok) => {
    expect(isValidDate(s)).toBe(ok);
  });
});

describe('quarterOf', () => {
  it.each([
    ['2022-04', '2022-23 Q1'],
    ['2022-06', '2022-23 Q1'],
    ['2022-07', '2022-23 Q2'],
    ['2022-09', '2022-23 Q2'],
    ['2022-10', '2022-23 Q3'],
    ['2022-12', '2022-23 Q3'],
    ['2023-01', '2022-23 Q4'],
    ['2023-03', '2022-23 Q4'],
    ['2023-04', '2023-24 Q1'],
  ])('%s is %s', (month, quarter) => {
    expect(quarterOf(month)).toBe(quarter);
  });
});

describe('dates', () => {
  it('converts months to first days and back', () => {
    expect(monthToDate('2020-04')).toBe('2020-04-01');
    expect(dateToMonth('2020-04-01')).toBe('2020-04');
    expect(dateToMonth('2020-04-30T23:00:00.000Z')).toBe('2020-04');
    expect(dateToMonth('2021-03-31 00:00:00')).toBe('2021-03');
    expect(dateToMonth(new Date('2020-04-01T00:00:00Z'))).toBe('2020-04');
    expect(monthEndDate('2020-02')).toBe('2020-02-29');
    expect(monthEndDate('2021-02')).toBe('2021-02-28');
    expect(monthEndDate('2021-09')).toBe('2021-09-30');
  });

  it.each(['2020-04', '2020-13-01', '2021-02-30', '01/04/2020', '2020-04-01x'])('dateToMonth rejects %j', (bad) => {
    expect(() => dateToMonth(bad)).toThrow(/YYYY-MM-DD/);
  });

  it('rejects an invalid Date', () => {
    expect(() => dateToMonth(new Date('nonsense'))).toThrow(/invalid Date/);
  });
});

describe('DfE periods', () => {
  it.each([
    [2020, '2019-04', '2020-03'],
    ['2020', '2019-04', '2020-03'],
    ['201920', '2019-04', '2020-03'],
    ['2019/20', '2019-04', '2020-03'],
    ['2019-20', '2019-04', '2020-03'],
    [2025, '2024-04', '2025-03'],
    ['199900', '1999-04', '2000-03'],
  ])('reporting year %j covers %s to %s', (period, from, to) => {
    expect(dfeReportingYearRange(period)).toEqual({ from, to });
  });

  it.each(['201921', '2019/21', '20', 'Reporting year 2020', ''])('rejects %j', (bad) => {
    expect(() => dfeReportingYearRange(bad)).toThrow(/DfE/);
  });

  it('a DfE year ends in the March of its financial year', () => {
    const { from, to } = dfeReportingYearRange(2021);
    expect(financialYearOf(from)).toBe('2020-21');
    expect(financialYearOf(to)).toBe('2020-21');
  });

  it('workforce figures are the position at 30 September of the time_period year', () => {
    // csww_indicators_2017_to_2025.csv: Sandwell 2020 vacancy rate 26.0% is the position at 30 September 2020.
    expect(workforceCensusMonth(2020)).toBe('2020-09');
    expect(workforceCensusMonth('2025')).toBe('2025-09');
    expect(() => workforceCensusMonth('2019/20')).toThrow(/workforce/);
  });
});
