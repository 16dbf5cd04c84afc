import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/database';
import { areas, indicators, kpiSetMembers, meetings, observations, organisations } from '../db/schema';
import { withTenantScope } from '../db/tenantScope';
import { GROUP_COUNCILS } from '../organisations/membershipRepository';
import { type IndicatorRules, loadIndicatorRules } from '../scorecard/kpiRepository';

/**
 * THE cross-council read of the regional view: every read of another council's own figures
 * (contract KPIs, their bands, observations and meeting dates) goes through `readCouncilKpis`,
 * which is handed the organisations this person may read and reads nothing else. Row-level
 * security wraps exactly this call; what of it the person may see is then decided per council by
 * publication/ `Visibility`.
 */

export interface CouncilKpiRead {
  organisationId: number;
  indicator: typeof indicators.$inferSelect;
  thresholds: IndicatorRules['thresholds'];
  observations: Array<typeof observations.$inferSelect>;
  meetings: Array<typeof meetings.$inferSelect>;
  /** In one of the council's KPI sets (a contract KPI), not only monitored. */
  inKpiSet: boolean;
}

/** `code`: the KPI code to read, or null for every KPI those councils hold (the regional rug: one read). */
export function readCouncilKpis(
  db: DbOrTx,
  readableOrganisationIds: readonly number[],
  code: string | null,
): Promise<CouncilKpiRead[]> {
  // The request's scope is the council in view; this read, and only this one, is scoped to every
  // council the person may read, so row-level security still refuses any other council's rows.
  return withTenantScope(readableOrganisationIds, () => readInScope(db, readableOrganisationIds, code));
}

async function readInScope(
  db: DbOrTx,
  readableOrganisationIds: readonly number[],
  code: string | null,
): Promise<CouncilKpiRead[]> {
  if (readableOrganisationIds.length === 0) return [];
  const ids = [...readableOrganisationIds];
  const found = await db
    .select()
    .from(indicators)
    .where(
      code === null
        ? inArray(indicators.organisationId, ids)
        : and(inArray(indicators.organisationId, ids), eq(indicators.code, code)),
    );
  if (found.length === 0) return [];
  const indicatorIds = found.map((i) => i.id);
  const [rules, observationRows, meetingRows, setMembers] = await Promise.all([
    loadIndicatorRules(db, indicatorIds),
    db
      .select()
      .from(observations)
      .where(inArray(observations.indicatorId, indicatorIds))
      .orderBy(asc(observations.month)),
    db
      .select()
      .from(meetings)
      .where(inArray(meetings.organisationId, [...new Set(found.map((i) => i.organisationId))]))
      .orderBy(asc(meetings.heldOn)),
    db
      .selectDistinct({ indicatorId: kpiSetMembers.indicatorId })
      .from(kpiSetMembers)
      .where(inArray(kpiSetMembers.indicatorId, indicatorIds)),
  ]);
  const inSets = new Set(setMembers.map((m) => m.indicatorId));
  return found.map((indicator) => ({
    organisationId: indicator.organisationId,
    indicator,
    thresholds: rules.get(indicator.id)?.thresholds ?? [],
    observations: observationRows.filter((o) => o.indicatorId === indicator.id),
    meetings: meetingRows.filter((m) => m.organisationId === indicator.organisationId),
    inKpiSet: inSets.has(indicator.id),
  }));
}

/**
 * The served councils of a group, or of a region when no group is named: ids, area codes and
 * names only (which councils a deployment serves is not one council's figures).
 */
export async function servedCouncilsOf(
  db: DbOrTx,
  of: { groupId: number } | { regionCode: string },
): Promise<Array<{ organisationId: number; areaCode: string; name: string }>> {
  if ('regionCode' in of) {
    return db
      .select({ organisationId: organisations.id, areaCode: organisations.areaCode, name: organisations.name })
      .from(organisations)
      .innerJoin(areas, eq(areas.code, organisations.areaCode))
      .where(eq(areas.regionCode, of.regionCode))
      .orderBy(asc(organisations.name));
  }
  const rows = await queryRows<{ organisation_id: number; area_code: string; name: string }>(
    db,
    sql`select o.id as organisation_id, o.area_code, o.name from ${GROUP_COUNCILS} gc
      join organisations o on o.id = gc.organisation_id where gc.group_id = ${of.groupId} order by o.name`,
  );
  return rows.map((r) => ({ organisationId: Number(r.organisation_id), areaCode: r.area_code, name: r.name }));
}
