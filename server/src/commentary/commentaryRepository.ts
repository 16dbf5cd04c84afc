import type { CommentarySource, CommentaryState } from '@kpi/shared';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { commentary, commentaryVersions, uploads, users } from '../db/schema';

/** Data access for commentary versions (append-only) and the agreed text they lead to. */

const versionColumns = {
  id: commentaryVersions.id,
  indicatorId: commentaryVersions.indicatorId,
  month: commentaryVersions.month,
  state: commentaryVersions.state,
  body: commentaryVersions.body,
  reason: commentaryVersions.reason,
  source: commentaryVersions.source,
  uploadFileName: uploads.fileName,
  byId: commentaryVersions.changedBy,
  by: users.displayName,
  byRole: users.role,
  at: commentaryVersions.changedAt,
};

export type CommentaryVersionRow = {
  id: number;
  indicatorId: number;
  month: string;
  state: CommentaryState;
  body: string;
  reason: string | null;
  source: CommentarySource;
  uploadFileName: string | null;
  byId: number | null;
  by: string | null;
  byRole: 'viewer' | 'commissioner' | 'analyst' | 'admin' | null;
  at: Date;
};

/** Every version of one KPI-month, oldest first. */
export async function listCommentaryVersions(
  db: DbOrTx,
  indicatorId: number,
  monthDate: string,
): Promise<CommentaryVersionRow[]> {
  return db
    .select(versionColumns)
    .from(commentaryVersions)
    .leftJoin(users, eq(users.id, commentaryVersions.changedBy))
    .leftJoin(uploads, eq(uploads.id, commentaryVersions.uploadId))
    .where(and(eq(commentaryVersions.indicatorId, indicatorId), eq(commentaryVersions.month, monthDate)))
    .orderBy(asc(commentaryVersions.id));
}

/** The latest agreed version of each KPI-month in a range, for reports that show agreed text only. */
export async function latestAgreedVersions(
  db: DbOrTx,
  indicatorIds: number[],
  fromDate: string,
  toDate: string,
): Promise<CommentaryVersionRow[]> {
  if (indicatorIds.length === 0) return [];
  const rows = await db
    .select(versionColumns)
    .from(commentaryVersions)
    .leftJoin(users, eq(users.id, commentaryVersions.changedBy))
    .leftJoin(uploads, eq(uploads.id, commentaryVersions.uploadId))
    .where(
      and(
        inArray(commentaryVersions.indicatorId, indicatorIds),
        gte(commentaryVersions.month, fromDate),
        lte(commentaryVersions.month, toDate),
        eq(commentaryVersions.state, 'agreed'),
      ),
    )
    .orderBy(desc(commentaryVersions.id));
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.indicatorId}|${r.month}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The latest version's text of each KPI-month in a range: what a return's comment is compared with. */
export async function latestCommentaryBodies(db: DbOrTx, indicatorIds: number[], fromDate: string, toDate: string) {
  if (indicatorIds.length === 0) return [];
  return db
    .selectDistinctOn([commentaryVersions.indicatorId, commentaryVersions.month], {
      indicatorId: commentaryVersions.indicatorId,
      month: commentaryVersions.month,
      body: commentaryVersions.body,
    })
    .from(commentaryVersions)
    .where(
      and(
        inArray(commentaryVersions.indicatorId, indicatorIds),
        gte(commentaryVersions.month, fromDate),
        lte(commentaryVersions.month, toDate),
      ),
    )
    .orderBy(commentaryVersions.indicatorId, commentaryVersions.month, desc(commentaryVersions.id));
}

/** Serialises changes to one KPI-month's commentary, so two people cannot both act on the same version. */
export async function lockCommentary(tx: DbOrTx, indicatorId: number, monthDate: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('commentary'), hashtext(${`${indicatorId}|${monthDate}`}))`,
  );
}

export interface NewCommentaryVersion {
  indicatorId: number;
  month: string;
  state: CommentaryState;
  body: string;
  reason?: string | null;
  source?: CommentarySource;
  uploadId?: number | null;
  basedOn?: number | null;
  changedBy: number | null;
  /** Whose words the agreed text is, when not the person recording this version. */
  authorId?: number | null;
  at: Date;
}

/**
 * Appends versions; agreed ones also become the text every reader sees (the `commentary` table,
 * which the scorecard, series, briefing and exports read).
 */
export async function appendCommentaryVersions(tx: DbOrTx, rows: NewCommentaryVersion[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(commentaryVersions)
    .values(
      rows.map((r) => ({
        indicatorId: r.indicatorId,
        month: r.month,
        state: r.state,
        body: r.body,
        reason: r.reason ?? null,
        source: r.source ?? 'screen',
        uploadId: r.uploadId ?? null,
        basedOn: r.basedOn ?? null,
        changedBy: r.changedBy,
        changedAt: r.at,
      })),
    )
    .returning({ id: commentaryVersions.id });
  const agreed = rows.filter((r) => r.state === 'agreed');
  if (agreed.length > 0) {
    await tx
      .insert(commentary)
      .values(
        agreed.map((r) => ({
          indicatorId: r.indicatorId,
          month: r.month,
          body: r.body,
          authorId: r.authorId === undefined ? r.changedBy : r.authorId,
          updatedAt: r.at,
        })),
      )
      .onConflictDoUpdate({
        target: [commentary.indicatorId, commentary.month],
        set: { body: sql`excluded.body`, authorId: sql`excluded.author_id`, updatedAt: sql`excluded.updated_at` },
      });
  }
  return inserted.map((r) => r.id);
}
