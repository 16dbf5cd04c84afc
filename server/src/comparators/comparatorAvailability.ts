import type { ComparatorLine, ComparatorPoint } from '@kpi/shared';
import type { DbOrTx } from '../db/database';
import { type IndicatorRow, listIndicators } from '../scorecard/kpiRepository';

const OTHER_AREAS: readonly ComparatorLine[] = ['statistical_neighbours', 'region', 'england'];

/** Whether other areas' figures are withheld from an indicator: it is a count with a DfE measure. */
export function isWithheldCount(indicator: Pick<IndicatorRow, 'unit' | 'comparatorMeasure'>): boolean {
  return indicator.unit === 'count' && indicator.comparatorMeasure !== null;
}

/** Whether any other area's line has a figure (the council's own DfE line aside). */
export function hasOtherAreaFigures(lines: ReadonlyMap<ComparatorLine, readonly ComparatorPoint[]>): boolean {
  return OTHER_AREAS.some((line) => (lines.get(line) ?? []).length > 0);
}

/** "Compare the rate instead: PI2, …": the KPI holding the rate per 10,000 for a count's measure, if any. */
export function rateOffer(indicator: Pick<IndicatorRow, 'comparatorMeasure'>, indicators: readonly IndicatorRow[]) {
  const rateMeasure = (indicator.comparatorMeasure ?? '').replace(/_count$/, '_rate');
  const rate = indicators.find((i) => i.comparatorMeasure === rateMeasure && i.unit === 'rate_per_10k');
  return rate
    ? `Compare the rate instead: ${rate.code}, ${rate.shortTitle ?? rate.title}, is set against the statistical neighbours, the region and England.`
    : 'No KPI here holds the rate per 10,000 for this measure.';
}

/**
 * Where a monitored count's standing would be: why it is not set against other areas. DfE's
 * figures for them are totals for a reporting year (England's the whole country's, a region's the
 * sum of its councils'), so "below the West Midlands average (62,720)" beside one month's 292
 * compares neither like periods nor like populations.
 */
export function countStandingNote(indicator: Pick<IndicatorRow, 'code' | 'comparatorMeasure'>, offer: string): string {
  return `${indicator.code} is a count, so it is not set against other areas’ figures: theirs are totals for a whole reporting year over populations of very different sizes (England’s is the whole country, a region’s the sum of its councils), and a count compared with them says nothing about practice. ${offer}`;
}

/**
 * A count is never set against other areas' totals: England's 50,780 children on a plan and the
 * council's 339 on one axis put the council's line flat on zero and compare populations, not
 * practice. Other areas' lines are withheld for a count (the council's own DfE count stays, as it
 * measures the same thing), and the note offers the KPI that holds the rate per 10,000.
 */
export async function countLinesWithheld(
  db: DbOrTx,
  organisationId: number,
  indicator: IndicatorRow,
  lines: Map<ComparatorLine, ComparatorPoint[]>,
): Promise<{ lines: Map<ComparatorLine, ComparatorPoint[]>; note: string | null }> {
  if (!isWithheldCount(indicator) || !hasOtherAreaFigures(lines)) return { lines, note: null };
  const kept = new Map(lines);
  for (const line of OTHER_AREAS) kept.set(line, []);
  const offer = rateOffer(indicator, await listIndicators(db, organisationId));
  return {
    lines: kept,
    note: `${indicator.code} is a count, so other areas’ totals are not plotted: they count children in populations of very different sizes (England’s is the whole country), and a count compared with them says nothing about practice. A fair comparison is a rate per 10,000 children. ${offer} The council’s own DfE figure for each year is shown, as it counts the same thing.`,
  };
}

/** Said once when no comparator line has any figure: which comparators exist for the KPI, and where from. */
export function comparatorAvailability(
  indicator: IndicatorRow,
  lines: ReadonlyMap<ComparatorLine, ComparatorPoint[]>,
): string | null {
  const any = [...lines.values()].some((points) => points.length > 0);
  if (any) return null;
  if (!indicator.comparatorMeasure) {
    return `There are no comparators for ${indicator.code}: DfE does not publish this measure (it is defined locally, by the contract), so there are no statistical-neighbour, regional or England figures, and no official DfE figure for the council.`;
  }
  return `Comparators for ${indicator.code} would come from DfE’s published statistics (measure ${indicator.comparatorMeasure}), but none has been imported yet.`;
}
