import { describe, expect, it } from 'vitest';
import { formatUkDateTime, nextDate, ukDate, ukDayStart } from './ukTime';

describe('UK time', () => {
  it.each([
    ['2021-03-27T23:30:00Z', '2021-03-27', '27 March 2021 at 23:30'], // GMT
    ['2021-03-28T23:30:00Z', '2021-03-29', '29 March 2021 at 00:30'], // BST began that day
    ['2021-10-31T00:30:00Z', '2021-10-31', '31 October 2021 at 01:30'],
  ])('%s is %s, %s', (iso, date, words) => {
    expect(ukDate(new Date(iso))).toBe(date);
    expect(formatUkDateTime(iso)).toBe(words);
  });

  it('returns an unreadable instant as it came', () => {
    expect(formatUkDateTime('soon')).toBe('soon');
  });
});

describe('ukDayStart: when a UK day begins', () => {
  it.each([
    ['2025-01-15', '2025-01-15T00:00:00.000Z'], // GMT
    ['2025-07-01', '2025-06-30T23:00:00.000Z'], // BST
    ['2025-03-30', '2025-03-30T00:00:00.000Z'], // clocks go forward at 01:00 GMT that day
    ['2025-10-26', '2025-10-25T23:00:00.000Z'], // clocks go back at 01:00 GMT that day
  ])('%s begins at %s', (date, iso) => {
    expect(ukDayStart(date).toISOString()).toBe(iso);
  });

  it('gives the next calendar date across month and year ends', () => {
    expect(nextDate('2024-02-28')).toBe('2024-02-29');
    expect(nextDate('2025-02-28')).toBe('2025-03-01');
    expect(nextDate('2025-12-31')).toBe('2026-01-01');
  });
});
