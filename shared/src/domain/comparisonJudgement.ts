import type { Polarity } from '../contracts/enums';
import { assertPrecision, roundToPrecision } from './rounding';

/**
 * Is the council's figure better, worse or similar to a comparator (statistical neighbours,
 * England)? Fingertips judges this from the area's confidence interval, but most KPIs here arrive
 * as rates and percentages without the counts an interval needs, so the rule is a stated band:
 * both figures are compared as displayed (rounded to the KPI's precision) and a difference within
 * `similarWithin` of the comparator (5% of it by default, and never less than one display step)
 * is "similar". Polarity turns higher/lower into better/worse; without one it stays higher/lower.
 * A missing figure on either side is `not_compared`, never a guess.
 */
export type ComparisonJudgement = 'better' | 'worse' | 'similar' | 'higher' | 'lower' | 'not_compared';

export const COMPARISON_JUDGEMENT_WORDS: Record<ComparisonJudgement, string> = {
  better: 'Better',
  worse: 'Worse',
  similar: 'Similar',
  higher: 'Higher',
  lower: 'Lower',
  not_compared: 'Not compared',
};

export function comparisonJudgement(
  value: number | null,
  comparator: number | null,
  polarity: Polarity,
  precision: number,
  similarWithin = 0.05,
): ComparisonJudgement {
  assertPrecision(precision);
  if (!(similarWithin >= 0)) throw new RangeError(`similarWithin must be 0 or more; got ${similarWithin}`);
  if (value === null || comparator === null) return 'not_compared';
  const ours = roundToPrecision(value, precision);
  const theirs = roundToPrecision(comparator, precision);
  const difference = roundToPrecision(ours - theirs, precision);
  const band = Math.max(Math.abs(theirs) * similarWithin, 10 ** -precision);
  // A difference of exactly one display step or the band's edge still reads "similar".
  if (Math.abs(difference) <= band + 1e-9) return 'similar';
  if (polarity === 'none') return difference > 0 ? 'higher' : 'lower';
  return difference > 0 === (polarity === 'higher_is_better') ? 'better' : 'worse';
}
