import { describe, expect, it } from 'vitest';
import { formatUkDateTime, ukDate } from './ukTime';

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
