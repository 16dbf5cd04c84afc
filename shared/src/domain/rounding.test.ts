import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { precisionStep, roundToPrecision, withoutFloatNoise } from './rounding';

describe('roundToPrecision', () => {
  it.each([
    // value, precision, expected
    [1.005, 2, 1.01], // binary 1.00499999… — naive Math.round(x * 100) / 100 gives 1.00
    [2.675, 2, 2.68],
    [1.45, 1, 1.5],
    [8.345, 2, 8.35],
    [0.045, 2, 0.05],
    [74.96, 1, 75],
    [74.95, 1, 75],
    [74.94, 1, 74.9],
    [75.05, 1, 75.1],
    [64.95, 1, 65],
    [18.495, 2, 18.5],
    [9.995, 2, 10],
    [99.95, 1, 100],
    [0.5, 0, 1],
    [1.5, 0, 2],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [-1.005, 2, -1.01],
    [-74.95, 1, -75],
    [123456.789, 0, 123457],
    [27938, 0, 27938],
    [58.8, 1, 58.8],
    [22.02, 2, 22.02],
    [1e-7, 2, 0],
    [5e-7, 6, 0.000001],
    [4.9e-7, 6, 0],
    [1e21, 2, 1e21],
    [0.1 + 0.2, 1, 0.3],
    [0.1 + 0.2, 15, 0.3],
    [0, 3, 0],
  ])('rounds %s to %i dp as %s', (value, precision, expected) => {
    expect(roundToPrecision(value, precision)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundToPrecision(-0.04, 1), 0)).toBe(true);
    expect(Object.is(roundToPrecision(-0, 0), 0)).toBe(true);
    expect(Object.is(roundToPrecision(-0.4, 0), 0)).toBe(true);
  });

  it.each([
    [Number.NaN, 1],
    [Number.POSITIVE_INFINITY, 1],
    [1, -1],
    [1, 1.5],
    [1, 16],
  ])('rejects value %s at precision %s', (value, precision) => {
    expect(() => roundToPrecision(value, precision)).toThrow(RangeError);
  });

  it('precisionStep gives one display step', () => {
    expect(precisionStep(0)).toBe(1);
    expect(precisionStep(1)).toBe(0.1);
    expect(precisionStep(2)).toBe(0.01);
  });

  it('rounds an exact decimal half away from zero (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (m, p, neg) => {
          // x = (10m + 5) / 10^(p+1), written in decimal, so it is exactly halfway at p decimals.
          const x = Number(`${neg ? '-' : ''}${m * 10 + 5}e-${p + 1}`);
          const expected = Number(`${neg ? '-' : ''}${m + 1}e-${p}`);
          expect(roundToPrecision(x, p)).toBe(expected);
        },
      ),
    );
  });

  it('is idempotent, odd-symmetric, monotonic and within half a step (property)', () => {
    const value = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(value, value, fc.integer({ min: 0, max: 4 }), (a, b, p) => {
        const ra = roundToPrecision(a, p);
        expect(roundToPrecision(ra, p)).toBe(ra);
        expect(roundToPrecision(-a, p)).toBe(ra === 0 ? 0 : -ra);
        expect(Math.abs(ra - a)).toBeLessThanOrEqual(0.5 * 10 ** -p * (1 + 1e-9) + Math.abs(a) * 1e-15);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(roundToPrecision(lo, p)).toBeLessThanOrEqual(roundToPrecision(hi, p));
      }),
    );
  });
});

describe('withoutFloatNoise', () => {
  it.each([
    [0.1 + 0.2, 0.3],
    [(54.1 + 54.8) / 2, 54.45],
    [(0.05 * 3) / 3, 0.05],
    [1 / 3, 0.333333333333333],
    [-0.1 - 0.2, -0.3],
    [1e21, 1e21],
    [0, 0],
  ])('%s → %s', (value, expected) => {
    expect(withoutFloatNoise(value)).toBe(expected);
  });
});
