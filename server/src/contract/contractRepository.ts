import type { BandChangePlan } from '@kpi/shared';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/database';
import {
  gracePeriods,
  indicators,
  kpiSetMembers,
  kpiSets,
  meetings,
  observations,
  reliefEventIndicators,
  reliefEvents,
  thresholdVersions,
  uploads,
} from '../db/schema';

/** Writes to the contract's configuration: the KPI library, sets, bands, grace, relief and meetings. */

export type NewIndicator = typeof indicators.$inferInsert;

export async function insertIndicator(db: DbOrTx, values: NewIndicator) {
  const [row] = await db.insert(indicators).values(values).returning();
  return row!;
}

export async function updateIndicator(db: DbOrTx, id: number, values: Partial<NewIndicator>) {
  const [row] = await db.update(indicators).set(values).where(eq(indicators.id, id)).returning();
  return row!;
}

/** Indicator ids that have a figure or a band: how their past months were rated and shown is fixed. */
export async function indicatorIdsInUse(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const [withFigures, withBands] = await Promise.all([
    db
      .selectDistinct({ id: observations.indicatorId })
      .from(observations)
      .where(inArray(observations.indicatorId, ids)),
    db
      .selectDistinct({ id: thresholdVersions.indicatorId })
      .from(thresholdVersions)
      .where(inArray(thresholdVersions.indicatorId, ids)),
  ]);
  return new Set([...withFigures, ...withBands].map((r) => r.id));
}

export async function findKpiSetByCode(db: DbOrTx, organisationId: number, code: string) {
  const [row] = await db
    .select()
    .from(kpiSets)
    .where(and(eq(kpiSets.organisationId, organisationId), eq(kpiSets.code, code)));
  return row;
}

export async function listSetMembers(db: DbOrTx, kpiSetId: number) {
  return db
    .select({ indicator: indicators, position: kpiSetMembers.position })
    .from(kpiSetMembers)
    .innerJoin(indicators, eq(indicators.id, kpiSetMembers.indicatorId))
    .where(eq(kpiSetMembers.kpiSetId, kpiSetId))
    .orderBy(asc(kpiSetMembers.position));
}

export async function listGraceOfSets(db: DbOrTx, kpiSetIds: number[]) {
  if (kpiSetIds.length === 0) return [];
  return db
    .select()
    .from(gracePeriods)
    .where(inArray(gracePeriods.kpiSetId, kpiSetIds))
    .orderBy(asc(gracePeriods.startsOn));
}

export interface SetWrite {
  organisationId: number;
  code: string;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  persistentFailureMonths: number;
  indicatorIds: number[];
  grace: { indicatorId: number; startsOn: string; endsOn: string; reason: string }[];
}

/** Creates the set or replaces its name, dates, members (in order) and grace periods. */
export async function writeKpiSet(db: DbOrTx, set: SetWrite) {
  const existing = await findKpiSetByCode(db, set.organisationId, set.code);
  const values = {
    name: set.name,
    effectiveFrom: set.effectiveFrom,
    effectiveTo: set.effectiveTo,
    persistentFailureMonths: set.persistentFailureMonths,
  };
  const [row] = existing
    ? await db.update(kpiSets).set(values).where(eq(kpiSets.id, existing.id)).returning()
    : await db
        .insert(kpiSets)
        .values({ ...values, organisationId: set.organisationId, code: set.code })
        .returning();
  const kpiSetId = row!.id;
  await db.delete(kpiSetMembers).where(eq(kpiSetMembers.kpiSetId, kpiSetId));
  if (set.indicatorIds.length > 0) {
    await db
      .insert(kpiSetMembers)
      .values(set.indicatorIds.map((indicatorId, index) => ({ kpiSetId, indicatorId, position: index + 1 })));
  }
  await db.delete(gracePeriods).where(eq(gracePeriods.kpiSetId, kpiSetId));
  if (set.grace.length > 0) {
    await db.insert(gracePeriods).values(set.grace.map((g) => ({ ...g, kpiSetId })));
  }
  return row!;
}

/** Gives an open-ended set its last day (a later set starts the day after). */
export async function endKpiSet(db: DbOrTx, organisationId: number, code: string, effectiveTo: string) {
  await db
    .update(kpiSets)
    .set({ effectiveTo })
    .where(and(eq(kpiSets.organisationId, organisationId), eq(kpiSets.code, code), isNull(kpiSets.effectiveTo)));
}

/**
 * Ends a set's grace periods with the set: those running past `lastDay` end on it, those starting
 * after it go (the rule and its reasons: `graceEndingWithSet`).
 */
