import { describe, expect, it } from 'vitest';
import { SPC_MONTH_WORDS, spcLimitsWords } from './facts';
import { POINT_TYPES } from './icons';

const group = { from: '2018-04', to: '2021-03', points: 36, mean: 85.3456, lowerLimit: 70.1234, upperLimit: 99.5678 };

describe('SPC facts in words', () => {
  it.each([
    [
      group,
      'percent',
      1,
      'Average 85.35%; process limits 70.12% to 99.57%, from the 36 months April 2018 to March 2021.',
    ],
    [
      { ...group, points: 8, from: '2020-08' },
      'count',
      0,
      'Average 85.3; process limits 70.1 to 99.6, from the 8 months August 2020 to March 2021 (trial limits: fewer than 12 months).',
    ],
    [
      { ...group, points: 1, from: '2021-03', lowerLimit: null, upperLimit: null },
      'rate_per_10k',
      1,
      'Average 85.35 per 10,000; no process limits yet, from the 1 month March 2021 (trial limits: fewer than 12 months).',
    ],
  ] as const)('%#', (facts, unit, precision, words) => {
    expect(spcLimitsWords(facts, unit, precision)).toBe(words);
  });

  it('has a short word for every point type, naming special causes', () => {
    for (const type of POINT_TYPES) expect(SPC_MONTH_WORDS[type].length).toBeLessThanOrEqual(9);
    expect(SPC_MONTH_WORDS.special_cause_concern).toBe('Concern');
  });
});
