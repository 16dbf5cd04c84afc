import type { ActionStatus } from '@kpi/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/database';
import { kpiActions, users } from '../db/schema';

/** Data access for the actions recorded against KPIs. */

const creator = alias(users, 'creator');
const updater = alias(users, 'updater');

export async function listActions(db: DbOrTx, indicatorIds: number[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .select({ action: kpiActions, createdBy: creator.displayName, updatedBy: updater.displayName })
    .from(kpiActions)
    .leftJoin(creator, eq(creator.id, kpiActions.createdBy))
    .leftJoin(updater, eq(updater.id, kpiActions.updatedBy))
    .where(inArray(kpiActions.indicatorId, indicatorIds))
    .orderBy(asc(kpiActions.dueOn), asc(kpiActions.id));
}
export type ActionRow = Awaited<ReturnType<typeof listActions>>[number];

export async function findActionRow(db: DbOrTx, id: number) {
  const [row] = await db.select().from(kpiActions).where(eq(kpiActions.id, id)).for('update');
  return row;
}

export interface ActionFields {
  description: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
  months: string[];
}

export async function insertAction(db: DbOrTx, indicatorId: number, fields: ActionFields, userId: number, at: Date) {
  const [row] = await db
    .insert(kpiActions)
    .values({ indicatorId, ...fields, createdBy: userId, updatedBy: userId, createdAt: at, updatedAt: at })
    .returning({ id: kpiActions.id });
  return row!.id;
}

export async function updateActionRow(
  db: DbOrTx,
  id: number,
  indicatorId: number,
  fields: Partial<ActionFields>,
  userId: number,
  at: Date,
) {
  await db
    .update(kpiActions)
    .set({ ...fields, updatedBy: userId, updatedAt: at })
    .where(and(eq(kpiActions.id, id), eq(kpiActions.indicatorId, indicatorId)));
}
