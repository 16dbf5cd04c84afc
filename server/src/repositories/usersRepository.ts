import type { Role } from '@kpi/shared';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { users } from '../db/schema';

export type UserRow = typeof users.$inferSelect;

export async function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`).limit(1);
  return row;
}

export async function findUserById(db: DbOrTx, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function countAdmins(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.role, 'admin'));
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
