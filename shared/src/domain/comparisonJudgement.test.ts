import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparisonJudgement } from './comparisonJudgement';

describe('comparisonJudgement', () => {
  it.each([
    // value, comparator, polarity, precision, judgement
    [80, 70, 'higher_is_better', 1, 'better'],
    [60, 70, 'higher_is_better', 1, 'worse'],
    [80, 70, 'lower_is_better', 1, 'worse'],
    [60, 70, 'lower_is_better', 1, 'better'],
    [80, 70, 'none', 1, 'higher'],
    [60, 70, 'none', 1, 'lower'],
    [70, 70, 'higher_is_better', 1, 'similar'],
    [73.5, 70, 'higher_is_better', 1, 'similar'], // exactly 5% of 70
    [73.6, 70, 'higher_is_better', 1, 'better'], // just beyond 5%
    [66.5, 70, 'lower_is_better', 1, 'similar'],
    [66.4, 70, 'lower_is_better', 1, 'better'],
    [1, 0, 'higher_is_better', 0, 'similar'], // one display step from zero
    [2, 0, 'higher_is_better', 0, 'better'],
    [null, 70, 'higher_is_better', 1, 'not_compared'],
    [70, null, 'higher_is_better', 1, 'not_compared'],
  ] as const)('%s against %s (%s, %i dp) → %s', (value, comparator, polarity, precision, judgement) => {
    expect(comparisonJudgement(value, comparator, polarity, precision)).toBe(judgement);
  });

  it('takes a narrower or wider band when told', () => {
    expect(comparisonJudgement(71, 70, 'higher_is_better', 1, 0)).toBe('better');
    expect(comparisonJudgement(80, 70, 'higher_is_better', 1, 0.2)).toBe('similar');
    expect(() => comparisonJudgement(80, 70, 'higher_is_better', 1, -1)).toThrow(RangeError);
  });

  it('swapping polarity swaps better and worse, and never changes "similar"', () => {
    const opposite = { better: 'worse', worse: 'better', similar: 'similar' } as const;
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: -100000, max: 100000 }), (a, b) => {
        const higher = comparisonJudgement(a / 10, b / 10, 'higher_is_better', 1);
        const lower = comparisonJudgement(a / 10, b / 10, 'lower_is_better', 1);
        expect(higher === 'better' || higher === 'worse' || higher === 'similar').toBe(true);
        expect(lower).toBe(opposite[higher as keyof typeof opposite]);
      }),
    );
  });
});
