import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { spcRebases, users } from '../db/schema';

export interface SpcRebaseRow {
  id: number;
  indicatorId: number;
  month: string;
  reason: string;
  createdBy: string | null;
  createdAt: Date;
}

const columns = {
  id: spcRebases.id,
  indicatorId: spcRebases.indicatorId,
  month: spcRebases.month,
  reason: spcRebases.reason,
  createdBy: users.displayName,
  createdAt: spcRebases.createdAt,
};

/** Rebase points of the indicators, oldest month first. */
export async function listSpcRebases(db: DbOrTx, indicatorIds: readonly number[]): Promise<SpcRebaseRow[]> {
  if (indicatorIds.length === 0) return [];
  return db
    .select(columns)
    .from(spcRebases)
    .leftJoin(users, eq(users.id, spcRebases.createdBy))
    .where(inArray(spcRebases.indicatorId, [...indicatorIds]))
    .orderBy(asc(spcRebases.indicatorId), asc(spcRebases.month));
}

export async function findSpcRebase(db: DbOrTx, indicatorId: number, id: number) {
  const [row] = await db
    .select()
    .from(spcRebases)
    .where(and(eq(spcRebases.indicatorId, indicatorId), eq(spcRebases.id, id)));
  return row;
}

export async function findSpcRebaseByMonth(db: DbOrTx, indicatorId: number, month: string) {
  const [row] = await db
    .select()
    .from(spcRebases)
    .where(and(eq(spcRebases.indicatorId, indicatorId), eq(spcRebases.month, month)));
  return row;
}

export async function insertSpcRebase(
  db: DbOrTx,
  values: { indicatorId: number; month: string; reason: string; createdBy: number | null },
): Promise<number> {
  const [row] = await db.insert(spcRebases).values(values).returning({ id: spcRebases.id });
  return row!.id;
}

export async function deleteSpcRebase(db: DbOrTx, id: number): Promise<void> {
  await db.delete(spcRebases).where(eq(spcRebases.id, id));
}
