import type { OverviewResponse } from '@kpi/shared';
import { asc, count, eq, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { comparatorValues, indicators, kpiSetMembers, kpiSets, observations } from '../db/schema';
import { findOrganisation, regionNameOf } from './organisationRepository';

export async function loadOverview(db: DbOrTx): Promise<OverviewResponse | null> {
  const organisation = await findOrganisation(db);
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

  const byProvenance = await db
    .select({ provenance: orgObservations.provenance, count: sql<number>`count(*)::int` })
    .from(orgObservations)
    .groupBy(orgObservations.provenance)
    .orderBy(asc(orgObservations.provenance));
  const [latest] = await db.select({ month: max(orgObservations.month) }).from(orgObservations);
  const [comparators] = await db.select({ n: count() }).from(comparatorValues);

  return {
    organisation: {
      name: organisation.name,
      laCode: organisation.areaCode,
      oldLaCode: organisation.oldLaCode,
      regionName,
      providerName: organisation.providerName,
      statisticalNeighbourModel: organisation.snModelName,
    },
    kpiSets: sets,
    latestMonth: latest?.month ? latest.month.slice(0, 7) : null,
    observationCounts: byProvenance,
    comparatorCount: Number(comparators?.n ?? 0),
  };
}
