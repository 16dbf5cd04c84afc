import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byarInterval, exactPoissonInterval, percentageInterval, rateInterval, wilsonInterval } from './intervals';

const sig4 = (x: number) => Number(x.toPrecision(4));

describe('wilsonInterval', () => {
  // Published: Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (score, no
  // continuity correction), 95%, to 4 decimal places.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → %f to %f (Newcombe 1998)', (o, n, lower, upper) => {
    const [l, u] = wilsonInterval(o, n, 0.95);
    expect(Number(l.toFixed(4))).toBe(lower);
    expect(Number(u.toFixed(4))).toBe(upper);
  });

  // 99.8% and the edges: the score formula evaluated independently (SciPy norm.ppf), 4 s.f.
  it.each([
    [81, 263, 0.998, 0.228, 0.4014],
    [1, 29, 0.998, 0.003016, 0.2966],
    [29, 29, 0.95, 0.883, 1],
    [12, 15, 0.95, 0.5481, 0.9295],
    [12, 15, 0.998, 0.4079, 0.9587],
  ] as const)('%i/%i at %f', (o, n, level, lower, upper) => {
    expect(wilsonInterval(o, n, level).map(sig4)).toEqual([lower, upper]);
  });

  it('refuses impossible proportions', () => {
    expect(() => wilsonInterval(3, 2, 0.95)).toThrow(/exceeds/);
    expect(() => wilsonInterval(0, 0, 0.95)).toThrow(/denominator/);
    expect(() => wilsonInterval(1.5, 4, 0.95)).toThrow(/whole number/);
  });

  it('always contains the observed proportion, within 0–1, wider at 99.8%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const o = Math.round(f * n);
        const [l, u] = wilsonInterval(o, n, 0.95);
        const [l2, u2] = wilsonInterval(o, n, 0.998);
        expect(l).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThanOrEqual(1);
        expect(l).toBeLessThanOrEqual(o / n + 1e-12);
        expect(u).toBeGreaterThanOrEqual(o / n - 1e-12);
        expect(l2).toBeLessThanOrEqual(l + 1e-12);
        expect(u2).toBeGreaterThanOrEqual(u - 1e-12);
      }),
    );
  });
});

describe('exactPoissonInterval', () => {
  // Published 95% exact (Garwood) limits for 0–9 events, as tabulated e.g. in Sahai & Khurshid
  // (1993) and OHID's confidence-interval guidance; 4 significant figures.
  it.each([
    [0, 0, 3.689],
    [1, 0.02532, 5.572],
    [2, 0.2422, 7.225],
    [3, 0.6187, 8.767],
    [4, 1.09, 10.24],
    [5, 1.623, 11.67],
    [6, 2.202, 13.06],
    [7, 2.814, 14.42],
    [8, 3.454, 15.76],
    [9, 4.115, 17.08],
  ])('%i events at 95%: %f to %f', (o, lower, upper) => {
    expect(exactPoissonInterval(o, 0.95).map(sig4)).toEqual([lower, upper]);
  });

  // 99.8%: χ² quantiles from SciPy (chi2.ppf), 4 s.f.; 0 events: upper = −ln(0.001) = 6.908.
  it.each([
    [0, 0, 6.908],
    [1, 0.001001, 9.233],
    [5, 0.7394, 16.45],
    [9, 2.452, 22.66],
  ])('%i events at 99.8%: %f to %f', (o, lower, upper) => {
    expect(exactPoissonInterval(o, 0.998).map(sig4)).toEqual([lower, upper]);
  });
});

describe('byarInterval', () => {
  // Byar's formula evaluated independently (SciPy for z), 4 s.f.; at 10 events it agrees with the
  // exact interval (4.795 to 18.39) to within 0.2%.
  it.each([
    [10, 0.95, 4.787, 18.39],
    [25, 0.95, 16.17, 36.91],
    [75, 0.95, 58.99, 94.01],
    [300, 0.95, 267, 335.9],
    [10, 0.998, 2.916, 24.19],
    [75, 0.998, 51.04, 105.8],
  ] as const)('%i events at %f', (o, level, lower, upper) => {
    expect(byarInterval(o, level).map(sig4)).toEqual([lower, upper]);
  });
});

describe('rateInterval and percentageInterval', () => {
  it('uses Byar from 10 events and exact Poisson below, per 10,000', () => {
    const below = rateInterval(9, 85_255, 0.95);
    expect(below.method).toBe('exact_poisson');
    expect(sig4(below.upper)).toBe(2.004); // 17.08 × 10,000 ÷ 85,255
    const at = rateInterval(10, 85_255, 0.95);
    expect(at.method).toBe('byar');
    expect(sig4(at.lower)).toBe(0.5615); // 4.787 × 10,000 ÷ 85,255
  });

  it('marks [u] below 20 cases: the denominator of a percentage, the events of a rate', () => {
    expect(percentageInterval(5, 19, 0.95).lowReliability).toBe(true);
    expect(percentageInterval(5, 20, 0.95).lowReliability).toBe(false);
    expect(rateInterval(19, 85_255, 0.95).lowReliability).toBe(true);
    expect(rateInterval(20, 85_255, 0.95).lowReliability).toBe(false);
    expect(percentageInterval(81, 263, 0.95)).toMatchObject({ method: 'wilson', level: 0.95 });
    expect(sig4(percentageInterval(81, 263, 0.95).lower)).toBe(25.53);
  });
});
