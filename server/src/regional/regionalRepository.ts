import { and, asc, eq, inArray, isNull, like, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { areas, comparatorValues, organisations } from '../db/schema';
import { type CouncilSight, servedHereFor } from '../organisations/councilSight';

/** SQL for the regional view: regions, a region's councils, and DfE's figures for them. */

export const ENGLAND_CODE = 'E92000001';

/**
 * The nine English regions (E12…). DfE's Inner and Outer London (E13…) are region-level areas
 * with figures of their own, but no council has one as its region (a borough's is London).
 */
export async function listRegions(db: DbOrTx): Promise<Array<{ code: string; name: string }>> {
  return db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(and(eq(areas.level, 'region'), like(areas.code, 'E12%')))
    .orderBy(asc(areas.name));
}

/**
 * The region's local authorities by name, each marked `servedHere` when this deployment serves it
 * and the person may read it (organisations/councilSight.ts: another council being served here is
 * not theirs to know). Only the area and the organisation's existence are read here: a served
 * council's own monthly KPIs are not part of the regional view (see regionalView.ts).
 */
export async function councilsOfRegion(db: DbOrTx, regionCode: string, sight: CouncilSight) {
  const rows = await db
    .select({
      areaCode: areas.code,
      name: areas.name,
      laNumber: areas.oldLaCode,
      organisationId: organisations.id,
    })
    .from(areas)
    .leftJoin(organisations, eq(organisations.areaCode, areas.code))
    .where(and(eq(areas.level, 'local_authority'), eq(areas.regionCode, regionCode)))
    .orderBy(asc(areas.name));
  return rows.map(({ organisationId, ...row }) => ({ ...row, servedHere: servedHereFor(sight, organisationId) }));
}

export type RegionalFigureRow = {
  measureCode: string;
  areaCode: string;
  unit: (typeof comparatorValues.$inferSelect)['unit'];
  timePeriod: string;
  periodEnd: string;
  value: number | null;
  symbol: (typeof comparatorValues.$inferSelect)['symbol'];
  sourceRelease: string;
};

/**
 * DfE's figures (as published, or computed from DfE's counts) for these areas and measures,
 * oldest period first; never a figure quoted in a council paper, which is one council's words
 * rather than DfE's series. One figure per measure, area and period: an import updates DfE
 * figures in place, so where two releases hold one (an older vintage), the later-loaded wins.
 */
export async function dfeFigures(
  db: DbOrTx,
  params: { measureCodes: readonly string[]; areaCodes: readonly string[] },
): Promise<RegionalFigureRow[]> {
  if (params.measureCodes.length === 0 || params.areaCodes.length === 0) return [];
  const rows = await db
    .select({
      measureCode: comparatorValues.measureCode,
      areaCode: comparatorValues.areaCode,
      unit: comparatorValues.unit,
      timePeriod: comparatorValues.timePeriod,
      periodEnd: comparatorValues.periodEnd,
      value: comparatorValues.value,
      symbol: comparatorValues.symbol,
      sourceRelease: comparatorValues.sourceRelease,
    })
    .from(comparatorValues)
    .where(
      and(
        eq(comparatorValues.kind, 'area'),
        inArray(comparatorValues.source, ['dfe_release', 'computed']),
        inArray(comparatorValues.measureCode, [...params.measureCodes]),
        inArray(comparatorValues.areaCode, [...params.areaCodes]),
      ),
    )
    .orderBy(asc(comparatorValues.periodEnd), asc(comparatorValues.id));
  const latest = new Map<string, RegionalFigureRow>();
  for (const row of rows) latest.set(`${row.measureCode}|${row.areaCode}|${row.timePeriod}`, row);
  return [...latest.values()];
}

/**
 * The distinct regions of these areas: one code when they are all in one region; null among them
 * for an area without one, so that "all in one region" is never read into a mix.
 */
export async function regionsOfAreas(db: DbOrTx, areaCodes: readonly string[]): Promise<Array<string | null>> {
  if (areaCodes.length === 0) return [];
  const rows = await db
    .selectDistinct({ regionCode: areas.regionCode })
    .from(areas)
    .where(inArray(areas.code, [...areaCodes]));
  return rows.map((row) => row.regionCode);
}

/**
 * Official figures of one measure for these areas, oldest period first: DfE's releases and what is
 * computed from DfE's counts, never a council paper's quoted figure, and not a neighbour average.
 */
export async function officialAreaFigures(db: DbOrTx, params: { measureCode: string; areaCodes: readonly string[] }) {
  return db
    .select({
      areaCode: comparatorValues.areaCode,
      name: areas.name,
      periodEnd: comparatorValues.periodEnd,
      value: comparatorValues.value,
      symbol: comparatorValues.symbol,
      sourceRelease: comparatorValues.sourceRelease,
    })
    .from(comparatorValues)
    .innerJoin(areas, eq(areas.code, comparatorValues.areaCode))
    .where(
      and(
        eq(comparatorValues.measureCode, params.measureCode),
        inArray(comparatorValues.areaCode, [...params.areaCodes]),
        eq(comparatorValues.kind, 'area'),
        ne(comparatorValues.source, 'published_paper'),
        isNull(comparatorValues.snModelId),
      ),
    )
    .orderBy(asc(comparatorValues.periodEnd));
}
