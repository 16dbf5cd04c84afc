import { precisionStep, withoutFloatNoise } from './rounding';

/**
 * Whether a monthly figure is far from the KPI's recent figures: the warning a return upload gives
 * for a figure that looks mistyped. Pure maths (median, median absolute deviation); the wording of
 * the warning is the server's.
 */

export interface Outlier {
  basis: 'median' | 'previous';
  /** The median of the previous months, or the latest previous figure. */
  reference: number;
  referenceMonth: string | null;
  /** How far from the reference a figure may be before it is flagged. */
  allowed: number;
  count: number;
}

/** Months of history needed for the median rule; with fewer the previous-month rule applies. */
export const MEDIAN_RULE_MIN_MONTHS = 6;
/**
 * The median rule never flags a figure within 25% of the median: the warning is for figures that
 * look mistyped (a slipped decimal point, a fraction for a percentage, the wrong row), and on the
 * real 2020-21 caseloads a tighter allowance flags ordinary month-to-month movement.
 */
export const MEDIAN_RULE_FLOOR = 0.25;
/** 1.4826 × MAD estimates the standard deviation of normally distributed figures. */
const MAD_TO_SD = 1.4826;

/** The middle value (the mean of the middle two for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : withoutFloatNoise((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** The median of the distances from the median: a spread that one wild value does not move. NaN for no values. */
export function medianAbsoluteDeviation(values: readonly number[], centre = median(values)): number {
  return median(values.map((v) => Math.abs(v - centre)));
}

/**
 * Whether a figure is far from the KPI's recent figures (`previous`: up to the 12 months before,
 * oldest first). With 6 or more earlier months: more than 3 robust standard deviations
 * (3 × 1.4826 × the median absolute deviation) from their median, where the allowance is never
 * less than 25% of the median or one step at the KPI's precision (so a flat series does not flag
 * every small change). With 1–5 earlier months: more than 50% away from the latest of them (again
 * at least one step). With none: never.
 */
export function outlier(
  value: number,
  previous: readonly { month: string; value: number }[],
  precision: number,
): Outlier | null {
  const step = precisionStep(precision);
  if (previous.length === 0) return null;
  if (previous.length < MEDIAN_RULE_MIN_MONTHS) {
    const latest = previous[previous.length - 1]!;
    const allowed = Math.max(0.5 * Math.abs(latest.value), step);
    if (Math.abs(value - latest.value) <= allowed) return null;
    return {
      basis: 'previous',
      reference: latest.value,
      referenceMonth: latest.month,
      allowed,
      count: previous.length,
    };
  }
  const values = previous.map((p) => p.value);
  const centre = median(values);
  const mad = medianAbsoluteDeviation(values, centre);
  const allowed = Math.max(3 * MAD_TO_SD * mad, MEDIAN_RULE_FLOOR * Math.abs(centre), step);
  if (Math.abs(value - centre) <= allowed) return null;
  return { basis: 'median', reference: centre, referenceMonth: null, allowed, count: previous.length };
}
