import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byarInterval,
  CONFIDENCE_LEVELS,
  exactPoissonInterval,
  percentageInterval,
  rateInterval,
  wilsonInterval,
} from './intervals';

/**
 * The intervals against values worked out independently of our code, from the published formulas
 * as OHID's PHEindicatormethods states them (R/Wilson.R, R/Byars.R, R/Rates.R; formulas only):
 *
 *   Wilson:  (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²))
 *   Byar's:  x(1 − 1/(9x) − z/(3√x))³  to  (x + 1)(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³
 *   exact:   qchisq(α/2, 2x)/2  to  qchisq(1 − α/2, 2x + 2)/2, used below 10 events
 *
 * with z = qnorm(1 − α/2): 1.959963984540054 (95%) and 3.090232306167813 (99.8%). Evaluated in
 * Python with mpmath at 50 digits (Wilson, Byar's) and SciPy's chi2.ppf (exact), to 10 significant
 * figures; the script is reference/intervals_oracle.py.
 */

const expectClose = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(expected), 1e-6));

describe('Wilson score interval (mpmath, 50 digits)', () => {
  it.each([
    // x, n, level, lower, upper
    [0, 1, 0.95, 0, 0.7934506856], // n = 1, p = 0: upper = z²/(1 + z²)
    [1, 1, 0.95, 0.2065493144, 1], // n = 1, p = 1: lower = 1/(1 + z²)
    [0, 1, 0.998, 0, 0.9052090985],
    [1, 1, 0.998, 0.0947909015, 1],
    [0, 10, 0.95, 0, 0.2775327999],
    [10, 10, 0.95, 0.7224672001, 1],
    [0, 10, 0.998, 0, 0.4884789005],
    [10, 10, 0.998, 0.5115210995, 1],
    [1, 2, 0.95, 0.09453120573, 0.9054687943],
    [1, 2, 0.998, 0.04534824707, 0.9546517529],
    [65, 100, 0.95, 0.552544433, 0.7363575176], // PHEindicatormethods' own example, wilson_lower(65, 100)
    [65, 100, 0.998, 0.4954946574, 0.7783540614],
    [3, 7, 0.95, 0.1582198553, 0.7495416355],
    [3, 7, 0.998, 0.09161890875, 0.8479564354],
    [7, 7, 0.95, 0.6456695649, 1],
    [0, 263, 0.95, 0, 0.0143960344],
    [263, 263, 0.998, 0.9649622015, 1],
    [1, 1000, 0.95, 0.0001765463706, 0.005642558598],
    [1, 1000, 0.998, 8.724896852e-5, 0.01135303732],
    [999, 1000, 0.95, 0.9943574414, 0.9998234536],
    [999, 1000, 0.998, 0.9886469627, 0.999912751],
  ] as const)('%i/%i at %f: %f to %f', (x, n, level, lower, upper) => {
    const [l, u] = wilsonInterval(x, n, level);
    expectClose(l, lower);
    expectClose(u, upper);
  });

  it('p = 0 starts exactly at 0 and p = 1 ends exactly at 1 (no negative or >100% bound)', () => {
    expect(wilsonInterval(0, 7, 0.998)[0]).toBe(0);
    expect(wilsonInterval(7, 7, 0.998)[1]).toBe(1);
    expect(percentageInterval(0, 7, 0.95).lower).toBe(0);
    expect(percentageInterval(7, 7, 0.95).upper).toBe(100);
  });

  it('n = 0 has no interval: refused, never 0% to 100% or NaN', () => {
    expect(() => wilsonInterval(0, 0, 0.95)).toThrow(RangeError);
    expect(() => percentageInterval(0, 0, 0.998)).toThrow(RangeError);
  });
});

describe("Byar's method, 10 events and more (mpmath, 50 digits)", () => {
  it.each([
    [10, 0.95, 4.787449914, 18.39145861],
    [10, 0.998, 2.916318375, 24.19372493],
    [11, 0.95, 5.483690198, 19.68323712],
    [11, 0.998, 3.448370238, 25.64652052],
    [19, 0.95, 11.43398056, 29.67234627],
    [20, 0.998, 8.922802365, 38.08503563],
    [50, 0.95, 37.10810041, 65.92015669],
    [100, 0.998, 71.90369187, 134.9436218],
    [816, 0.95, 760.9647381, 873.963609],
    [1000, 0.998, 905.1149546, 1101.632945],
  ] as const)('%i events at %f: %f to %f', (x, level, lower, upper) => {
    const [l, u] = byarInterval(x, level);
    expectClose(l, lower);
    expectClose(u, upper);
  });
});

describe('exact Poisson interval, fewer than 10 events (SciPy chi2.ppf)', () => {
  it.each([
    [0, 0.95, 0, 3.688879454],
    [0, 0.998, 0, 6.907755279],
    [1, 0.95, 0.02531780798, 5.571643391],
    [1, 0.998, 0.001000500334, 9.233413476],
    [2, 0.998, 0.04540201777, 11.22887224],
    [3, 0.998, 0.1905333776, 13.06224078],
    [5, 0.95, 1.62348639, 11.66833208],
    [9, 0.998, 2.452424404, 22.65737331],
  ] as const)('%i events at %f: %f to %f', (x, level, lower, upper) => {
    const [l, u] = exactPoissonInterval(x, level);
    expectClose(l, lower);
    expectClose(u, upper);
  });
});

