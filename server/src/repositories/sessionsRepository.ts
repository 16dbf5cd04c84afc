import { and, eq, gt, isNull, lt, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { sessions, users } from '../db/schema';

export interface NewSession {
  tokenHash: string;
  userId: number;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

export async function insertSession(db: DbOrTx, session: NewSession): Promise<void> {
  await db.insert(sessions).values(session);
}

/** The session and its user, if the session is within both its idle and absolute limits and the user is enabled. */
export async function findLiveSession(db: DbOrTx, tokenHash: string, now: Date, idleMs: number) {
  const idleCutoff = new Date(now.getTime() - idleMs);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, idleCutoff),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return row;
}

export async function touchSession(db: DbOrTx, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: DbOrTx, now: Date, idleMs: number): Promise<void> {
  const idleCutoff = new Date(now.getTime() - idleMs);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));
}

/** Ends every session of a user (optionally all but one); returns how many were ended. */
export async function deleteSessionsOfUser(db: DbOrTx, userId: number, exceptTokenHash?: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(
      exceptTokenHash
        ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash))
        : eq(sessions.userId, userId),
    )
    .returning({ tokenHash: sessions.tokenHash });
  return ended.length;
}
