import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNITS } from '../../contracts/enums';
import { addMonths } from '../periods';
import { analyseSpc, type SpcOptions } from './analyse';
import { clipLimitsToBounds, limitsReachBounds, type SpcBounds, spcBoundsForUnit } from './displayBounds';
import { groupLimits } from './limits';

const series = (values: number[]) => values.map((value, i) => ({ month: addMonths('2020-01', i), value }));
const spc = (values: number[], options: Partial<SpcOptions> = {}) =>
  analyseSpc(series(values), { direction: 'increase', ...options });

// A percentage near 100: its limits as calculated are 91.07% to 106.27%.
const NEAR_100 = [100, 96, 100, 97, 100, 95, 100, 98, 100, 99, 100, 96, 100, 99, 100];
// A small count: its lower limit is below 0.
const SMALL_COUNT = [0, 3, 1, 0, 4, 0, 2, 5, 0, 1, 0, 3, 1, 6];

describe('spcBoundsForUnit', () => {
  it.each([
    ['percent', { min: 0, max: 100 }],
    ['rate_per_10k', { min: 0 }],
    ['count', { min: 0 }],
    ['average', { min: 0 }],
    ['days', { min: 0 }],
    ['money', {}],
  ] as const)('%s → %j', (unit, bounds) => {
    expect(spcBoundsForUnit(unit)).toEqual(bounds);
  });

  it('covers every unit', () => {
    for (const unit of UNITS) expect(spcBoundsForUnit(unit)).toBeDefined();
  });
});

describe('clipLimitsToBounds', () => {
  const base = groupLimits(NEAR_100, { screenOutliers: true, fixAfterNPoints: null });

  it.each([
    ['a percentage near 100: the upper limit and close line stop at 100', NEAR_100, { min: 0, max: 100 }],
    ['a small count: the lower limit stops at 0', SMALL_COUNT, { min: 0 }],
    ['money: nothing is clipped', SMALL_COUNT.map((v) => v - 3), {}],
  ] as const)('%s', (_name, values, bounds: SpcBounds) => {
    const raw = groupLimits(values, { screenOutliers: true, fixAfterNPoints: null });
    const clipped = clipLimitsToBounds(raw, bounds);
    expect(clipped.mean).toBe(raw.mean);
    expect(clipped.meanMovingRange).toBe(raw.meanMovingRange);
    for (const key of ['lowerLimit', 'upperLimit', 'lowerClose', 'upperClose'] as const) {
      const expected = Math.min(Math.max(raw[key]!, bounds.min ?? -Infinity), bounds.max ?? Infinity);
      expect(clipped[key]).toBe(expected);
    }
  });

  it('draws limits of 91.07% to 106.27% as 91.07% to 100%', () => {
    expect([base.lowerLimit, base.upperLimit].map((x) => Number(x!.toFixed(2)))).toEqual([91.07, 106.27]);
    const clipped = clipLimitsToBounds(base, spcBoundsForUnit('percent'));
    expect([clipped.lowerLimit, clipped.upperLimit].map((x) => Number(x!.toFixed(2)))).toEqual([91.07, 100]);
    expect(limitsReachBounds(clipped, spcBoundsForUnit('percent'))).toBe(true);
    expect(limitsReachBounds(base, { min: 0 })).toBe(false);
  });

  it('leaves missing limits missing, returns the limits as they are without bounds, refuses reversed bounds', () => {
    const single = groupLimits([5], { screenOutliers: true, fixAfterNPoints: null });
    expect(clipLimitsToBounds(single, { min: 0, max: 1 })).toEqual(single);
    expect(clipLimitsToBounds(base, undefined)).toBe(base);
    expect(() => clipLimitsToBounds(base, { min: 1, max: 0 })).toThrow(/wrong way round/);
  });
});

describe('analyseSpc with bounds', () => {
  it('draws the clipped limits and judges the points on the calculated ones', () => {
    const raw = spc(NEAR_100, { target: 99 });
    const bounded = spc(NEAR_100, { target: 99, bounds: spcBoundsForUnit('percent') });
    expect(bounded.groups[0]!.upperLimit).toBe(100);
    expect(raw.groups[0]!.upperLimit!).toBeGreaterThan(105);
    expect(bounded.points).toEqual(raw.points);
    expect(bounded.icons).toEqual(raw.icons);
  });

  it('a small count gets a lower limit of 0, not a negative one', () => {
    expect(spc(SMALL_COUNT).groups[0]!.lowerLimit!).toBeLessThan(0);
    expect(spc(SMALL_COUNT, { bounds: spcBoundsForUnit('count') }).groups[0]!.lowerLimit).toBe(0);
  });

  it('clipping never changes a point, an icon or the withheld words, for figures and targets inside the bounds (property)', () => {
    const input = fc
      .record({ min: fc.integer({ min: -50, max: 50 }), width: fc.integer({ min: 1, max: 100 }) })
      .chain(({ min, width }) =>
        fc.record({
          bounds: fc.constantFrom<SpcBounds>({ min, max: min + width }, { min }, { max: min + width }),
          values: fc.array(fc.integer({ min, max: min + width }), { minLength: 1, maxLength: 40 }),
          target: fc.option(fc.integer({ min, max: min + width })),
          direction: fc.constantFrom('increase', 'decrease', 'neutral' as const),
          screen: fc.boolean(),
          cut: fc.nat({ max: 40 }),
        }),
      );
    fc.assert(
      fc.property(input, ({ bounds, values, target, direction, screen, cut }) => {
        const rebases = cut > 0 && cut < values.length ? [{ month: addMonths('2020-01', cut), reason: 'Rebase' }] : [];
        const options = { direction, target, screenOutliers: screen, rebases } as const;
        const raw = spc(values, options);
        const bounded = spc(values, { ...options, bounds });
        expect(bounded.points).toEqual(raw.points);
        expect(bounded.icons).toEqual(raw.icons);
        expect(bounded.iconsWithheld).toBe(raw.iconsWithheld);
        bounded.groups.forEach((g, i) => {
          const r = raw.groups[i]!;
          expect(g.mean).toBe(r.mean);
          expect(g.trialLimits).toBe(r.trialLimits);
          for (const key of ['lowerLimit', 'upperLimit', 'lowerClose', 'upperClose'] as const) {
            if (g[key] === null) continue;
            if (bounds.min !== undefined) expect(g[key]).toBeGreaterThanOrEqual(bounds.min);
            if (bounds.max !== undefined) expect(g[key]).toBeLessThanOrEqual(bounds.max);
            const inside = (bounds.min ?? -Infinity) <= r[key]! && r[key]! <= (bounds.max ?? Infinity);
            if (inside) expect(g[key]).toBe(r[key]);
          }
        });
      }),
    );
  });
});