describe('rates per 10,000 children: method by count, population as denominator', () => {
  // Sandwell's children looked after at 31 March 2025: 816 of a mid-2024 population of 88,593 (the
  // DfE file's own figures; see rates.ts), 92.1 per 10,000.
  it.each([
    [816, 88_593, 0.95, 'byar', 85.89445421, 98.64928482],
    [816, 88_593, 0.998, 'byar', 82.46255826, 102.5128889],
    [10, 85_255, 0.95, 'byar', 0.5615447673, 2.157229324],
    [10, 85_255, 0.998, 'byar', 0.3420700692, 2.837807158],
    [9, 85_255, 0.95, 'exact_poisson', 0.4827134007, 2.003964982],
    [9, 85_255, 0.998, 'exact_poisson', 0.2876575455, 2.657600529],
    [7, 85_255, 0.95, 'exact_poisson', 0.3301112019, 1.691710206],
    [0, 85_255, 0.95, 'exact_poisson', 0, 0.4326877549],
    [0, 85_255, 0.998, 'exact_poisson', 0, 0.8102463526],
  ] as const)('%i of %i at %f: %s, %f to %f', (count, population, level, method, lower, upper) => {
    const i = rateInterval(count, population, level);
    expect(i.method).toBe(method);
    expectClose(i.lower, lower);
    expectClose(i.upper, upper);
  });
});

describe('interval properties', () => {
  const proportion = fc
    .integer({ min: 1, max: 3000 })
    .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
  const count = fc.integer({ min: 0, max: 5000 });

  it('Wilson is symmetric under p → 1 − p: the interval for n − x is the mirror of that for x', () => {
    fc.assert(
      fc.property(proportion, fc.constantFrom(...CONFIDENCE_LEVELS), ([x, n], level) => {
        const [l, u] = wilsonInterval(x, n, level);
        const [ml, mu] = wilsonInterval(n - x, n, level);
        expect(l).toBeCloseTo(1 - mu, 12);
        expect(u).toBeCloseTo(1 - ml, 12);
      }),
    );
  });

  it('Wilson bounds rise with the numerator and narrow as n grows at the same proportion', () => {
    fc.assert(
      fc.property(proportion, ([x, n]) => {
        fc.pre(x < n);
        const [l, u] = wilsonInterval(x, n, 0.95);
        const [l1, u1] = wilsonInterval(x + 1, n, 0.95);
        expect(l1).toBeGreaterThan(l);
        expect(u1).toBeGreaterThan(u);
        const [l10, u10] = wilsonInterval(10 * x, 10 * n, 0.95);
        expect(u10 - l10).toBeLessThan(u - l);
      }),
    );
  });

  it('a rate interval contains the rate, is never negative, and is wider at 99.8% than at 95%', () => {
    fc.assert(
      fc.property(count, fc.integer({ min: 1000, max: 12_500_000 }), (events, population) => {
        const rate = (events * 10_000) / population;
        const i95 = rateInterval(events, population, 0.95);
        const i998 = rateInterval(events, population, 0.998);
        expect(i95.lower).toBeGreaterThanOrEqual(0);
        expect(i95.lower).toBeLessThanOrEqual(rate);
        expect(i95.upper).toBeGreaterThan(rate);
        expect(i998.lower).toBeLessThanOrEqual(i95.lower);
        expect(i998.upper).toBeGreaterThan(i95.upper);
      }),
    );
  });

  it('doubling the population halves the rate and its interval (the count alone decides the method)', () => {
    fc.assert(
      fc.property(count, fc.integer({ min: 1000, max: 1_000_000 }), (events, population) => {
        const a = rateInterval(events, population, 0.95);
        const b = rateInterval(events, 2 * population, 0.95);
        expect(b.method).toBe(a.method);
        expect(b.lower).toBeCloseTo(a.lower / 2, 9);
        expect(b.upper).toBeCloseTo(a.upper / 2, 9);
      }),
    );
  });

  it('the exact and Byar intervals both rise with the count, and meet closely at the switch (9 → 10)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.constantFrom(...CONFIDENCE_LEVELS), (x, level) => {
        const [l, u] = exactPoissonInterval(x, level);
        const [l1, u1] = exactPoissonInterval(x + 1, level);
        expect(l1).toBeGreaterThan(l);
        expect(u1).toBeGreaterThan(u);
        if (x >= 10) {
          const [bl, bu] = byarInterval(x, level);
          // Byar's approximation is within 2% of the exact limits from 10 events up.
          expect(Math.abs(bl - l) / l).toBeLessThan(0.02);
          expect(Math.abs(bu - u) / u).toBeLessThan(0.02);
        }
      }),
    );
  });
});
