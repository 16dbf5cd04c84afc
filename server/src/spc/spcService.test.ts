import { councilInterval, type Unit } from '@kpi/shared';
import { describe, expect, it } from 'vitest';
import { pointInterval, spcBlock } from './spcService';

describe('a figure’s interval on the chart follows the one rule the comparisons use', () => {
  const cases: [Unit, number | null | undefined, number | null | undefined][] = [
    ['percent', 12, 15],
    ['percent', 0, 40],
    ['percent', 1200, 1500],
    ['percent', 16, 15], // more events than cases: none
    ['percent', 2.5, 10], // not a whole count: none
    ['percent', 3, 10.5], // not a whole denominator: none
    ['rate_per_10k', 8, 70_000], // exact Poisson below 10 events
    ['rate_per_10k', 339, 70_000], // Byar's method from 10
    ['rate_per_10k', -1, 70_000],
    ['count', 339, 70_000],
    ['days', 20, 30],
    ['percent', null, 15],
    ['percent', 5, 0],
    ['percent', 5, undefined],
  ];

  it.each(cases)('%s %s of %s', (unit, numerator, denominator) => {
    const interval = pointInterval(unit, numerator, denominator);
    const at95 = councilInterval(unit, numerator, denominator, 0.95);
    const at998 = councilInterval(unit, numerator, denominator, 0.998);
    if (!at95 || !at998) {
      expect(interval).toBeNull();
      return;
    }
    expect(interval).toMatchObject({
      method: at95.method,
      level95: { lower: at95.lower, upper: at95.upper },
      level998: { lower: at998.lower, upper: at998.upper },
      lowReliability: at95.lowReliability,
    });
    expect(interval!.level998.lower).toBeLessThanOrEqual(interval!.level95.lower);
  });
});

describe('the SPC method in words says which convention the chart follows where sources differ', () => {
  const block = spcBlock({
    polarity: 'higher_is_better',
    window: { from: '2020-01', to: '2020-03' },
    values: [
      { month: '2020-01', value: 1 },
      { month: '2020-02', value: 2 },
      { month: '2020-03', value: 3 },
    ],
    rebases: [],
    target: null,
  });

  it.each([
    ['the order of the rules', /first rule that applies, in this order/],
    ['what "close" means', /beyond two-thirds of the way from the mean to a limit/],
    [
      'that a month beyond a limit does not count towards 2 of 3 (NHS-R issue #194)',
      /beyond a limit counts as outside, not towards 2 of 3/,
    ],
    [
      'that ties and the mean break runs',
      /a month equal to the one before breaks a rise or fall, and a month on the mean breaks a run/i,
    ],
    ['when the icons appear', /icons are shown from 13 months/],
  ])('%s', (_what, words) => {
    expect(block.method).toMatch(words);
  });
});
