import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ComparisonInput,
  comparatorStanding,
  compareWithComparator,
  comparisonJudgement,
  comparisonTestNote,
  councilInterval,
  standingInWords,
} from './comparison';
import type { ConfidenceInterval } from './intervals';

describe('compareWithComparator, value test (no interval: within 5% of the comparator is similar)', () => {
  const cases: Array<[string, ComparisonInput, string]> = [
    // PI2, CP rate per 10,000, lower is better: DfE 2023 38.8 against the neighbours' 47.9.
    [
      'lower is better, clearly lower',
      { council: 38.8, comparator: 47.9, polarity: 'lower_is_better', precision: 1 },
      'better',
    ],
    [
      'lower is better, clearly higher',
      { council: 53.9, comparator: 47.9, polarity: 'lower_is_better', precision: 1 },
      'worse',
    ],
    [
      'higher is better, clearly higher',
      { council: 90, comparator: 80, polarity: 'higher_is_better', precision: 1 },
      'better',
    ],
    [
      'higher is better, clearly lower',
      { council: 70, comparator: 80, polarity: 'higher_is_better', precision: 1 },
      'worse',
    ],
    [
      'exactly 5% away is similar',
      { council: 52.5, comparator: 50, polarity: 'higher_is_better', precision: 1 },
      'similar',
    ],
    ['just beyond 5% is not', { council: 52.6, comparator: 50, polarity: 'higher_is_better', precision: 1 }, 'better'],
    ['equal', { council: 12, comparator: 12, polarity: 'none', precision: 0 }, 'similar'],
    ['no polarity, higher', { council: 120, comparator: 100, polarity: 'none', precision: 0 }, 'higher'],
    ['no polarity, lower', { council: 80, comparator: 100, polarity: 'none', precision: 0 }, 'lower'],
    // Compared as shown: 78.84 and 78.76 both read 78.8.
    [
      'rounded to the shown precision first',
      { council: 78.84, comparator: 78.76, polarity: 'higher_is_better', precision: 1 },
      'similar',
    ],
    [
      'zero comparator: only equal is similar',
      { council: 0.1, comparator: 0, polarity: 'lower_is_better', precision: 1 },
      'worse',
    ],
  ];
  it.each(cases)('%s', (_name, input, verdict) => {
    expect(compareWithComparator(input).verdict).toBe(verdict);
  });

  it('says it in words, gives the shown difference and names the test', () => {
    const out = compareWithComparator({ council: 38.8, comparator: 47.9, polarity: 'lower_is_better', precision: 1 });
    expect(out).toEqual({
      verdict: 'better',
      difference: -9.1,
      phrase: 'better than',
      test: 'value',
      testNote:
        'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
    });
  });

  it('refuses to compare a missing figure', () => {
    expect(() =>
      compareWithComparator({ council: Number.NaN, comparator: 1, polarity: 'none', precision: 0 }),
    ).toThrow();
  });

  it('is antisymmetric: swapping the figures flips better/worse (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (a, b) => {
        const ab = compareWithComparator({ council: a, comparator: b, polarity: 'higher_is_better', precision: 0 });
        const ba = compareWithComparator({ council: b, comparator: a, polarity: 'higher_is_better', precision: 0 });
        if (ab.verdict === 'better') expect(ba.verdict).not.toBe('better');
        if (ab.verdict === 'worse') expect(ba.verdict).not.toBe('worse');
        expect(Math.sign(ab.difference)).toBe(-Math.sign(ba.difference) || 0);
      }),
    );
  });
});

