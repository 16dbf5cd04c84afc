import { describe, expect, it } from 'vitest';
import { REGIONAL_MEASURES, regionalMeasure } from './regionalMeasures';
import {
  againstRegion,
  judgementWords,
  quintiles,
  quintileWords,
  type RegionalFigure,
  regionalException,
} from './regionalPosition';

const fig = (value: number | null, symbol: RegionalFigure['symbol'] = null): RegionalFigure => ({ value, symbol });
const values = (...vs: Array<number | null>) => vs.map((v) => fig(v));

describe('quintiles among the councils with a figure (1 lowest, 5 highest)', () => {
  const cases: Array<[string, RegionalFigure[], Array<number | null>]> = [
    ['five distinct figures take one fifth each', values(10, 20, 30, 40, 50), [1, 2, 3, 4, 5]],
    ['order given is kept', values(50, 10, 30, 20, 40), [5, 1, 3, 2, 4]],
    [
      // West Midlands has 14 councils: fifths of 2, 3, 3, 3 and 3 councils.
      'fourteen councils: ceil(5 × rank ÷ 14)',
      values(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14),
      [1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5],
    ],
    ['tied figures share the mean rank, so one quintile', values(10, 20, 20, 20, 50), [1, 3, 3, 3, 5]],
    ['every figure tied: all in the middle fifth', values(7, 7, 7, 7, 7, 7), [3, 3, 3, 3, 3, 3]],
    ['figures equal at the published precision are tied', values(10.04, 10.01, 30, 40, 50), [2, 2, 3, 4, 5]],
    [
      'suppressed and missing figures get none, and are not counted',
      [fig(null, 'c'), fig(10), fig(null), fig(20), fig(30), fig(40), fig(50), fig(99, 'x')],
      [null, 1, null, 2, 3, 4, 5, null],
    ],
    ['fewer than five with a figure: nobody is ranked', values(10, 20, 30, 40, null), [null, null, null, null, null]],
    ['no figures at all', values(null, null), [null, null]],
  ];
  it.each(cases)('%s', (_, figures, expected) => {
    expect(quintiles(figures, 1)).toEqual(expected);
  });

  it('says why a council has no quintile', () => {
    expect(quintileWords(null, 4)).toBe('Not ranked: only 4 councils have a figure');
    expect(quintileWords(null, 1)).toBe('Not ranked: only 1 council has a figure');
    expect(quintileWords(null, 14)).toBe('Not ranked: no figure');
    expect(quintileWords(5, 14)).toBe('Quintile 5 of 5 (highest fifth of the region’s figures)');
  });
});

describe('against the regional figure (the one comparison rule, by polarity)', () => {
  const cases: Array<
    [string, RegionalFigure, RegionalFigure, 'higher_is_better' | 'lower_is_better' | 'none', string]
  > = [
    ['lower is better, clearly lower', fig(15), fig(20), 'lower_is_better', 'better'],
    ['lower is better, clearly higher', fig(25), fig(20), 'lower_is_better', 'worse'],
    ['higher is better, clearly higher', fig(90), fig(80), 'higher_is_better', 'better'],
    ['within 5% is similar', fig(21), fig(20), 'lower_is_better', 'similar'],
    ['no polarity: higher, not rated', fig(600), fig(500), 'none', 'higher'],
    ['no polarity: lower, not rated', fig(400), fig(500), 'none', 'lower'],
    ['a suppressed council figure is not compared', fig(null, 'c'), fig(20), 'lower_is_better', 'not_compared'],
    ['no regional figure: not compared', fig(20), fig(null), 'lower_is_better', 'not_compared'],
  ];
  it.each(cases)('%s', (_, council, region, polarity, expected) => {
    expect(againstRegion(council, region, polarity, 1)).toBe(expected);
  });

  it('says "not rated: no polarity" where a measure has none', () => {
    expect(judgementWords('higher')).toBe('Higher than the region (not rated: no polarity)');
    expect(judgementWords('better', 'West Midlands')).toBe('Better than West Midlands');
    expect(judgementWords('not_compared')).toBe('Not compared: no figure');
  });
});

describe('exceptions: more than N% from the regional figure', () => {
  const cases: Array<
    [string, RegionalFigure, RegionalFigure, 'higher_is_better' | 'lower_is_better' | 'none', unknown]
  > = [
    [
      '25% above, lower is better: worse',
      fig(25),
      fig(20),
      'lower_is_better',
      { percentFromRegion: 25, judgement: 'worse' },
    ],
    [
      '25% below, lower is better: better',
      fig(15),
      fig(20),
      'lower_is_better',
      { percentFromRegion: -25, judgement: 'better' },
    ],
    ['exactly 20% is not an exception', fig(24), fig(20), 'lower_is_better', null],
    ['20.5% is', fig(24.1), fig(20), 'higher_is_better', { percentFromRegion: 20.5, judgement: 'better' }],
    ['within the threshold', fig(22), fig(20), 'lower_is_better', null],
    ['no polarity: higher, not better', fig(700), fig(500), 'none', { percentFromRegion: 40, judgement: 'higher' }],
    ['suppressed council figure', fig(null, 'c'), fig(20), 'lower_is_better', null],
    ['a regional figure of zero gives no percentage', fig(3), fig(0), 'lower_is_better', null],
  ];
  it.each(cases)('%s', (_, council, region, polarity, expected) => {
    expect(regionalException(council, region, polarity, 1, 20)).toEqual(expected);
  });
});

describe('the measures the regional view shows', () => {
  it('each has a label, a unit and a polarity, and codes are unique', () => {
    const codes = REGIONAL_MEASURES.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(regionalMeasure('re_referral_pct')?.polarity).toBe('lower_is_better');
    expect(regionalMeasure('referrals_rate')?.polarity).toBe('none');
    expect(regionalMeasure('not_a_measure')).toBeUndefined();
  });
});
