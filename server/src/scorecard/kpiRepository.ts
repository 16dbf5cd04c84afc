import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import {
  commentary,
  gracePeriods,
  indicators,
  kpiSetMembers,
  kpiSets,
  observations,
  reliefEventIndicators,
  reliefEvents,
  thresholdVersions,
  users,
} from '../db/schema';

export type IndicatorRow = typeof indicators.$inferSelect;
export type ObservationRow = typeof observations.$inferSelect;
export type KpiSetRow = typeof kpiSets.$inferSelect;

/** The KPI set in force on a date; the latest-starting one if sets overlap. */
export async function findKpiSetInForce(
  db: DbOrTx,
  organisationId: number,
  onDate: string,
): Promise<KpiSetRow | undefined> {
  const [row] = await db
    .select()
    .from(kpiSets)
    .where(
      and(
        eq(kpiSets.organisationId, organisationId),
        lte(kpiSets.effectiveFrom, onDate),
        or(isNull(kpiSets.effectiveTo), gte(kpiSets.effectiveTo, onDate)),
      ),
    )
    .orderBy(desc(kpiSets.effectiveFrom))
    .limit(1);
  return row;
}

export async function listKpiSets(db: DbOrTx, organisationId: number): Promise<KpiSetRow[]> {
  return db
    .select()
    .from(kpiSets)
    .where(eq(kpiSets.organisationId, organisationId))
    .orderBy(asc(kpiSets.effectiveFrom));
}

export async function listKpiSetMemberships(db: DbOrTx, organisationId: number) {
  return db
    .select({ indicatorId: kpiSetMembers.indicatorId, kpiSet: kpiSets, position: kpiSetMembers.position })
    .from(kpiSetMembers)
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetMembers.kpiSetId))
    .where(eq(kpiSets.organisationId, organisationId))
    .orderBy(asc(kpiSets.effectiveFrom), asc(kpiSetMembers.position));
}

export async function listIndicatorsInSet(db: DbOrTx, kpiSetId: number): Promise<IndicatorRow[]> {
  const rows = await db
    .select({ indicator: indicators })
    .from(kpiSetMembers)
    .innerJoin(indicators, eq(indicators.id, kpiSetMembers.indicatorId))
    .where(eq(kpiSetMembers.kpiSetId, kpiSetId))
    .orderBy(asc(kpiSetMembers.position));
  return rows.map((r) => r.indicator);
}

export async function listIndicators(db: DbOrTx, organisationId: number): Promise<IndicatorRow[]> {
  return db.select().from(indicators).where(eq(indicators.organisationId, organisationId)).orderBy(asc(indicators.id));
}

export async function findIndicatorByCode(
  db: DbOrTx,
  organisationId: number,
  code: string,
): Promise<IndicatorRow | undefined> {
  const [row] = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.organisationId, organisationId), eq(indicators.code, code)))
    .limit(1);
  return row;
}

/** Threshold versions, grace periods and relief events for the given indicators, keyed by indicator id. */
export async function loadIndicatorRules(db: DbOrTx, indicatorIds: number[]) {
  if (indicatorIds.length === 0) return new Map<number, IndicatorRules>();
  const [thresholdRows, graceRows, reliefRows] = await Promise.all([
    db
      .select({ threshold: thresholdVersions, kpiSetCode: kpiSets.code })
      .from(thresholdVersions)
      .leftJoin(kpiSets, eq(kpiSets.id, thresholdVersions.kpiSetId))
      .where(inArray(thresholdVersions.indicatorId, indicatorIds))
      .orderBy(asc(thresholdVersions.effectiveFrom)),
    db
      .select()
      .from(gracePeriods)
      .where(inArray(gracePeriods.indicatorId, indicatorIds))
      .orderBy(asc(gracePeriods.startsOn)),
    db
      .select({ indicatorId: reliefEventIndicators.indicatorId, event: reliefEvents })
      .from(reliefEventIndicators)
      .innerJoin(reliefEvents, eq(reliefEvents.id, reliefEventIndicators.reliefEventId))
      .where(inArray(reliefEventIndicators.indicatorId, indicatorIds))
      .orderBy(asc(reliefEvents.startsOn)),
  ]);
  const rules = new Map<number, IndicatorRules>(
    indicatorIds.map((id) => [id, { thresholds: [], gracePeriods: [], reliefEvents: [] }]),
  );
  for (const row of thresholdRows)
    rules.get(row.threshold.indicatorId)?.thresholds.push({ ...row.threshold, kpiSetCode: row.kpiSetCode });
  for (const row of graceRows) rules.get(row.indicatorId)?.gracePeriods.push(row);
  for (const row of reliefRows) rules.get(row.indicatorId)?.reliefEvents.push(row.event);
  return rules;
}

