import type { COMPARISON_TESTS, Polarity, Unit } from '../contracts/enums';
import { type ConfidenceInterval, INTERVAL_METHOD_NAMES, percentageInterval, rateInterval } from './intervals';
import { assertPrecision, roundToPrecision } from './rounding';

/**
 * Is the council better, worse or similar to a comparator (statistical neighbours, region,
 * England)? The one rule, used by the scorecard, the KPI page, the briefing and the exports, so
 * the words agree everywhere, and every use says which test decided it.
 *
 * The interval test (`confidence_interval`), OHID Fingertips' method (FingertipsNext
 * `BenchmarkComparisonEngine`), wherever the council's figure has one (a percentage with its
 * numerator and denominator: Wilson; a rate per 10,000 with its count: Byar's method, or the exact
 * Poisson interval below 10 events): the council's 95% interval entirely above the comparator's
 * figure is higher, entirely below is lower, touching or overlapping it is similar. The
 * comparator's own interval is not used.
 *
 * The value test (`value`), where there is no interval (no numerator and denominator; a DfE
 * figure published as a rate or percentage): both figures are first rounded to the indicator's
 * published precision (what the reader sees), then "similar" when the difference is no more than
 * 5% of the comparator's figure (|council − comparator| ≤ 0.05 × |comparator|; 52.5 against 50.0
 * is similar, 52.6 is not).
 *
 * Either way, higher/lower becomes better/worse by the indicator's polarity, and stays "higher" /
 * "lower" when it has none (a count or rate where neither direction is good in itself). A figure
 * is never judged against nothing: both must be numbers (`comparisonJudgement` says
 * `not_compared` instead).
 */

export type ComparisonVerdict = 'better' | 'worse' | 'similar' | 'higher' | 'lower';
export type ComparisonJudgement = ComparisonVerdict | 'not_compared';

/** Which test decided the verdict (the list is the API contract's). */
export type ComparisonTest = (typeof COMPARISON_TESTS)[number];

/** 5% of the comparator's figure. */
export const DEFAULT_COMPARISON_TOLERANCE = 0.05;

/** The short note beside a comparison saying which test was used. */
export const COMPARISON_TEST_NOTES: Record<ComparisonTest, string> = {
  confidence_interval: 'Compared by 95% confidence interval (Fingertips method)',
  // "Similar" by value is the dashboard's own rule (DfE and Fingertips publish none), so it says so
  // wherever a comparison by value is shown.
  value:
    'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
};

/** Both tests in full, for a key or a footnote. */
export const COMPARISON_RULE_WORDS =
  'Where the council’s figure has a numerator and denominator, its 95% confidence interval is compared with the comparator’s figure (the Fingertips method): entirely above or below it is higher or lower, otherwise similar. Without one, similar means within 5% of the comparator’s figure (at the precision shown; the dashboard’s own rule, as DfE and Fingertips publish none). Higher or lower is then better or worse by whether higher or lower is better for this KPI, or stays higher or lower where neither is.';

export const COMPARISON_JUDGEMENT_WORDS: Record<ComparisonJudgement, string> = {
  better: 'Better',
  worse: 'Worse',
  similar: 'Similar',
  higher: 'Higher',
  lower: 'Lower',
  not_compared: 'Not compared',
};

export interface ComparisonInput {
  council: number;
  comparator: number;
  polarity: Polarity;
  /** Decimal places the indicator is published to; the value test compares figures as shown. */
  precision: number;
  /** The council's confidence interval, where its figure has one: the interval test is used. */
  interval?: ConfidenceInterval | null;
}

