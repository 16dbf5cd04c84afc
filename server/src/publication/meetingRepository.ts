import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { meetings } from '../db/schema';

export type MeetingRow = typeof meetings.$inferSelect;

export async function listMeetings(db: DbOrTx, organisationId: number, range?: { from: string; to: string }) {
  const conditions = [eq(meetings.organisationId, organisationId)];
  if (range) conditions.push(gte(meetings.heldOn, range.from), lte(meetings.heldOn, range.to));
  return db
    .select()
    .from(meetings)
    .where(and(...conditions))
    .orderBy(asc(meetings.heldOn));
}

export async function findMeeting(db: DbOrTx, organisationId: number, id: number): Promise<MeetingRow | undefined> {
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.organisationId, organisationId), eq(meetings.id, id)));
  return row;
}

/** Publishes the meeting's figures now (if not already) and locks its months against casual change. */
export async function publishMeeting(db: DbOrTx, id: number, now: Date): Promise<MeetingRow | undefined> {
  const [row] = await db
    .update(meetings)
    .set({ publishedAt: now, lockedAt: now })
    .where(eq(meetings.id, id))
    .returning();
  return row;
}
