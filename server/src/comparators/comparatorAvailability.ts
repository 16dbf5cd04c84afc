import type { ComparatorLine, ComparatorPoint } from '@kpi/shared';
import type { DbOrTx } from '../db/database';
import { type IndicatorRow, listIndicators } from '../scorecard/kpiRepository';

const OTHER_AREAS: readonly ComparatorLine[] = ['statistical_neighbours', 'region', 'england'];

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
  if (indicator.unit !== 'count' || !indicator.comparatorMeasure) return { lines, note: null };
  const hadOthers = OTHER_AREAS.some((line) => (lines.get(line) ?? []).length > 0);
  if (!hadOthers) return { lines, note: null };
  const kept = new Map(lines);
  for (const line of OTHER_AREAS) kept.set(line, []);
  const rateMeasure = indicator.comparatorMeasure.replace(/_count$/, '_rate');
  const rate = (await listIndicators(db, organisationId)).find(
    (i) => i.comparatorMeasure === rateMeasure && i.unit === 'rate_per_10k',
  );
  const offer = rate
    ? `Compare the rate instead: ${rate.code}, ${rate.shortTitle ?? rate.title}, is set against the statistical neighbours, the region and England.`
    : 'No KPI here holds the rate per 10,000 for this measure.';
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