describe('compareWithComparator, interval test (Fingertips: the council’s 95% interval against the comparator’s figure)', () => {
  const ci = (lower: number, upper: number): ConfidenceInterval => ({
    lower,
    upper,
    level: 0.95,
    method: 'wilson',
    lowReliability: false,
  });
  it.each([
    // lower, upper, comparator, polarity, verdict
    [60, 70, 50, 'higher_is_better', 'better'],
    [60, 70, 50, 'lower_is_better', 'worse'],
    [60, 70, 50, 'none', 'higher'],
    [30, 40, 50, 'higher_is_better', 'worse'],
    [30, 40, 50, 'lower_is_better', 'better'],
    [30, 40, 50, 'none', 'lower'],
    [40, 60, 50, 'higher_is_better', 'similar'],
    [50, 60, 50, 'higher_is_better', 'similar'], // touching is not above
    [40, 50, 50, 'lower_is_better', 'similar'], // touching is not below
  ] as const)('[%f, %f] against %f (%s) → %s', (lower, upper, comparator, polarity, verdict) => {
    const out = compareWithComparator({
      council: (lower + upper) / 2,
      comparator,
      polarity,
      precision: 1,
      interval: ci(lower, upper),
    });
    expect(out.verdict).toBe(verdict);
    expect(out.test).toBe('confidence_interval');
    expect(out.testNote).toBe('Compared by 95% confidence interval (Fingertips method)');
  });

  it('a wide interval (a small denominator) is similar where the value test would say better', () => {
    // 12 of 15 (80.0%) against 70.0%: 10 points above, but the Wilson interval is 54.8% to 93.0%.
    const base = { council: 80, comparator: 70, polarity: 'higher_is_better', precision: 1 } as const;
    expect(compareWithComparator(base)).toMatchObject({ verdict: 'better', test: 'value' });
    expect(compareWithComparator({ ...base, interval: councilInterval('percent', 12, 15) })).toMatchObject({
      verdict: 'similar',
      test: 'confidence_interval',
    });
    // 1,200 of 1,500 (80.0%): the interval, 77.9% to 81.9%, lies above 70.0%.
    expect(compareWithComparator({ ...base, interval: councilInterval('percent', 1200, 1500) }).verdict).toBe('better');
  });

  // An outside statistician's checks on Sandwell's DfE figures: by value each was better or worse,
  // by the council's 95% interval (from DfE's counts and the ONS population) each is similar.
  it.each([
    // what, unit, numerator, denominator, comparator, polarity, by value, lower, upper
    ['CP plans per 10,000, 2024, vs neighbours', 'rate_per_10k', 463, 87_056, 49.9, 'worse', 48.5, 58.3],
    ['CP plans per 10,000, 2022, vs England', 'rate_per_10k', 403, 84_907, 43.3, 'worse', 42.9, 52.3],
    ['CP plans per 10,000, 2023, vs England', 'rate_per_10k', 333, 85_920, 42.7, 'better', 34.7, 43.2],
    ['re-referrals %, 2022, vs neighbours', 'percent', 857, 4454, 20.4, 'better', 18.1, 20.4],
  ] as const)(
    '%s: similar by the interval, though not by value',
    (_what, unit, numerator, denominator, comparator, byValue, lower, upper) => {
      const council = unit === 'percent' ? (numerator / denominator) * 100 : (numerator / denominator) * 10_000;
      const base = { council, comparator, polarity: 'lower_is_better', precision: 1 } as const;
      expect(compareWithComparator(base).verdict).toBe(byValue);
      const interval = councilInterval(unit, numerator, denominator)!;
      // The statistician's bounds, to the 0.1 they were quoted to.
      expect(Math.abs(interval.lower - lower)).toBeLessThan(0.1);
      expect(Math.abs(interval.upper - upper)).toBeLessThan(0.1);
      expect(compareWithComparator({ ...base, interval })).toMatchObject({
        verdict: 'similar',
        test: 'confidence_interval',
      });
    },
  );

  it('refuses an interval upside down', () => {
    expect(() =>
      compareWithComparator({ council: 2, comparator: 1, polarity: 'none', precision: 0, interval: ci(3, 1) }),
    ).toThrow(RangeError);
  });
});

describe('councilInterval: which figures have an interval', () => {
  it.each([
    ['percent', 12, 15, 'wilson'],
    ['rate_per_10k', 25, 60_000, 'byar'],
    ['rate_per_10k', 5, 60_000, 'exact_poisson'],
    ['percent', null, 15, null], // no numerator
    ['percent', 12, null, null], // no denominator
    ['percent', 16, 15, null], // numerator above the denominator
    ['percent', 1.5, 15, null], // not a count
    ['count', 12, 15, null], // a count has no interval here
    ['rate_per_10k', 5, 0, null],
  ] as const)('%s %s/%s → %s', (unit, numerator, denominator, method) => {
    expect(councilInterval(unit, numerator, denominator)?.method ?? null).toBe(method);
  });

  it('names the method and level in the longer note', () => {
    expect(comparisonTestNote(councilInterval('rate_per_10k', 25, 60_000))).toBe(
      "Compared by 95% confidence interval (Byar's method, Fingertips method)",
    );
    expect(comparisonTestNote(null)).toBe(
      'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
    );
  });
});

