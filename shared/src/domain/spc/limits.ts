/**
 * XmR (individuals) chart limits, as NHS England's "Making Data Count" computes them.
 *
 * Follows the NHS-R Community package NHSRplotthedots (MIT licence, © NHS-R Community),
 * `R/ptd_spc_standard.R`: within each rebase group the centre line is the mean of the values (of
 * the first N when limits are fixed after N points), the moving ranges are |x[i] − x[i−1]| over the
 * same values, and with screening on (the package's default) any moving range ≥ 3.267 × the mean
 * moving range is dropped before the mean moving range is recalculated. The process limits are
 * mean ± 2.66 × mean moving range; "close to a limit" starts at mean ± 2 × (2.66 / 3) × mean moving
 * range, written in the same order as the package so the floating-point results agree.
 */

export const LIMIT_FACTOR = 2.66;
export const CLOSE_FACTOR = 2 * (LIMIT_FACTOR / 3);
export const SCREENING_FACTOR = 3.267;

export interface GroupLimits {
  mean: number;
  /** Mean moving range after screening (before it, when screening is off). */
  meanMovingRange: number | null;
  /** Moving ranges screened out as outliers (0 when screening would have left no variation). */
  screenedMovingRanges: number;
  lowerLimit: number | null;
  upperLimit: number | null;
  lowerClose: number | null;
  upperClose: number | null;
  /** How many of the group's values the mean and limits rest on. */
  baselinePoints: number;
}

/** Neumaier's compensated sum: the rounding error of each addition is carried, not lost. */
function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let carried = 0;
  for (const v of values) {
    const next = sum + v;
    carried += Math.abs(sum) >= Math.abs(v) ? sum - next + v : v - next + sum;
    sum = next;
  }
  return sum + carried;
}

/**
 * The mean as R's `mean()` computes it (src/main/summary.c): an accurate sum divided by n, then one
 * correcting pass adding the mean of the residuals. R sums in long double; a compensated sum gives
 * the same double. Summed naively left to right, figures to one decimal place whose mean is exactly
 * 10.7 give 10.699999999999998, and a month of 10.7 would sit above the mean instead of on it.
 */
export function accurateMean(values: readonly number[]): number {
  const n = values.length;
  const first = compensatedSum(values) / n;
  return first + compensatedSum(values.map((v) => v - first)) / n;
}

/**
 * Two figures closer than this, relative to their size, are the same figure: what is left is
 * floating-point noise, not data (figures are held to at most 15 significant digits).
 */
export const SAME_FIGURE_TOLERANCE = 1e-12;

/**
 * 1 when `a` is above `b`, −1 below, 0 when they are the same figure (see above). Used for a point's
 * side of the mean and for "beyond a limit", so that a figure exactly on the mean is on neither side
 * (it breaks a run) and one exactly on a limit is not beyond it (strict inequalities), whatever the
 * binary rounding of the mean and limits.
 */
export function compareFigures(a: number, b: number): -1 | 0 | 1 {
  const difference = a - b;
  if (Math.abs(difference) <= SAME_FIGURE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))) return 0;
  return difference > 0 ? 1 : -1;
}

const average = accurateMean;

export function movingRanges(values: readonly number[]): number[] {
  const ranges: number[] = [];
  for (let i = 1; i < values.length; i++) ranges.push(Math.abs(values[i]! - values[i - 1]!));
  return ranges;
}

/**
 * Limits for one group of consecutive values. `fixAfterNPoints` freezes the baseline to the
 * group's first N values. With one value there is no moving range, so no limits (null).
 *
 * Where the package would give no limits at all, a flat series (every moving range 0, so the rule
 * "≥ 3.267 × 0" would screen every range out and leave NaN), nothing is screened here and the limits
 * sit on the mean: the chart then shows what the data says, a flat line.
 *
 * Where screening would drop every non-zero moving range (a flat series with one step), the
 * package's limits would have zero width and flag every point off the mean. Here nothing is
 * screened instead (`screenedMovingRanges` 0) and the unscreened mean moving range is used, so a
 * series that varies at all always has limits of positive width.
 */
export function groupLimits(
  values: readonly number[],
  options: { screenOutliers: boolean; fixAfterNPoints: number | null },
): GroupLimits {
  if (values.length === 0) throw new Error('groupLimits needs at least one value');
  const baseline = options.fixAfterNPoints === null ? values : values.slice(0, options.fixAfterNPoints);
  const mean = average(baseline);
  const ranges = movingRanges(baseline);
  if (ranges.length === 0) {
    return {
      mean,
      meanMovingRange: null,
      screenedMovingRanges: 0,
      lowerLimit: null,
      upperLimit: null,
      lowerClose: null,
      upperClose: null,
      baselinePoints: baseline.length,
    };
  }
  let amr = average(ranges);
  let screened = 0;
  if (options.screenOutliers && amr > 0) {
    // Some range is at most the mean, so `kept` is never empty when amr > 0.
    const kept = ranges.filter((r) => r < SCREENING_FACTOR * amr);
    const screenedAmr = average(kept);
    // Screening every non-zero range out (eleven 50.0s then 50.1) would leave limits of zero width
    // with every point but the flat ones "outside": the screen is meant to stop one jump inflating
    // the limits, not to erase the only variation there is. Then nothing is screened.
    if (screenedAmr > 0) {
      screened = ranges.length - kept.length;
      amr = screenedAmr;
    }
  }
  return {
    mean,
    meanMovingRange: amr,
    screenedMovingRanges: screened,
    lowerLimit: mean - LIMIT_FACTOR * amr,
    upperLimit: mean + LIMIT_FACTOR * amr,
    lowerClose: mean - CLOSE_FACTOR * amr,
    upperClose: mean + CLOSE_FACTOR * amr,
    baselinePoints: baseline.length,
  };
}
