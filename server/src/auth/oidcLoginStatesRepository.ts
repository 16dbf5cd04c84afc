import { eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { oidcLoginStates } from '../db/schema';

export type OidcLoginState = typeof oidcLoginStates.$inferSelect;
export type NewOidcLoginState = Omit<typeof oidcLoginStates.$inferInsert, 'createdAt'>;

/** Stores a new attempt, clearing out abandoned ones so the table stays small. */
export async function insertOidcLoginState(db: DbOrTx, state: NewOidcLoginState, now: Date): Promise<void> {
  await db.delete(oidcLoginStates).where(lt(oidcLoginStates.expiresAt, now));
  await db.insert(oidcLoginStates).values(state);
}

/** Removes and returns the attempt in one statement, so a replayed or concurrent callback finds nothing. */
export async function takeOidcLoginState(db: DbOrTx, stateHash: string): Promise<OidcLoginState | undefined> {
  const [row] = await db.delete(oidcLoginStates).where(eq(oidcLoginStates.stateHash, stateHash)).returning();
  return row;
}
