import { describe, expect, it } from 'vitest';
import { SUPPRESSION_SYMBOLS } from '../contracts/enums';
import {
  formatDate,
  formatDifference,
  formatFinancialYear,
  formatMonth,
  formatNumber,
  formatThresholdValue,
  formatValue,
  plural,
  symbolMeaning,
} from './format';

describe('formatValue', () => {
  it.each([
    // value, unit, precision, expected
    [75, 'percent', 1, '75.0%'],
    [74.96, 'percent', 1, '75.0%'],
    [74.94, 'percent', 1, '74.9%'],
    [75.05, 'percent', 1, '75.1%'],
    [1.005, 'percent', 2, '1.01%'],
    [100, 'percent', 0, '100%'],
    [-0.04, 'percent', 1, '0.0%'],
    [58.8, 'rate_per_10k', 1, '58.8 per 10,000'],
    [58.76, 'rate_per_10k', 1, '58.8 per 10,000'],
    [1234.5, 'rate_per_10k', 1, '1,234.5 per 10,000'],
    [27938, 'count', 0, '27,938'],
    [1234567, 'count', 0, '1,234,567'],
    [9, 'count', 0, '9'],
    [22.02, 'average', 2, '22.02'],
    [18.5, 'average', 2, '18.50'],
    [12, 'days', 0, '12 days'],
    [1, 'days', 0, '1 day'],
    [1, 'days', 1, '1.0 days'],
    [6508, 'money', 0, '£6,508'],
    [6508.456, 'money', 2, '£6,508.46'],
    [-250, 'money', 0, '-£250'],
  ] as const)('formats %s %s at %i dp as %j', (value, unit, precision, expected) => {
    expect(formatValue(value, unit, precision)).toBe(expected);
  });

  it.each([
    [58.8, 'rate_per_10k', 1, '58.8'],
    [12, 'days', 0, '12'],
    [75, 'percent', 1, '75.0%'],
    [6508, 'money', 0, '£6,508'],
    [27938, 'count', 0, '27,938'],
  ] as const)('short form of %s %s is %j', (value, unit, precision, expected) => {
    expect(formatValue(value, unit, precision, null, { short: true })).toBe(expected);
  });

  it('shows no data, and symbols as themselves, never as zero', () => {
    expect(formatValue(null, 'percent', 1)).toBe('No data');
    expect(formatValue(null, 'count', 0, 'c')).toBe('c');
    expect(formatValue(0, 'count', 0, 'low')).toBe('low');
    expect(formatValue(null, 'rate_per_10k', 1, 'x', { short: true })).toBe('x');
  });

  it('rejects a bad precision', () => {
    expect(() => formatValue(1, 'count', -1)).toThrow(RangeError);
  });

  it('formatNumber uses the same rounding', () => {
    expect(formatNumber(2.675, 2)).toBe('2.68');
    expect(formatNumber(1234.5, 0)).toBe('1,235');
  });

  it('formats thresholds with only the decimals they need', () => {
    expect(formatThresholdValue(75, 'percent')).toBe('75%');
    expect(formatThresholdValue(18.5, 'average')).toBe('18.5');
    expect(formatThresholdValue(65, 'rate_per_10k')).toBe('65 per 10,000');
    expect(formatThresholdValue(10, 'count')).toBe('10');
    expect(formatThresholdValue(1500, 'money')).toBe('£1,500');
  });
});

describe('symbolMeaning', () => {
  it('explains every symbol and none of them is zero', () => {
    for (const symbol of SUPPRESSION_SYMBOLS) {
      const meaning = symbolMeaning(symbol);
      expect(meaning.length).toBeGreaterThan(10);
    }
    expect(symbolMeaning('c')).toMatch(/confidential/i);
    expect(symbolMeaning('x')).toMatch(/not available/i);
    expect(symbolMeaning('z')).toMatch(/not applicable/i);
    expect(symbolMeaning('low')).toMatch(/not zero/i);
    expect(symbolMeaning('u')).toMatch(/reliab/i);
  });
});

describe('formatMonth and dates', () => {
  it.each([
    ['2021-03', 'March 2021', 'Mar 2021'],
    ['2020-09', 'September 2020', 'Sep 2020'],
    ['2020-04', 'April 2020', 'Apr 2020'],
    ['1999-12', 'December 1999', 'Dec 1999'],
  ])('%s is %s / %s', (month, long, short) => {
    expect(formatMonth(month)).toBe(long);
    expect(formatMonth(month, 'short')).toBe(short);
  });

  it('rejects bad months', () => {
    expect(() => formatMonth('2021-3')).toThrow(/YYYY-MM/);
  });

  it('formats dates and financial years', () => {
    expect(formatDate('2020-07-21')).toBe('21 July 2020');
    expect(formatDate('2021-09-30')).toBe('30 September 2021');
    expect(formatFinancialYear('2020-21')).toBe('2020/21');
    expect(() => formatDate('2021-02-29')).toThrow(/YYYY-MM-DD/);
  });
});

describe('formatDifference', () => {
  it.each([
    [2.5, 'percent', 1, '+2.5 percentage points'],
    [-1, 'percent', 1, '\u22121.0 percentage point'],
    [-19.14, 'rate_per_10k', 1, '\u221219.1 per 10,000'],
    [3, 'count', 0, '+3'],
    [0.004, 'average', 2, 'No change'],
    [-0.005, 'average', 2, '\u22120.01'],
    [1, 'days', 0, '+1 day'],
    [-250, 'money', 0, '\u2212£250'],
  ] as const)('%s %s at %i dp → %s', (difference, unit, precision, expected) => {
    expect(formatDifference(difference, unit, precision)).toBe(expected);
  });
});

describe('plural', () => {
  it.each([
    [0, 'row', undefined, '0 rows'],
    [1, 'row', undefined, '1 row'],
    [2, 'row', undefined, '2 rows'],
    [12345, 'row', undefined, '12,345 rows'],
    [1, 'child', 'children', '1 child'],
    [3, 'child', 'children', '3 children'],
    [-1, 'month', undefined, '-1 months'],
  ])('%i %s → %s', (n, one, many, expected) => {
    expect(plural(n, one, many)).toBe(expected);
  });
});
