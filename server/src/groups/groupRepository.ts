import type { GroupRole } from '@kpi/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/database';
import { councilGroupMembers, councilGroups, groupMemberships, organisations, users } from '../db/schema';
import { GROUP_COUNCILS } from '../organisations/membershipRepository';

/** SQL for groups of served councils and the regional role held in them. */

export type GroupRow = typeof councilGroups.$inferSelect;

export async function listGroups(db: DbOrTx): Promise<GroupRow[]> {
  return db.select().from(councilGroups).orderBy(asc(councilGroups.name));
}

export async function findGroup(db: DbOrTx, id: number): Promise<GroupRow | undefined> {
  const [row] = await db.select().from(councilGroups).where(eq(councilGroups.id, id));
  return row;
}

/** Inserts the group; undefined when its council already has one of that name (any case) or region. */
export async function insertGroup(
  db: DbOrTx,
  group: { name: string; regionCode: string | null; ownerOrganisationId: number | null },
) {
  const [row] = await db.insert(councilGroups).values(group).onConflictDoNothing().returning();
  return row;
}

/** Each group's councils, by group id: organisation id, area code, name, regional pre-release setting. */
export async function councilsOfGroups(db: DbOrTx) {
  const rows = await queryRows<{
    group_id: number;
    organisation_id: number;
    area_code: string;
    name: string;
    regional_pre_release: boolean;
  }>(
    db,
    sql`select gc.group_id, o.id as organisation_id, o.area_code, o.name, o.regional_pre_release
      from ${GROUP_COUNCILS} gc join organisations o on o.id = gc.organisation_id order by o.name`,
  );
  const byGroup = new Map<
    number,
    Array<{ organisationId: number; areaCode: string; name: string; regionalPreRelease: boolean }>
  >();
  for (const row of rows) {
    const list = byGroup.get(Number(row.group_id)) ?? [];
    list.push({
      organisationId: Number(row.organisation_id),
      areaCode: row.area_code,
      name: row.name,
      regionalPreRelease: row.regional_pre_release,
    });
    byGroup.set(Number(row.group_id), list);
  }
  return byGroup;
}

export async function servedCouncils(db: DbOrTx) {
  return db
    .select({
      id: organisations.id,
      areaCode: organisations.areaCode,
      name: organisations.name,
      regionalPreRelease: organisations.regionalPreRelease,
    })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

export async function addGroupCouncil(db: DbOrTx, groupId: number, organisationId: number): Promise<void> {
  await db.insert(councilGroupMembers).values({ groupId, organisationId }).onConflictDoNothing();
}

export async function removeGroupCouncil(db: DbOrTx, groupId: number, organisationId: number): Promise<boolean> {
  const rows = await db
    .delete(councilGroupMembers)
    .where(and(eq(councilGroupMembers.groupId, groupId), eq(councilGroupMembers.organisationId, organisationId)))
    .returning({ groupId: councilGroupMembers.groupId });
  return rows.length > 0;
}

export async function peopleOfGroups(db: DbOrTx) {
  return db
    .select({
      groupId: groupMemberships.groupId,
      userId: users.id,
      username: users.username,
      role: groupMemberships.role,
    })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .orderBy(asc(users.username));
}

export async function grantGroupRole(db: DbOrTx, grant: { userId: number; groupId: number; role: GroupRole }) {
  await db
    .insert(groupMemberships)
    .values(grant)
    .onConflictDoUpdate({ target: [groupMemberships.userId, groupMemberships.groupId], set: { role: grant.role } });
}

export async function revokeGroupRole(db: DbOrTx, groupId: number, userId: number): Promise<boolean> {
  const rows = await db
    .delete(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)))
    .returning({ userId: groupMemberships.userId });
  return rows.length > 0;
}

export async function setRegionalPreRelease(db: DbOrTx, organisationId: number, allow: boolean): Promise<void> {
  await db.update(organisations).set({ regionalPreRelease: allow }).where(eq(organisations.id, organisationId));
}
