import { councilInterval, type Unit } from '@kpi/shared';
import { describe, expect, it } from 'vitest';
import { pointInterval } from './spcService';

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