describe('comparisonJudgement (a word for a table cell)', () => {
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
    [null, 70, 'higher_is_better', 1, 'not_compared'],
    [70, null, 'higher_is_better', 1, 'not_compared'],
  ] as const)('%s against %s (%s, %i dp) → %s', (value, comparator, polarity, precision, judgement) => {
    expect(comparisonJudgement(value, comparator, polarity, precision)).toBe(judgement);
  });

  it('uses the interval when given one', () => {
    expect(comparisonJudgement(80, 70, 'higher_is_better', 1, councilInterval('percent', 12, 15))).toBe('similar');
  });

  it('swapping polarity swaps better and worse, and never changes "similar" (property)', () => {
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

describe('comparatorStanding (the monitored list: above or below, and better or worse by the same rule)', () => {
  it.each([
    // value, comparator, polarity, precision, relation, position
    [156.6, 222, 'none', 1, 'below', 'not_comparable'], // S47 rate: below, but not "better"
    [44.6, 54.5, 'lower_is_better', 1, 'below', 'better'], // CP rate below neighbours
    [80, 84.4, 'higher_is_better', 1, 'below', 'worse'], // ICPC timeliness below the region
    [80.04, 80.0, 'higher_is_better', 1, 'same', 'same'], // compared as shown, to 1 dp
    [82, 84.4, 'higher_is_better', 1, 'below', 'same'], // below, but within 5%: similar
    [19, 19, 'lower_is_better', 0, 'same', 'same'],
    [24.9, 36.6, 'none', 1, 'below', 'not_comparable'],
    [820, 820, 'none', 0, 'same', 'same'],
    [null, 36.1, 'none', 1, 'not_available', 'not_comparable'],
    [27.9, null, 'none', 1, 'not_available', 'not_comparable'],
  ] as const)('%s against %s (%s, %i dp) is %s, %s', (value, comparator, polarity, precision, relation, position) => {
    expect(comparatorStanding(value, comparator, polarity, precision)).toEqual({ relation, position });
  });

  const ci = (lower: number, upper: number): ConfidenceInterval => ({
    lower,
    upper,
    level: 0.95,
    method: 'wilson',
    lowReliability: false,
  });

  it.each([
    // value, comparator, polarity, precision, [lower, upper], relation, position
    // Both read 50.0, but the interval lies above 50.0: the relation follows the interval.
    [50.04, 50.0, 'higher_is_better', 1, [50.02, 50.06], 'above', 'better'],
    [50.04, 50.0, 'lower_is_better', 1, [50.02, 50.06], 'above', 'worse'],
    [49.96, 50.0, 'higher_is_better', 1, [49.94, 49.98], 'below', 'worse'],
    [50.04, 50.0, 'none', 1, [50.02, 50.06], 'above', 'not_comparable'],
    [49.96, 50.0, 'none', 1, [49.94, 49.98], 'below', 'not_comparable'],
    // Similar by the interval: the relation is read as shown, and may still be above or below.
    [53.2, 49.9, 'lower_is_better', 1, [48.5, 58.3], 'above', 'same'],
    [50.04, 50.0, 'higher_is_better', 1, [49.9, 50.2], 'same', 'same'],
    [38.8, 42.7, 'lower_is_better', 1, [34.7, 43.2], 'below', 'same'],
  ] as const)(
    '%s against %s (%s, %i dp, interval %j) is %s, %s',
    (value, comparator, polarity, precision, [lower, upper], relation, position) => {
      expect(comparatorStanding(value, comparator, polarity, precision, ci(lower, upper))).toEqual({
        relation,
        position,
      });
    },
  );

  it('never says "the same as" beside better or worse, nor "below" beside a higher figure’s verdict (property)', () => {
    const polarity = fc.constantFrom('higher_is_better', 'lower_is_better', 'none') as fc.Arbitrary<
      'higher_is_better' | 'lower_is_better' | 'none'
    >;
    const interval = fc.option(
      fc
        .tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }))
        .map(([lower, width]) => ci(lower, lower + width)),
      { nil: null },
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        polarity,
        fc.integer({ min: 0, max: 3 }),
        interval,
        (value, comparator, p, precision, i) => {
          const { relation, position } = comparatorStanding(value, comparator, p, precision, i);
          const verdict = compareWithComparator({
            council: value,
            comparator,
            polarity: p,
            precision,
            interval: i,
          }).verdict;
          if (position === 'better' || position === 'worse') expect(relation).not.toBe('same');
          if (verdict === 'higher') expect(relation).toBe('above');
          if (verdict === 'lower') expect(relation).toBe('below');
          if (p !== 'none' && position !== 'same') {
            const above = (position === 'better') === (p === 'higher_is_better');
            expect(relation).toBe(above ? 'above' : 'below');
          }
          if (verdict === 'similar') expect(position).toBe('same');
        },
      ),
    );
  });

  it('says it in words', () => {
    expect(standingInWords('below', 'the statistical-neighbour average', '36.1', '2023/24')).toBe(
      'below the statistical-neighbour average (36.1, 2023/24)',
    );
    expect(standingInWords('same', 'England', '19.0%', '2024')).toBe('the same as England (19.0%, 2024)');
  });
});