export interface ComparisonOutcome {
  verdict: ComparisonVerdict;
  /** council − comparator, at the published precision. */
  difference: number;
  /** "better than", "worse than", "similar to", "higher than", "lower than". */
  phrase: string;
  /** Which test decided "similar": the council's confidence interval, or the value within 5%. */
  test: ComparisonTest;
  /** "Compared by 95% confidence interval (Fingertips method)" / "Compared by value: …". */
  testNote: string;
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

function directional(higher: boolean, polarity: Polarity): ComparisonVerdict {
  if (polarity === 'none') return higher ? 'higher' : 'lower';
  return higher === (polarity === 'higher_is_better') ? 'better' : 'worse';
}

export function compareWithComparator(input: ComparisonInput): ComparisonOutcome {
  const { polarity, precision, interval } = input;
  if (!Number.isFinite(input.council) || !Number.isFinite(input.comparator)) {
    throw new RangeError('Both figures must be numbers to compare them');
  }
  const council = roundToPrecision(input.council, precision);
  const comparator = roundToPrecision(input.comparator, precision);
  const difference = roundToPrecision(council - comparator, precision);
  let verdict: ComparisonVerdict;
  let test: ComparisonTest;
  if (interval) {
    if (interval.lower > interval.upper) throw new RangeError('An interval’s lower bound must not exceed its upper');
    test = 'confidence_interval';
    // Fingertips compares the unrounded interval with the benchmark's published value.
    const above = interval.lower > input.comparator;
    const below = interval.upper < input.comparator;
    verdict = above || below ? directional(above, polarity) : 'similar';
  } else {
    test = 'value';
    // Compare in whole units of the last shown decimal so 52.5 vs 50.0 at 5% is exactly "within".
    const scale = 10 ** precision;
    const gap = Math.abs(Math.round(council * scale) - Math.round(comparator * scale));
    const similar = difference === 0 || gap <= Math.abs(comparator) * scale * DEFAULT_COMPARISON_TOLERANCE + 1e-9;
    verdict = similar ? 'similar' : directional(difference > 0, polarity);
  }
  return { verdict, difference, phrase: PHRASES[verdict], test, testNote: COMPARISON_TEST_NOTES[test] };
}

/** The verdict as a word for a table cell, or `not_compared` when either figure is missing. */
export function comparisonJudgement(
  value: number | null,
  comparator: number | null,
  polarity: Polarity,
  precision: number,
  interval: ConfidenceInterval | null = null,
): ComparisonJudgement {
  assertPrecision(precision);
  if (value === null || comparator === null) return 'not_compared';
  return compareWithComparator({ council: value, comparator, polarity, precision, interval }).verdict;
}

/**
 * The council's 95% interval for a figure, where it has one: a percentage with a whole-number
 * numerator and denominator (Wilson), a rate per 10,000 with its count and population (Byar's or
 * exact Poisson). Anything else has none, and is compared by value.
 */
export function councilInterval(
  unit: Unit,
  numerator: number | null | undefined,
  denominator: number | null | undefined,
  level: ConfidenceInterval['level'] = 0.95,
): ConfidenceInterval | null {
  if (typeof numerator !== 'number' || !Number.isInteger(numerator) || numerator < 0) return null;
  if (typeof denominator !== 'number' || !(denominator > 0)) return null;
  if (unit === 'percent') {
    if (!Number.isInteger(denominator) || numerator > denominator) return null;
    return percentageInterval(numerator, denominator, level);
  }
  if (unit === 'rate_per_10k') return rateInterval(numerator, denominator, level);
  return null;
}

/** "Compared by 95% confidence interval (Wilson score interval, Fingertips method)". */
export function comparisonTestNote(interval: ConfidenceInterval | null): string {
  if (!interval) return COMPARISON_TEST_NOTES.value;
  const percent = interval.level === 0.95 ? '95%' : '99.8%';
  return `Compared by ${percent} confidence interval (${INTERVAL_METHOD_NAMES[interval.method]}, Fingertips method)`;
}

export type Relation = 'above' | 'below' | 'same' | 'not_available';
export type Position = 'better' | 'worse' | 'same' | 'not_comparable';

export interface Standing {
  /** Where the figure lies against the comparator (see `comparatorStanding`). */
  relation: Relation;
  /** Whether that is better or worse by the rule above; "same" when it is similar. */
  position: Position;
}

/**
 * Where a figure stands against a comparator (a statistical-neighbour average, the region,
 * England): above, below or the same, and better, worse or the same by the one rule above. A
 * monitored indicator with no polarity (contacts, children in care) is still above or below; it
 * is never called better or worse.
 *
 * The relation never contradicts the position. Where the rule finds a difference (better, worse,
 * higher, lower) the relation is that difference's direction, even when both figures read the
 * same at the display precision: 50.04 against 50.0 with a 95% interval of 50.02–50.06 is
 * "above (better)", as the interval shows, not "the same as (better)". Where the rule finds them
 * similar, the relation is read from the figures as shown (above, below or the same), since
 * "similar" says only that the difference is not one to act on, not that there is none.
 */
export function comparatorStanding(
  value: number | null,
  comparator: number | null,
  polarity: Polarity,
  precision: number,
  interval: ConfidenceInterval | null = null,
): Standing {
  if (value === null || comparator === null) return { relation: 'not_available', position: 'not_comparable' };
  assertPrecision(precision);
  const { verdict } = compareWithComparator({ council: value, comparator, polarity, precision, interval });
  if (verdict === 'similar') {
    const a = roundToPrecision(value, precision);
    const b = roundToPrecision(comparator, precision);
    return { relation: a > b ? 'above' : a < b ? 'below' : 'same', position: 'same' };
  }
  if (verdict === 'higher' || verdict === 'lower') {
    return { relation: verdict === 'higher' ? 'above' : 'below', position: 'not_comparable' };
  }
  const higher = (verdict === 'better') === (polarity === 'higher_is_better');
  return { relation: higher ? 'above' : 'below', position: verdict };
}

const RELATION_WORDS: Record<Relation, string> = {
  above: 'above',
  below: 'below',
  same: 'the same as',
  not_available: 'not comparable with',
};

/** "below the statistical-neighbour average (54.5, 2023/24)" */
export function standingInWords(relation: Relation, against: string, display: string, period: string): string {
  return `${RELATION_WORDS[relation]} ${against} (${display}, ${period})`;
}
