import { neighbourModelYears, type OverviewResponse } from '@kpi/shared';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { countComparatorsShownTo } from '../comparators/comparatorRepository';
import type { DbOrTx } from '../db/database';
import { comparatorValues, indicators, kpiSetMembers, kpiSets, observations, snModels } from '../db/schema';
import { type Organisation, regionNameOf } from '../organisations/organisationRepository';

/** How many figures of each provenance each month holds; the service keeps the months the reader may see. */
export type MonthCounts = {
  month: string;
  provenance: OverviewResponse['observationCounts'][number]['provenance'];
  count: number;
}[];

export async function loadOverview(
  db: DbOrTx,
  organisation: Organisation | undefined,
): Promise<{
  organisation: Organisation;
  overview: Omit<OverviewResponse, 'latestMonth' | 'observationCounts'>;
  months: MonthCounts;
} | null> {
  if (!organisation) return null;

  const regionName = await regionNameOf(db, organisation.regionCode);

  const sets = await db
    .select({
      code: kpiSets.code,
      name: kpiSets.name,
      effectiveFrom: kpiSets.effectiveFrom,
      effectiveTo: kpiSets.effectiveTo,
      indicatorCount: sql<number>`count(${kpiSetMembers.indicatorId})::int`,
    })
    .from(kpiSets)
    .leftJoin(kpiSetMembers, eq(kpiSetMembers.kpiSetId, kpiSets.id))
    .where(eq(kpiSets.organisationId, organisation.id))
    .groupBy(kpiSets.id)
    .orderBy(asc(kpiSets.effectiveFrom));

  const orgObservations = db
    .select({ month: observations.month, provenance: observations.provenance })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(eq(indicators.organisationId, organisation.id))
    .as('org_observations');

  const months = await db
    .select({
      month: orgObservations.month,
      provenance: orgObservations.provenance,
      count: sql<number>`count(*)::int`,
    })
    .from(orgObservations)
    .groupBy(orgObservations.month, orgObservations.provenance)
    .orderBy(asc(orgObservations.month), asc(orgObservations.provenance));
  // The comparator figures the council in view's pages may show, not every area's the deployment holds.
  const measures = await db
    .selectDistinct({ code: indicators.comparatorMeasure })
    .from(indicators)
    .where(and(eq(indicators.organisationId, organisation.id), isNotNull(indicators.comparatorMeasure)));
  const measureCodes = measures.flatMap((m) => (m.code ? [m.code] : []));
  const comparatorCount = await countComparatorsShownTo(db, {
    measureCodes,
    organisationAreaCode: organisation.areaCode,
    regionCode: organisation.regionCode,
  });

  // The neighbour averages the council's pages show (its KPIs' measures, by the lookup index), by
  // model and period: each year's is over the model in force then.
  const heldAverages =
    measureCodes.length === 0
      ? []
      : await db
          .selectDistinct({
            id: snModels.id,
            code: snModels.code,
            name: snModels.name,
            publishedOn: snModels.publishedOn,
            periodEnd: comparatorValues.periodEnd,
          })
          .from(comparatorValues)
          .innerJoin(snModels, eq(snModels.id, comparatorValues.snModelId))
          .where(
            and(
              inArray(comparatorValues.measureCode, measureCodes),
              eq(comparatorValues.kind, 'statistical_neighbour_average'),
              eq(comparatorValues.areaCode, organisation.areaCode),
            ),
          );
  const chosenModelCode = heldAverages.find((h) => h.id === organisation.snModelId)?.code ?? null;

  return {
    organisation,
    months: months.map((m) => ({ month: m.month.slice(0, 7), provenance: m.provenance, count: Number(m.count) })),
    overview: {
      organisation: {
        name: organisation.name,
        laCode: organisation.areaCode,
        oldLaCode: organisation.oldLaCode,
        regionName,
        providerName: organisation.providerName,
        statisticalNeighbourModel: organisation.snModelName,
        statisticalNeighbourModelYears: neighbourModelYears(heldAverages, chosenModelCode),
      },
      kpiSets: sets,
      comparatorCount,
    },
  };
}
