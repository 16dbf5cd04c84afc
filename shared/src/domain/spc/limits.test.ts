import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupLimits, LIMIT_FACTOR, movingRanges } from './limits';

const limits = (values: number[], screenOutliers = true, fixAfterNPoints: number | null = null) =>
  groupLimits(values, { screenOutliers, fixAfterNPoints });

describe('groupLimits: screening', () => {
  const step = [...Array(11).fill(50), 50.1];
  const twoSteps = [50, 50.1, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50];

  it.each([
    // name, values, screened, mean moving range
    ['eleven 50.0s then 50.1: the one range would go, so none does', step, 0, 0.1 / 11],
    ['a step up and back: both ranges would go, so none does', twoSteps, 0, 0.2 / 11],
    ['one jump among steady ranges of 1 is screened as before', [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 50], 1, 1],
    ['a flat series: nothing to screen, limits on the mean', Array(12).fill(5), 0, 0],
  ] as const)('%s', (_name, values, screened, amr) => {
    const l = limits([...values]);
    expect(l.screenedMovingRanges).toBe(screened);
    expect(l.meanMovingRange).toBeCloseTo(amr, 12);
    expect(l.upperLimit! - l.mean).toBeCloseTo(LIMIT_FACTOR * amr, 12);
  });

  it('eleven 50.0s then 50.1: the limits are those of the unscreened chart, not 50.008 to 50.008', () => {
    const screened = limits(step);
    const raw = limits(step, false);
    expect(screened).toEqual(raw);
    expect(screened.lowerLimit!).toBeLessThan(50);
    expect(screened.upperLimit!).toBeGreaterThan(50.02);
  });
});

describe('groupLimits: properties', () => {
  // Figures with one decimal place, as the product holds them, so the width is never lost to rounding.
  const figures = fc.array(
    fc.integer({ min: -10_000, max: 10_000 }).map((n) => n / 10),
    { minLength: 2, maxLength: 40 },
  );

  it('a series that is not completely flat has limits of positive width, screened or not', () => {
    fc.assert(
      fc.property(figures, fc.boolean(), (values, screen) => {
        fc.pre(values.some((v) => v !== values[0]));
        const l = limits(values, screen);
        expect(l.meanMovingRange!).toBeGreaterThan(0);
        expect(l.upperLimit!).toBeGreaterThan(l.lowerLimit!);
        expect(l.upperClose!).toBeGreaterThan(l.lowerClose!);
      }),
    );
  });

  it('screening drops ranges only when some variation is left; otherwise it changes nothing', () => {
    fc.assert(
      fc.property(figures, (values) => {
        const screened = limits(values);
        const raw = limits(values, false);
        if (screened.screenedMovingRanges === 0) expect(screened.meanMovingRange).toBe(raw.meanMovingRange);
        else expect(screened.meanMovingRange!).toBeGreaterThan(0);
        expect(screened.screenedMovingRanges).toBeLessThan(movingRanges(values).length);
      }),
    );
  });
});