/**
 * The rule written out independently, as a reader of the key would apply it, and checked against
 * the code for every kind of input (outside statistician's check, December 2026): with an interval,
 * the interval entirely above the comparator is higher, entirely below lower, otherwise similar
 * (Fingertips); without one, at the shown precision, within 5% of the comparator is similar (the
 * dashboard's own rule); higher then reads better when higher is better, worse when lower is better,
 * and stays higher with no polarity.
 */
describe('the comparison rule against an independent oracle (property)', () => {
  const polarity = fc.constantFrom('higher_is_better', 'lower_is_better', 'none') as fc.Arbitrary<
    'higher_is_better' | 'lower_is_better' | 'none'
  >;
  const byPolarity = (side: 'higher' | 'lower', p: 'higher_is_better' | 'lower_is_better' | 'none') => {
    if (p === 'none') return side;
    return (side === 'higher') === (p === 'higher_is_better') ? 'better' : 'worse';
  };

  it('by value: similar exactly when the shown figures are within 5% of the comparator’s', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 2 }),
        polarity,
        (councilSteps, comparatorSteps, precision, p) => {
          const scale = 10 ** precision;
          // Whole display steps, so the oracle works in integers: |c − k| ≤ 5% of k ⇔ 20|c − k| ≤ k.
          const verdict = compareWithComparator({
            council: councilSteps / scale,
            comparator: comparatorSteps / scale,
            polarity: p,
            precision,
          }).verdict;
          const expected =
            20 * Math.abs(councilSteps - comparatorSteps) <= comparatorSteps
              ? 'similar'
              : byPolarity(councilSteps > comparatorSteps ? 'higher' : 'lower', p);
          expect(verdict).toBe(expected);
        },
      ),
    );
  });

  it('by interval: the comparator’s figure strictly outside the interval decides, the 5% rule never does', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        polarity,
        (lower, width, comparator, p) => {
          const interval: ConfidenceInterval = {
            lower,
            upper: lower + width,
            level: 0.95,
            method: 'byar',
            lowReliability: false,
          };
          const out = compareWithComparator({
            council: lower + width / 2,
            comparator,
            polarity: p,
            precision: 1,
            interval,
          });
          const expected =
            lower > comparator
              ? byPolarity('higher', p)
              : lower + width < comparator
                ? byPolarity('lower', p)
                : 'similar';
          expect(out.verdict).toBe(expected);
          expect(out.test).toBe('confidence_interval');
          expect(out.testNote).not.toMatch(/within 5%/);
        },
      ),
    );
  });

  it('every comparison by value names the 5% rule as the dashboard’s own', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), polarity, (a, b, p) => {
        const out = compareWithComparator({ council: a, comparator: b, polarity: p, precision: 0 });
        expect(out.testNote).toMatch(/within 5% of the comparator’s figure \(the dashboard’s own rule\)/);
      }),
    );
  });
});
