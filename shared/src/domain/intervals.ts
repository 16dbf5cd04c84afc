/**
 * Confidence intervals for small numbers (the comparison that uses them is in comparison.ts).
 *
 * The methods UK public health statistics use (OHID's "Confidence intervals" technical guidance,
 * the methods behind its PHEindicatormethods package). Implemented here from the published
 * formulas, not from that package's (GPL) code:
 *
 * - proportions: Wilson score interval (Wilson 1927; Newcombe 1998, method 3, no continuity
 *   correction);
 * - counts and rates: Byar's approximation to the Poisson interval for 10 events or more, and the
 *   exact Poisson interval (Garwood 1936) below 10, where Byar's is poor.
 *
 * The exact interval's chi-squared quantiles are found without a statistics library: with an even
 * number of degrees of freedom, 2k, the chi-squared distribution function is one minus a Poisson
 * tail, P(χ²₂ₖ ≤ 2λ) = P(Poisson(λ) ≥ k), so the limits are the λ that solve
 * P(X ≥ O | λ) = α/2 (lower) and P(X ≤ O | λ) = α/2 (upper). Both tails are monotone in λ and are
 * summed exactly for the small counts this is used for; bisection finds λ to machine precision.
 */

export const CONFIDENCE_LEVELS = [0.95, 0.998] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** Standard normal quantiles z(1 − α/2): qnorm(0.975) and qnorm(0.999). */
const Z: Record<ConfidenceLevel, number> = { 0.95: 1.959963984540054, 0.998: 3.090232306167813 };

/** Byar's method from this many events up; exact Poisson below (OHID's rule). */
export const BYAR_MINIMUM_COUNT = 10;

/**
 * Low reliability, GSS shorthand [u]: a figure resting on fewer than 20 cases. For a percentage
 * that is its denominator; for a rate per 10,000, whose denominator is a population of thousands,
 * it is the number of events (the ONS convention: "rates based on fewer than 20 events are marked
 * [u]").
 */
export const LOW_RELIABILITY_THRESHOLD = 20;
export const LOW_RELIABILITY_NOTE = `[u] low reliability: based on fewer than ${LOW_RELIABILITY_THRESHOLD} cases (the denominator of a percentage, the number of events of a rate).`;

export type IntervalMethod = 'wilson' | 'byar' | 'exact_poisson';

export const INTERVAL_METHOD_NAMES: Record<IntervalMethod, string> = {
  wilson: 'Wilson score interval',
  byar: "Byar's method",
  exact_poisson: 'exact Poisson interval',
};

export interface ConfidenceInterval {
  lower: number;
  upper: number;
  level: ConfidenceLevel;
  method: IntervalMethod;
  lowReliability: boolean;
}

function assertCount(name: string, x: number): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`${name} must be a whole number of 0 or more; got ${x}`);
}

/** Wilson score interval for numerator/denominator, as proportions (0–1). */
export function wilsonInterval(numerator: number, denominator: number, level: ConfidenceLevel): [number, number] {
  assertCount('The numerator', numerator);
  assertCount('The denominator', denominator);
  if (denominator === 0) throw new RangeError('A proportion needs a denominator greater than zero');
  if (numerator > denominator)
    throw new RangeError(`The numerator (${numerator}) exceeds the denominator (${denominator})`);
  const z = Z[level];
  const o = numerator;
  const n = denominator;
  const spread = z * Math.sqrt(z * z + 4 * o * (1 - o / n));
  const lower = (2 * o + z * z - spread) / (2 * (n + z * z));
  const upper = (2 * o + z * z + spread) / (2 * (n + z * z));
  // 0/n and n/n sit exactly on 0 and 1; the formula reaches them only up to rounding.
  return [o === 0 ? 0 : Math.max(0, lower), o === n ? 1 : Math.min(1, upper)];
}

/** Byar's approximate interval for a Poisson count. */
export function byarInterval(count: number, level: ConfidenceLevel): [number, number] {
  assertCount('The count', count);
  if (count === 0) throw new RangeError("Byar's method needs at least one event; use the exact interval");
  const z = Z[level];
  const o = count;
  const lower = o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
  const upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3;
  return [Math.max(0, lower), upper];
}

/** P(X ≤ k) for X ~ Poisson(λ), summed in log space so large λ does not underflow. */
export function poissonCdf(k: number, lambda: number): number {
  if (lambda === 0) return 1;
  let logTerm = -lambda; // log of e^−λ λ^0 / 0!
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(lambda) - Math.log(i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/** Finds λ in [lo, hi] where f (monotone) crosses target, by bisection to machine precision. */
function solve(f: (lambda: number) => number, target: number, increasing: boolean, hi: number): number {
  let lo = 0;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target === increasing) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Exact (Garwood) Poisson interval: χ²(α/2, 2O)/2 to χ²(1 − α/2, 2O + 2)/2. */
export function exactPoissonInterval(count: number, level: ConfidenceLevel): [number, number] {
  assertCount('The count', count);
  const tail = (1 - level) / 2;
  const hi = count + 20 + 20 * Math.sqrt(count + 1);
  // Lower: P(X ≥ O | λ) = 1 − P(X ≤ O − 1 | λ) rises with λ.
  const lower = count === 0 ? 0 : solve((l) => 1 - poissonCdf(count - 1, l), tail, true, hi);
  // Upper: P(X ≤ O | λ) falls as λ rises.
  const upper = solve((l) => poissonCdf(count, l), tail, false, hi);
  return [lower, upper];
}

/** A percentage (0–100) with its Wilson interval. */
export function percentageInterval(numerator: number, denominator: number, level: ConfidenceLevel): ConfidenceInterval {
  const [lower, upper] = wilsonInterval(numerator, denominator, level);
  return {
    lower: lower * 100,
    upper: upper * 100,
    level,
    method: 'wilson',
    lowReliability: denominator < LOW_RELIABILITY_THRESHOLD,
  };
}

/** A rate (count ÷ population × multiplier, by default per 10,000) with Byar's or the exact interval. */
export function rateInterval(
  count: number,
  population: number,
  level: ConfidenceLevel,
  multiplier = 10_000,
): ConfidenceInterval {
  if (!(population > 0)) throw new RangeError(`A rate needs a population greater than zero; got ${population}`);
  const method: IntervalMethod = count >= BYAR_MINIMUM_COUNT ? 'byar' : 'exact_poisson';
  const [lower, upper] = method === 'byar' ? byarInterval(count, level) : exactPoissonInterval(count, level);
  return {
    lower: (lower * multiplier) / population,
    upper: (upper * multiplier) / population,
    level,
    method,
    lowReliability: count < LOW_RELIABILITY_THRESHOLD,
  };
}
