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
