import type { Polarity } from '../contracts/enums';
import { compareValues } from './directionOfTravel';
import { roundToPrecision } from './rounding';

export type Relation = 'above' | 'below' | 'same' | 'not_available';
export type Position = 'better' | 'worse' | 'same' | 'not_comparable';

export interface Standing {
  /** Where the figure lies against the comparator, compared at the indicator's display precision. */
  relation: Relation;
  /** Whether that is better or worse, allowing for which way is better (never for polarity none). */
  position: Position;
}

/**
 * Where a figure stands against a comparator (a statistical-neighbour average, the region,
 * England): above, below or the same, compared at the indicator's display precision, and
 * better or worse when the indicator has a polarity. A monitored indicator with no polarity
 * (contacts, children in care) is still above or below; it is never called better or worse.
 */
export function comparatorStanding(
  value: number | null,
  comparator: number | null,
  polarity: Polarity,
  precision: number,
): Standing {
  if (value === null || comparator === null) return { relation: 'not_available', position: 'not_comparable' };
  const a = roundToPrecision(value, precision);
  const b = roundToPrecision(comparator, precision);
  const relation: Relation = a > b ? 'above' : a < b ? 'below' : 'same';
  if (polarity === 'none') return { relation, position: relation === 'same' ? 'same' : 'not_comparable' };
  const comparison = compareValues(value, comparator, polarity, precision);
  const position: Position =
    comparison.direction === 'improving'
      ? 'better'
      : comparison.direction === 'worsening'
        ? 'worse'
        : comparison.direction === 'no_change'
          ? 'same'
          : 'not_comparable';
  return { relation, position };
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
