import { and, asc, desc, eq, gte, inArray, isNotNull, lte, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import {
  commentary,
  indicators,
  kpiSetMembers,
  kpiSets,
  meetings,
  observationRevisions,
  observations,
  uploads,
  users,
} from '../db/schema';

/** Data access for monthly returns. Every function takes a Db or a transaction. */

export type UploadRow = typeof uploads.$inferSelect;

/** Key for pg_advisory_xact_lock(int, int): this constant and the organisation id. ASCII "RTRN". */
const RETURNS_LOCK_CLASS = 0x5254524e;

/**
 * Serialises commits of returns for one organisation until the transaction ends. A
 * transaction-level advisory lock: released on commit or rollback, on PostgreSQL and PGlite alike.
 */
export async function lockReturnsForOrganisation(tx: DbOrTx, organisationId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${RETURNS_LOCK_CLASS}::int, ${organisationId}::int)`);
}

export async function listIndicatorsWithMemberships(db: DbOrTx, organisationId: number) {
  const [indicatorRows, memberships] = await Promise.all([
    db.select().from(indicators).where(eq(indicators.organisationId, organisationId)).orderBy(asc(indicators.id)),
    db
      .select({
        indicatorId: kpiSetMembers.indicatorId,
        setCode: kpiSets.code,
        effectiveFrom: kpiSets.effectiveFrom,
        effectiveTo: kpiSets.effectiveTo,
      })
      .from(kpiSetMembers)
      .innerJoin(kpiSets, eq(kpiSets.id, kpiSetMembers.kpiSetId))
      .where(eq(kpiSets.organisationId, organisationId))
      .orderBy(asc(kpiSets.effectiveFrom)),
  ]);
  return { indicators: indicatorRows, memberships };
}

export async function findKpiSetByCode(db: DbOrTx, organisationId: number, code: string) {
  const [row] = await db
    .select()
    .from(kpiSets)
    .where(and(eq(kpiSets.organisationId, organisationId), sql`lower(${kpiSets.code}) = lower(${code})`))
    .limit(1);
  return row;
}

export async function listKpiSetIndicators(db: DbOrTx, kpiSetId: number) {
  return db
    .select({ indicator: indicators, position: kpiSetMembers.position })
    .from(kpiSetMembers)
    .innerJoin(indicators, eq(indicators.id, kpiSetMembers.indicatorId))
    .where(eq(kpiSetMembers.kpiSetId, kpiSetId))
    .orderBy(asc(kpiSetMembers.position), asc(indicators.id));
}

/** Observations for the indicators between two month-start dates (inclusive), with the file each came from. */
export async function loadFigures(db: DbOrTx, indicatorIds: number[], fromDate: string, toDate: string) {
  if (indicatorIds.length === 0) return [];
  return db
    .select({
      id: observations.id,
      indicatorId: observations.indicatorId,
      month: observations.month,
      value: observations.value,
      symbol: observations.symbol,
      numerator: observations.numerator,
      denominator: observations.denominator,
      provenance: observations.provenance,
      status: observations.status,
      updatedAt: observations.updatedAt,
      fileName: uploads.fileName,
    })
    .from(observations)
    .leftJoin(uploads, eq(uploads.id, observations.uploadId))
    .where(
      and(
        inArray(observations.indicatorId, indicatorIds),
        gte(observations.month, fromDate),
        lte(observations.month, toDate),
      ),
    )
    .orderBy(asc(observations.indicatorId), asc(observations.month));
}

/** Meetings whose months are locked. */
export async function listLockedMeetings(db: DbOrTx, organisationId: number) {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.organisationId, organisationId), isNotNull(meetings.lockedAt)))
    .orderBy(asc(meetings.heldOn));
}

/** Inserts an upload; its summary is not sent back (a backfill's runs to megabytes). */
export async function insertUpload(db: DbOrTx, row: typeof uploads.$inferInsert): Promise<UploadRow> {
  const [inserted] = await db
    .insert(uploads)
    .values(row)
    .returning({ id: uploads.id, uploadedAt: uploads.uploadedAt, kind: uploads.kind });
  return {
    ...row,
    ...inserted!,
    uploadedBy: row.uploadedBy ?? null,
    summary: row.summary ?? null,
    commit: row.commit ?? null,
  };
}

const uploadWithUploader = {
  upload: uploads,
  uploaderName: users.displayName,
};

export async function findUpload(db: DbOrTx, organisationId: number, id: number) {
  const [row] = await db
    .select(uploadWithUploader)
    .from(uploads)
    .leftJoin(users, eq(users.id, uploads.uploadedBy))
    .where(and(eq(uploads.id, id), eq(uploads.organisationId, organisationId), eq(uploads.kind, 'monthly_return')))
    .limit(1);
  return row;
}

/**
 * Locks an upload's row inside a transaction and reads its state, without its summary: a
 * backfill's summary (every figure of the preview) runs to megabytes.
 */
export async function findUploadForUpdate(tx: DbOrTx, id: number): Promise<UploadRow | undefined> {
  const [row] = await tx.select().from(uploads).where(eq(uploads.id, id)).for('update');
  return row;
}

export async function updateUpload(
  tx: DbOrTx,
  id: number,
  changes: Pick<typeof uploads.$inferInsert, 'outcome' | 'summary'>,
): Promise<void> {
  await tx.update(uploads).set(changes).where(eq(uploads.id, id));
}

export async function findUploadStateForUpdate(tx: DbOrTx, id: number) {
  const [row] = await tx
    .select({ outcome: uploads.outcome, commit: uploads.commit })
    .from(uploads)
    .where(eq(uploads.id, id))
    .for('update');
  return row;
}

/** Records a commit in its own column: the summary (every previewed figure) is left as it is. */
export async function recordUploadCommit(
  tx: DbOrTx,
  id: number,
  outcome: 'committed' | 'no_change',
  commit: object,
): Promise<void> {
  await tx.update(uploads).set({ outcome, commit }).where(eq(uploads.id, id));
}

export async function listUploads(db: DbOrTx, organisationId: number, limit: number) {
  return db
    .select(uploadWithUploader)
    .from(uploads)
    .leftJoin(users, eq(users.id, uploads.uploadedBy))
    .where(and(eq(uploads.organisationId, organisationId), eq(uploads.kind, 'monthly_return')))
    .orderBy(desc(uploads.uploadedAt), desc(uploads.id))
    .limit(limit);
}

/** The latest earlier upload of the same bytes that was loaded (committed, or found to change nothing). */
export async function findLoadedUploadBySha(db: DbOrTx, organisationId: number, sha256: string, exceptId: number) {
  const [row] = await db
    .select(uploadWithUploader)
    .from(uploads)
    .leftJoin(users, eq(users.id, uploads.uploadedBy))
    .where(
      and(
        eq(uploads.organisationId, organisationId),
        eq(uploads.kind, 'monthly_return'),
        eq(uploads.sha256, sha256),
        inArray(uploads.outcome, ['committed', 'no_change']),
        ne(uploads.id, exceptId),
      ),
    )
    .orderBy(desc(uploads.uploadedAt), desc(uploads.id))
    .limit(1);
  return row;
}

export async function loadCommentaryFor(db: DbOrTx, indicatorIds: number[], fromDate: string, toDate: string) {
  if (indicatorIds.length === 0) return [];
  return db
    .select({ indicatorId: commentary.indicatorId, month: commentary.month, body: commentary.body })
    .from(commentary)
    .where(
      and(
        inArray(commentary.indicatorId, indicatorIds),
        gte(commentary.month, fromDate),
        lte(commentary.month, toDate),
      ),
    );
}

export async function findIndicatorByCodeInsensitive(db: DbOrTx, organisationId: number, code: string) {
  const rows = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.organisationId, organisationId), sql`lower(${indicators.code}) = lower(${code})`));
  return rows.find((r) => r.code === code) ?? (rows.length === 1 ? rows[0] : undefined);
}

export async function findObservationWithSource(db: DbOrTx, indicatorId: number, monthDate: string) {
  const [row] = await db
    .select({ observation: observations, fileName: uploads.fileName })
    .from(observations)
    .leftJoin(uploads, eq(uploads.id, observations.uploadId))
    .where(and(eq(observations.indicatorId, indicatorId), eq(observations.month, monthDate)))
    .limit(1);
  return row;
}

/** Every revision of an indicator's month, oldest first, with who made it and from which file. */
export async function listRevisions(db: DbOrTx, indicatorId: number, monthDate: string) {
  return db
    .select({
      revision: observationRevisions,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      uploadFileName: uploads.fileName,
      uploadSha256: uploads.sha256,
    })
    .from(observationRevisions)
    .leftJoin(users, eq(users.id, observationRevisions.changedBy))
    .leftJoin(uploads, eq(uploads.id, observationRevisions.uploadId))
    .where(and(eq(observationRevisions.indicatorId, indicatorId), eq(observationRevisions.month, monthDate)))
    .orderBy(asc(observationRevisions.changedAt), asc(observationRevisions.id));
}
