import { describe, expect, it } from 'vitest';
import { SPC_MONTH_WORDS, spcLimitsWords } from './facts';
import { POINT_TYPES } from './icons';

const group = {
  from: '2018-04',
  to: '2021-03',
  points: 36,
  mean: 85.3456,
  lowerLimit: 70.1234,
  upperLimit: 99.5678,
  trialLimits: false,
};

describe('SPC facts in words', () => {
  it.each([
    [
      group,
      'percent',
      1,
      'Average 85.35%; process limits 70.12% to 99.57%, from the 36 months April 2018 to March 2021.',
    ],
    [
      { ...group, points: 8, from: '2020-08', trialLimits: true },
      'count',
      0,
      'Average 85.3; process limits 70.1 to 99.6, from the 8 months August 2020 to March 2021 (trial limits: 12 months or fewer).',
    ],
    [
      { ...group, points: 12, from: '2020-04', trialLimits: true },
      'percent',
      1,
      'Average 85.35%; process limits 70.12% to 99.57%, from the 12 months April 2020 to March 2021 (trial limits: 12 months or fewer).',
    ],
    [
      { ...group, points: 13, from: '2020-03' },
      'percent',
      1,
      'Average 85.35%; process limits 70.12% to 99.57%, from the 13 months March 2020 to March 2021.',
    ],
    [
      { ...group, points: 1, from: '2021-03', lowerLimit: null, upperLimit: null, trialLimits: true },
      'rate_per_10k',
      1,
      'Average 85.35 per 10,000; no process limits yet, from the 1 month March 2021 (trial limits: 12 months or fewer).',
    ],
    [
      // limits clipped to what a percentage allows are shown as they come
      { ...group, upperLimit: 100 },
      'percent',
      1,
      'Average 85.35%; process limits 70.12% to 100.00%, from the 36 months April 2018 to March 2021.',
    ],
  ] as const)('%#', (facts, unit, precision, words) => {
    expect(spcLimitsWords(facts, unit, precision)).toBe(words);
  });

  it('has a short word for every point type, naming special causes', () => {
    for (const type of POINT_TYPES) expect(SPC_MONTH_WORDS[type].length).toBeLessThanOrEqual(9);
    expect(SPC_MONTH_WORDS.special_cause_concern).toBe('Concern');
  });
});