export async function endGraceWithSet(db: DbOrTx, kpiSetId: number, lastDay: string) {
  await db.delete(gracePeriods).where(and(eq(gracePeriods.kpiSetId, kpiSetId), gt(gracePeriods.startsOn, lastDay)));
  await db
    .update(gracePeriods)
    .set({ endsOn: lastDay })
    .where(and(eq(gracePeriods.kpiSetId, kpiSetId), gt(gracePeriods.endsOn, lastDay)));
}

type StoredBands = typeof thresholdVersions.$inferSelect;

/** An indicator's band versions, locked until the transaction ends (a change is planned from them). */
export async function lockBandVersions(tx: Tx, indicatorId: number): Promise<StoredBands[]> {
  return tx
    .select()
    .from(thresholdVersions)
    .where(eq(thresholdVersions.indicatorId, indicatorId))
    .orderBy(asc(thresholdVersions.effectiveFrom))
    .for('update');
}

/**
 * Writes a band change as planned (`planBandChange`, the plan the re-rating preview applied):
 * the replaced versions go, the one running into the change ends the day before, the new bands are
 * added. Earlier versions keep their bands, so every earlier month is rated as it was.
 */
export async function applyBandChangePlan(
  tx: Tx,
  plan: BandChangePlan<StoredBands>,
  added: Pick<StoredBands, 'indicatorId' | 'kpiSetId' | 'sourceText'>,
) {
  const removedIds = plan.removed.map((v) => v.id);
  if (removedIds.length > 0) await tx.delete(thresholdVersions).where(inArray(thresholdVersions.id, removedIds));
  for (const { version, effectiveTo } of plan.ended)
    await tx.update(thresholdVersions).set({ effectiveTo }).where(eq(thresholdVersions.id, version.id));
  const [row] = await tx
    .insert(thresholdVersions)
    .values({ ...plan.added, ...added })
    .returning();
  return { version: row!, replaced: plan.removed };
}

/** The last day of the last month a published (locked) meeting has covered; null if none. */
export async function lockedThrough(db: DbOrTx, organisationId: number): Promise<string | null> {
  const [row] = await db
    .select({ monthsTo: meetings.monthsTo })
    .from(meetings)
    .where(and(eq(meetings.organisationId, organisationId), isNotNull(meetings.lockedAt)))
    .orderBy(desc(meetings.monthsTo))
    .limit(1);
  return row?.monthsTo ?? null;
}

export async function insertReliefEvent(db: DbOrTx, event: typeof reliefEvents.$inferInsert, indicatorIds: number[]) {
  const [row] = await db.insert(reliefEvents).values(event).returning();
  await db
    .insert(reliefEventIndicators)
    .values(indicatorIds.map((indicatorId) => ({ reliefEventId: row!.id, indicatorId })));
  return row!;
}

export async function listReliefEvents(db: DbOrTx, organisationId: number) {
  const events = await db
    .select()
    .from(reliefEvents)
    .where(eq(reliefEvents.organisationId, organisationId))
    .orderBy(asc(reliefEvents.startsOn));
  if (events.length === 0) return [];
  const links = await db
    .select({ reliefEventId: reliefEventIndicators.reliefEventId, code: indicators.code })
    .from(reliefEventIndicators)
    .innerJoin(indicators, eq(indicators.id, reliefEventIndicators.indicatorId))
    .where(
      inArray(
        reliefEventIndicators.reliefEventId,
        events.map((e) => e.id),
      ),
    )
    .orderBy(asc(indicators.id));
  return events.map((event) => ({
    ...event,
    indicatorCodes: links.filter((l) => l.reliefEventId === event.id).map((l) => l.code),
  }));
}

export type NewMeeting = typeof meetings.$inferInsert;

export async function insertMeeting(db: DbOrTx, values: NewMeeting) {
  const [row] = await db.insert(meetings).values(values).returning();
  return row!;
}

export async function updateMeeting(db: DbOrTx, id: number, values: Partial<NewMeeting>) {
  const [row] = await db.update(meetings).set(values).where(eq(meetings.id, id)).returning();
  return row!;
}

export const SCHEDULE_UPLOAD_KIND = 'contract_schedule';

export async function insertScheduleUpload(db: DbOrTx, values: Omit<typeof uploads.$inferInsert, 'kind'>) {
  const [row] = await db
    .insert(uploads)
    .values({ ...values, kind: SCHEDULE_UPLOAD_KIND })
    .returning();
  return row!;
}

/** A schedule upload of this organisation; locked for update when confirming. */
export async function findScheduleUpload(db: DbOrTx, organisationId: number, id: number, forUpdate = false) {
  const query = db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.organisationId, organisationId), eq(uploads.kind, SCHEDULE_UPLOAD_KIND)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function markScheduleConfirmed(db: DbOrTx, id: number, commit: Record<string, unknown>) {
  await db.update(uploads).set({ outcome: 'committed', commit }).where(eq(uploads.id, id));
}
