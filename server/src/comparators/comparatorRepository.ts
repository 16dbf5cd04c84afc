import { and, asc, count, eq, inArray, lte, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { comparatorValues, snModels, snNeighbours } from '../db/schema';

export type ComparatorRow = typeof comparatorValues.$inferSelect & {
  snModelName: string | null;
  snModelCode?: string | null;
  snModelPublishedOn?: string | null;
};

/**
 * Comparator values for measures: the organisation's neighbour averages and the region and
 * England figures, oldest period first, optionally only periods ending by a date.
 */
export async function loadComparators(
  db: DbOrTx,
  params: { measureCodes: string[]; organisationAreaCode: string; regionCode: string | null; untilDate?: string },
): Promise<ComparatorRow[]> {
  if (params.measureCodes.length === 0) return [];
  const conditions = [comparatorsShownTo(params)];
  if (params.untilDate) conditions.push(lte(comparatorValues.periodEnd, params.untilDate));
  const rows = await db
    .select({
      value: comparatorValues,
      snModelName: snModels.name,
      snModelCode: snModels.code,
      snModelPublishedOn: snModels.publishedOn,
    })
    .from(comparatorValues)
    .leftJoin(snModels, eq(snModels.id, comparatorValues.snModelId))
    .where(and(...conditions))
    .orderBy(asc(comparatorValues.periodEnd));
  return rows.map((r) => ({
    ...r.value,
    snModelName: r.snModelName,
    snModelCode: r.snModelCode,
    snModelPublishedOn: r.snModelPublishedOn,
  }));
}

/**
 * The comparator figures a council's pages show, of those the deployment holds (DfE figures are
 * held for every area): for its KPIs' comparator measures, its own figures and neighbour averages,
 * its region's and England's. The one rule for the KPI pages, the scorecard and the home page's count.
 */
function comparatorsShownTo(params: {
  measureCodes: readonly string[];
  organisationAreaCode: string;
  regionCode: string | null;
}): SQL {
  const areaCodes = [params.organisationAreaCode, 'E92000001', ...(params.regionCode ? [params.regionCode] : [])];
  return and(
    inArray(comparatorValues.measureCode, [...params.measureCodes]),
    inArray(comparatorValues.areaCode, areaCodes),
  )!;
}

/** How many comparator figures a council's pages may show (see `comparatorsShownTo`). */
export async function countComparatorsShownTo(
  db: DbOrTx,
  params: { measureCodes: readonly string[]; organisationAreaCode: string; regionCode: string | null },
): Promise<number> {
  if (params.measureCodes.length === 0) return 0;
  const [row] = await db.select({ n: count() }).from(comparatorValues).where(comparatorsShownTo(params));
  return Number(row?.n ?? 0);
}

/** How many statistical neighbours each model lists for an area (the "of" of an average). */
export async function neighbourCountsFor(db: DbOrTx, areaCode: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ modelId: snNeighbours.snModelId, n: count() })
    .from(snNeighbours)
    .where(eq(snNeighbours.areaCode, areaCode))
    .groupBy(snNeighbours.snModelId);
  return new Map(rows.map((r) => [r.modelId, Number(r.n)]));
}
