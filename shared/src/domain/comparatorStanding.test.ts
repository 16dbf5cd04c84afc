import { describe, expect, it } from 'vitest';
import { comparatorStanding, standingInWords } from './comparatorStanding';

describe('comparatorStanding', () => {
  it.each([
    // value, comparator, polarity, precision, relation, position
    [156.6, 222, 'none', 1, 'below', 'not_comparable'], // S47 rate: below, but not "better"
    [44.6, 54.5, 'lower_is_better', 1, 'below', 'better'], // CP rate below neighbours
    [80, 84.4, 'higher_is_better', 1, 'below', 'worse'], // ICPC timeliness below the region
    [80.04, 80.0, 'higher_is_better', 1, 'same', 'same'], // compared as shown, to 1 dp
    [19, 19, 'lower_is_better', 0, 'same', 'same'],
    [24.9, 36.6, 'none', 1, 'below', 'not_comparable'],
    [820, 820, 'none', 0, 'same', 'same'],
    [null, 36.1, 'none', 1, 'not_available', 'not_comparable'],
    [27.9, null, 'none', 1, 'not_available', 'not_comparable'],
  ] as const)('%s against %s (%s, %i dp) is %s, %s', (value, comparator, polarity, precision, relation, position) => {
    expect(comparatorStanding(value, comparator, polarity, precision)).toEqual({ relation, position });
  });

  it('says it in words', () => {
    expect(standingInWords('below', 'the statistical-neighbour average', '36.1', '2023/24')).toBe(
      'below the statistical-neighbour average (36.1, 2023/24)',
    );
    expect(standingInWords('same', 'England', '19.0%', '2024')).toBe('the same as England (19.0%, 2024)');
  });
});