export interface IndicatorRules {
  thresholds: (typeof thresholdVersions.$inferSelect & { kpiSetCode: string | null })[];
  gracePeriods: (typeof gracePeriods.$inferSelect)[];
  reliefEvents: (typeof reliefEvents.$inferSelect)[];
}

/** Observations for the indicators up to a date (inclusive), oldest first. */
export async function loadObservations(db: DbOrTx, indicatorIds: number[], untilDate?: string, fromDate?: string) {
  if (indicatorIds.length === 0) return [];
  const conditions = [inArray(observations.indicatorId, indicatorIds)];
  if (untilDate) conditions.push(lte(observations.month, untilDate));
  if (fromDate) conditions.push(gte(observations.month, fromDate));
  return db
    .select()
    .from(observations)
    .where(and(...conditions))
    .orderBy(asc(observations.indicatorId), asc(observations.month));
}

/** The latest month with any observation among the indicators. */
export async function latestObservationMonth(db: DbOrTx, indicatorIds: number[]): Promise<string | null> {
  if (indicatorIds.length === 0) return null;
  const [row] = await db
    .select({ month: observations.month })
    .from(observations)
    .where(inArray(observations.indicatorId, indicatorIds))
    .orderBy(desc(observations.month))
    .limit(1);
  return row?.month ?? null;
}

export async function earliestObservationMonth(db: DbOrTx, indicatorIds: number[]): Promise<string | null> {
  if (indicatorIds.length === 0) return null;
  const [row] = await db
    .select({ month: observations.month })
    .from(observations)
    .where(inArray(observations.indicatorId, indicatorIds))
    .orderBy(asc(observations.month))
    .limit(1);
  return row?.month ?? null;
}

/**
 * The latest month, up to a date, with a figure for an indicator that belongs to the KPI set in
 * force that month: the month a scorecard should open on.
 */
export async function latestMonthWithSetFigures(
  db: DbOrTx,
  organisationId: number,
  untilDate: string,
): Promise<string | null> {
  const [row] = await db
    .select({ month: observations.month })
    .from(observations)
    .innerJoin(kpiSetMembers, eq(kpiSetMembers.indicatorId, observations.indicatorId))
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetMembers.kpiSetId))
    .where(
      and(
        eq(kpiSets.organisationId, organisationId),
        lte(observations.month, untilDate),
        gte(observations.month, kpiSets.effectiveFrom),
        or(isNull(kpiSets.effectiveTo), lte(observations.month, kpiSets.effectiveTo)),
        or(isNotNull(observations.value), isNotNull(observations.symbol)),
      ),
    )
    .orderBy(desc(observations.month))
    .limit(1);
  return row?.month ?? null;
}

/** Commentary for the indicators up to a date, newest first. */
export async function loadCommentary(db: DbOrTx, indicatorIds: number[], untilDate: string, fromDate?: string) {
  if (indicatorIds.length === 0) return [];
  const conditions = [inArray(commentary.indicatorId, indicatorIds), lte(commentary.month, untilDate)];
  if (fromDate) conditions.push(gte(commentary.month, fromDate));
  return db
    .select({
      indicatorId: commentary.indicatorId,
      month: commentary.month,
      body: commentary.body,
      author: users.displayName,
      updatedAt: commentary.updatedAt,
    })
    .from(commentary)
    .leftJoin(users, eq(users.id, commentary.authorId))
    .where(and(...conditions))
    .orderBy(desc(commentary.month));
}
