import type { ComparatorComparison } from '@kpi/shared';

/**
 * A comparator's comparison as words under its figure: "Sandwell’s DfE figure for 2023 (38.8) is
 * better than this". The council figure is named, so a monthly or illustrative one is never
 * mistaken for the official figure.
 */
export function comparisonWords(comparison: ComparatorComparison): string {
  return `${comparison.councilLabel} (${comparison.councilDisplayValue}) is ${comparison.phrase} this`;
}
