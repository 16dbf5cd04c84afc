import type { ComparatorComparison } from '@kpi/shared';

/**
 * A comparator's comparison as words under its figure, with the test that decided it: "Sandwell’s
 * DfE figure for 2023 (38.8) is better than this. Compared by value: no interval for this
 * measure". The council figure is named, so a monthly or illustrative one is never mistaken for
 * the official figure.
 */
export function comparisonWords(comparison: ComparatorComparison): string {
  return `${comparison.councilLabel} (${comparison.councilDisplayValue}) is ${comparison.phrase} this. ${comparison.testNote}`;
}
