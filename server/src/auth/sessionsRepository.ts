import type { SignInMethod } from '@kpi/shared';
import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { sessions, users } from '../db/schema';
import { sessionMembershipsJson } from '../organisations/membershipRepository';

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

/**
 * The query behind every signed-in request, built once per database and prepared on the server:
 * building it with drizzle on each request was a fifth of the server's CPU on the cached read path.
 */
function liveSessionQuery(db: DbOrTx) {
  return db
    .select({
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        signInMethod: sql<SignInMethod>`case when ${users.ssoIssuer} is null then 'local' else 'sso' end`,
        roleBeforeSetup: users.role,
        preReleaseBeforeSetup: users.preRelease,
        // Every organisation they belong to, with their role there, and those their groups reach, in the same round trip.
        memberships: sessionMembershipsJson(users.id),
      },
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        gt(sessions.lastSeenAt, sql.placeholder('idleCutoff')),
        isNull(users.disabledAt),
      ),
    )
    .limit(1)
    .prepare('find_live_session');
}

const preparedLiveSession = new WeakMap<DbOrTx, ReturnType<typeof liveSessionQuery>>();

/** The session's user and limits, if the session is within both its idle and absolute limits and the user is enabled. */
export async function findLiveSession(db: DbOrTx, tokenHash: string, now: Date, idleMs: number) {
  let query = preparedLiveSession.get(db);
  if (!query) {
    query = liveSessionQuery(db);
    preparedLiveSession.set(db, query);
  }
  const idleCutoff = new Date(now.getTime() - idleMs);
  const [row] = await query.execute({ tokenHash, now: now.toISOString(), idleCutoff: idleCutoff.toISOString() });
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
