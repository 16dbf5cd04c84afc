import type { Role } from '@kpi/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { SsoIdentity } from '../auth/oidcClaims';
import type { DbOrTx } from '../db/database';
import { auditLog, memberships, users } from '../db/schema';

export type UserRow = typeof users.$inferSelect;

export async function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`).limit(1);
  return row;
}

export async function findUserById(db: DbOrTx, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Administrators anywhere: of some organisation, or (before any organisation exists) the first administrator. */
export async function countAdmins(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      sql`exists (select 1 from memberships m where m.user_id = ${users.id} and m.role = 'admin')
          or (${users.role} = 'admin' and not exists (select 1 from memberships m where m.user_id = ${users.id}))`,
    );
  return row?.n ?? 0;
}

export interface NewLocalUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

/** Creates the user, or sets the role, name and password of an existing one with that username. */
export async function upsertLocalUser(db: DbOrTx, user: NewLocalUser): Promise<UserRow> {
  const existing = await findUserByUsername(db, user.username);
  // Never turn a single sign-on account into a password account that happens to share its name.
  if (existing?.ssoIssuer) throw new Error(`"${user.username}" is a single sign-on account; choose another username.`);
  if (existing) {
    const [updated] = await db
      .update(users)
      .set({ displayName: user.displayName, role: user.role, passwordHash: user.passwordHash, disabledAt: null })
      .where(eq(users.id, existing.id))
      .returning();
    return updated!;
  }
  const [created] = await db.insert(users).values(user).returning();
  return created!;
}

export async function insertLocalUser(db: DbOrTx, user: NewLocalUser): Promise<UserRow> {
  const [created] = await db.insert(users).values(user).returning();
  return created!;
}

export async function findUserBySsoIdentity(db: DbOrTx, identity: SsoIdentity): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.ssoIssuer, identity.issuer), eq(users.ssoSubject, identity.subject)))
    .limit(1);
  return row;
}

/** Whether a user other than `exceptUserId` already has this username (compared without case). */
export async function isUsernameTaken(db: DbOrTx, username: string, exceptUserId?: number): Promise<boolean> {
  const found = await findUserByUsername(db, username);
  return found !== undefined && found.id !== exceptUserId;
}

export interface NewSsoUser {
  identity: SsoIdentity;
  username: string;
  displayName: string;
  role: Role;
  preRelease: boolean;
}

/** Creates a single sign-on user (no password); if a concurrent sign-in created them first, returns that row. */
export async function insertSsoUser(db: DbOrTx, user: NewSsoUser): Promise<UserRow | undefined> {
  await db
    .insert(users)
    .values({
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      preRelease: user.preRelease,
      passwordHash: null,
      ssoIssuer: user.identity.issuer,
      ssoSubject: user.identity.subject,
    })
    .onConflictDoNothing();
  return findUserBySsoIdentity(db, user.identity);
}

export interface SsoProfileUpdate {
  username: string;
  displayName: string;
  role: Role;
  preRelease: boolean;
}

export async function updateSsoUserProfile(db: DbOrTx, id: number, profile: SsoProfileUpdate): Promise<UserRow> {
  const [updated] = await db.update(users).set(profile).where(eq(users.id, id)).returning();
  return updated!;
}

export interface UserWithLastSignIn extends UserRow {
  lastSignInAt: Date | null;
}

/**
 * Every account of the organisation, with their role and pre-release status there and their last
 * successful sign-in read from the audit log; with no organisation (an installation before its
 * first), every account with the role it was created with.
 */
export async function listUsersWithLastSignIn(
  db: DbOrTx,
  organisationId: number | null,
): Promise<UserWithLastSignIn[]> {
  const lastSignIn = db
    .select({ userId: auditLog.userId, at: sql<Date>`max(${auditLog.at})`.as('last_sign_in_at') })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.outcome, 'success')))
    .groupBy(auditLog.userId)
    .as('last_sign_in');
  if (organisationId === null) {
    const rows = await db
      .select({ user: users, lastSignInAt: lastSignIn.at })
      .from(users)
      .leftJoin(lastSignIn, eq(lastSignIn.userId, users.id))
      .orderBy(sql`lower(${users.username})`);
    return rows.map((r) => ({ ...r.user, lastSignInAt: r.lastSignInAt ? new Date(r.lastSignInAt) : null }));
  }
  const rows = await db
    .select({ user: users, role: memberships.role, preRelease: memberships.preRelease, lastSignInAt: lastSignIn.at })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, organisationId)))
    .leftJoin(lastSignIn, eq(lastSignIn.userId, users.id))
    .orderBy(sql`lower(${users.username})`);
  return rows.map((r) => ({
    ...r.user,
    role: r.role,
    preRelease: r.preRelease,
    lastSignInAt: r.lastSignInAt ? new Date(r.lastSignInAt) : null,
  }));
}

/**
 * The enabled administrators, their rows locked until the transaction ends, so two admins demoting
 * each other at the same moment cannot both succeed and leave nobody able to administer.
 */
export async function lockActiveAdminIds(tx: DbOrTx): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
    .for('update');
  return rows.map((r) => r.id);
}

export async function updateUser(
  db: DbOrTx,
  id: number,
  changes: Partial<Pick<UserRow, 'role' | 'preRelease' | 'disabledAt' | 'passwordHash'>>,
): Promise<UserRow | undefined> {
  const [updated] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return updated;
}
