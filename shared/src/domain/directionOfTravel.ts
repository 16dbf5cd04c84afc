import type { Polarity } from '../contracts/enums';
import { addMonths, assertMonth, monthRange } from './periods';
import { assertPrecision, roundToPrecision, withoutFloatNoise } from './rounding';

/**
 * Direction of travel of a monthly KPI against three comparison points: the previous month, the
 * same month a year earlier, and the average of the previous 12 months (the 12 months before the
 * month, not including it).
 *
 * Both figures are compared as displayed: each is rounded to the KPI's precision (the 12-month
 * average after averaging), and the difference is the rounded current minus the rounded
 * comparison. A difference smaller than one display step (0.1 at 1 dp) is therefore exactly zero
 * and reads "No change", so the arrow never contradicts the numbers on screen. With a polarity the
 * words are Improving / Worsening / No change; with polarity `none`, Increasing / Decreasing /
 * No change. A missing comparison point (or a missing current figure) is `not_available` with a
 * null value and difference. The 12-month average needs all 12 months unless told otherwise.
 */

export type Direction = 'improving' | 'worsening' | 'increasing' | 'decreasing' | 'no_change' | 'not_available';

export const DIRECTION_LABELS: Record<Direction, string> = {
  improving: 'Improving',
  worsening: 'Worsening',
  increasing: 'Increasing',
  decreasing: 'Decreasing',
  no_change: 'No change',
  not_available: 'Not available',
};

export interface Comparison {
  direction: Direction;
  /** Display word: 'Improving', 'No change', 'Not available' … */
  label: string;
  /** The comparison figure, rounded to the display precision; null when not available. */
  comparisonValue: number | null;
  /** Rounded current minus rounded comparison; null when not available. */
  difference: number | null;
}

/** Compares two figures at display precision. */
export function compareValues(
  current: number | null,
  comparison: number | null,
  polarity: Polarity,
  precision: number,
): Comparison {
  assertPrecision(precision);
  if (current === null || comparison === null) {
    return {
      direction: 'not_available',
      label: DIRECTION_LABELS.not_available,
      comparisonValue: comparison === null ? null : roundToPrecision(comparison, precision),
      difference: null,
    };
  }
  const roundedCurrent = roundToPrecision(current, precision);
  const roundedComparison = roundToPrecision(comparison, precision);
  // Both have at most `precision` decimals, so rounding the float difference restores the exact decimal.
  const difference = roundToPrecision(roundedCurrent - roundedComparison, precision);
  let direction: Direction;
  if (difference === 0) direction = 'no_change';
  else if (polarity === 'none') direction = difference > 0 ? 'increasing' : 'decreasing';
  else direction = difference > 0 === (polarity === 'higher_is_better') ? 'improving' : 'worsening';
  return { direction, label: DIRECTION_LABELS[direction], comparisonValue: roundedComparison, difference };
}

export interface DirectionOfTravelInput {
  /** The month being described. */
  month: string;
  /** The KPI's monthly values, in any order; months may be absent. */
  values: ReadonlyArray<{ month: string; value: number | null }>;
  polarity: Polarity;
  precision: number;
  /** Fewest of the previous 12 months needed for the average; default 12 (all). */
  minimumMonthsForAverage?: number;
  /**
   * Measured cumulatively from April (a year-to-date figure): April's one month is not compared
   * with March's twelve, and an average of year-to-date figures of different lengths means
   * nothing; the same month a year earlier covers the same months, so it stays.
   */
  cumulativeFromApril?: boolean;
}

export interface DirectionOfTravel {
  current: number | null;
  previousMonth: Comparison & { month: string };
  sameMonthLastYear: Comparison & { month: string };
  previous12MonthAverage: Comparison & { from: string; to: string; monthsUsed: number };
}

export function directionOfTravel(input: DirectionOfTravelInput): DirectionOfTravel {
  const { month, polarity, precision } = input;
  assertMonth(month);
  const minimum = input.minimumMonthsForAverage ?? 12;
  if (!Number.isInteger(minimum) || minimum < 1 || minimum > 12) {
    throw new RangeError(`minimumMonthsForAverage must be a whole number from 1 to 12; got ${minimum}`);
  }
  const byMonth = new Map<string, number | null>();
  for (const row of input.values) {
    assertMonth(row.month, 'value month');
    if (byMonth.has(row.month)) throw new Error(`Two values for ${row.month}; expected one per month`);
    byMonth.set(row.month, row.value);
  }
  const valueAt = (m: string): number | null => byMonth.get(m) ?? null;
  const current = valueAt(month);

  const previous = addMonths(month, -1);
  const lastYear = addMonths(month, -12);
  const from = addMonths(month, -12);
  const to = previous;
  const window = monthRange(from, to)
    .map(valueAt)
    .filter((v): v is number => v !== null);
  const cumulative = input.cumulativeFromApril === true;
  const average =
    !cumulative && window.length >= minimum
      ? withoutFloatNoise(window.reduce((sum, v) => sum + v, 0) / window.length)
      : null;
  // April starts a new year-to-date: the month before it belongs to another year's count.
  const previousValue = cumulative && month.endsWith('-04') ? null : valueAt(previous);

  return {
    current,
    previousMonth: { month: previous, ...compareValues(current, previousValue, polarity, precision) },
    sameMonthLastYear: { month: lastYear, ...compareValues(current, valueAt(lastYear), polarity, precision) },
    previous12MonthAverage: {
      from,
      to,
      monthsUsed: average === null ? 0 : window.length,
      ...compareValues(current, average, polarity, precision),
    },
  };
}
