import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ComparisonInput, compareWithComparator } from './comparison';

describe('compareWithComparator (tolerance rule: within 5% of the comparator is similar)', () => {
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

  it('says it in words and gives the shown difference', () => {
    const out = compareWithComparator({ council: 38.8, comparator: 47.9, polarity: 'lower_is_better', precision: 1 });
    expect(out).toEqual({ verdict: 'better', difference: -9.1, phrase: 'better than', rule: 'tolerance' });
  });

  it('an interval replaces the tolerance: similar when the comparator lies inside the council’s interval', () => {
    const base = { council: 60, comparator: 56, polarity: 'higher_is_better', precision: 1 } as const;
    expect(compareWithComparator(base).verdict).toBe('better'); // 4 > 5% of 56
    expect(compareWithComparator({ ...base, strategy: { kind: 'interval', lower: 55, upper: 65 } })).toMatchObject({
      verdict: 'similar',
      rule: 'interval',
    });
    expect(compareWithComparator({ ...base, strategy: { kind: 'interval', lower: 57, upper: 63 } }).verdict).toBe(
      'better',
    );
    expect(() => compareWithComparator({ ...base, strategy: { kind: 'interval', lower: 3, upper: 1 } })).toThrow();
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
