import type { Polarity } from '../contracts/enums';
import { roundToPrecision } from './rounding';

/**
 * Is the council better, worse or similar to a comparator? One rule, used by the scorecard, the
 * KPI page, the briefing and the exports, so the words agree everywhere.
 *
 * The plain rule (`tolerance`, the default): both figures are first rounded to the indicator's
 * published precision (what the reader sees), then
 *   - "similar" when the difference is no more than 5% of the comparator's figure
 *     (|council − comparator| ≤ 0.05 × |comparator|; e.g. 52.5 against 50.0 is similar, 52.6 is not);
 *   - otherwise "better" or "worse" by the indicator's polarity, or "higher" / "lower" when it has
 *     none (a count or rate where neither direction is good in itself).
 * A figure is never judged against nothing: both must be numbers.
 *
 * The interval rule (`interval`) is where a significance test plugs in: give a confidence interval
 * around the council's figure and "similar" means the comparator lies inside it (inclusive);
 * outside it, better/worse/higher/lower as above. Callers pass whichever strategy they hold, so
 * replacing the tolerance with intervals later changes no caller's wording.
 */

export type ComparisonVerdict = 'better' | 'worse' | 'similar' | 'higher' | 'lower';

export type ComparisonStrategy =
  | { kind: 'tolerance'; relative: number }
  | { kind: 'interval'; lower: number; upper: number; level?: number };

/** 5% of the comparator's figure. */
export const DEFAULT_COMPARISON_TOLERANCE = 0.05;

export const TOLERANCE_RULE_WORDS =
  'Similar means within 5% of the comparator’s figure (at the precision shown); otherwise better or worse by whether higher or lower is better for this KPI, or simply higher or lower where neither is.';

export interface ComparisonInput {
  council: number;
  comparator: number;
  polarity: Polarity;
  /** Decimal places the indicator is published to; both figures are compared as shown. */
  precision: number;
  strategy?: ComparisonStrategy;
}

export interface ComparisonOutcome {
  verdict: ComparisonVerdict;
  /** council − comparator, at the published precision. */
  difference: number;
  /** "better than", "worse than", "similar to", "higher than", "lower than". */
  phrase: string;
  /** Which rule decided "similar": the tolerance or a confidence interval. */
  rule: ComparisonStrategy['kind'];
}

const PHRASES: Record<ComparisonVerdict, string> = {
  better: 'better than',
  worse: 'worse than',
  similar: 'similar to',
  higher: 'higher than',
  lower: 'lower than',
};

export function comparisonPhrase(verdict: ComparisonVerdict): string {
  return PHRASES[verdict];
}

function directional(difference: number, polarity: Polarity): ComparisonVerdict {
  const higher = difference > 0;
  if (polarity === 'none') return higher ? 'higher' : 'lower';
  return higher === (polarity === 'higher_is_better') ? 'better' : 'worse';
}

export function compareWithComparator(input: ComparisonInput): ComparisonOutcome {
  const { polarity, precision } = input;
  if (!Number.isFinite(input.council) || !Number.isFinite(input.comparator)) {
    throw new RangeError('Both figures must be numbers to compare them');
  }
  const council = roundToPrecision(input.council, precision);
  const comparator = roundToPrecision(input.comparator, precision);
  const difference = roundToPrecision(council - comparator, precision);
  const strategy = input.strategy ?? { kind: 'tolerance', relative: DEFAULT_COMPARISON_TOLERANCE };
  let similar: boolean;
  if (strategy.kind === 'interval') {
    if (strategy.lower > strategy.upper) throw new RangeError('An interval’s lower bound must not exceed its upper');
    similar = comparator >= strategy.lower && comparator <= strategy.upper;
  } else {
    if (!(strategy.relative >= 0)) throw new RangeError('A tolerance must be zero or more');
    // Compare in whole units of the last shown decimal so 52.5 vs 50.0 at 5% is exactly "within".
    const scale = 10 ** precision;
    const gap = Math.abs(Math.round(council * scale) - Math.round(comparator * scale));
    similar = gap <= Math.abs(comparator) * scale * strategy.relative + 1e-9;
  }
  const verdict: ComparisonVerdict = similar || difference === 0 ? 'similar' : directional(difference, polarity);
  return { verdict, difference, phrase: PHRASES[verdict], rule: strategy.kind };
}
