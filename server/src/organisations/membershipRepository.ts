import type { Role } from '@kpi/shared';
import { and, asc, eq, isNull, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/database';
import { memberships, organisations, users } from '../db/schema';
import type { SessionMembership } from '../http/requestContext';

/** A person's place in one organisation: their role there and whether they are on its pre-release list. */
export interface Membership {
  userId: number;
  organisationId: number;
  areaCode: string;
  name: string;
  role: Role;
  preRelease: boolean;
}

const membershipColumns = {
  userId: memberships.userId,
  organisationId: memberships.organisationId,
  areaCode: organisations.areaCode,
  name: organisations.name,
  role: memberships.role,
  preRelease: memberships.preRelease,
};

/** Every organisation a person belongs to, lowest organisation id first (the first is their default). */
export async function membershipsOf(db: DbOrTx, userId: number): Promise<Membership[]> {
  return db
    .select(membershipColumns)
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.organisationId));
}

/**
 * The councils of each group (`group_id`, `organisation_id`): a region's group holds every served
 * council in its region, a custom group the councils added to it.
 */
export const GROUP_COUNCILS = sql`(select g.id as group_id, o.id as organisation_id
    from council_groups g join areas a on a.region_code = g.region_code join organisations o on o.area_code = a.code
  union
  select cgm.group_id, cgm.organisation_id from council_group_members cgm)`;

/**
 * Every organisation a person may read, as JSON for their session: their memberships (role and
 * pre-release status there), then, for each council reached only through a group in which they
 * hold the regional role, a read-only `viewer` place whose pre-release status is the council's
 * regional pre-release setting. A direct membership wins over a group. Lowest organisation id
 * first within each, so their default organisation is one they belong to when they belong to any.
 */
export function sessionMembershipsJson(userId: SQLWrapper | number): SQL<SessionMembership[]> {
  return sql<SessionMembership[]>`coalesce((
    select json_agg(json_build_object(
        'organisationId', r.organisation_id, 'areaCode', r.area_code, 'name', r.name,
        'role', r.role, 'preRelease', r.pre_release, 'regional', r.regional) order by r.regional, r.organisation_id)
      from (
        select m.organisation_id, o.area_code, o.name, m.role::text as role, m.pre_release, false as regional
          from memberships m join organisations o on o.id = m.organisation_id
         where m.user_id = ${userId}
        union
        select o.id, o.area_code, o.name, 'viewer', o.regional_pre_release, true
          from group_memberships gm
          join ${GROUP_COUNCILS} gc on gc.group_id = gm.group_id
          join organisations o on o.id = gc.organisation_id
         where gm.user_id = ${userId} and gm.role = 'regional_analyst'
           and not exists (select 1 from memberships d where d.user_id = ${userId} and d.organisation_id = o.id)
      ) r), '[]'::json)`;
}

/** Every organisation a person may read (see `sessionMembershipsJson`), as their session carries them. */
export async function readableMembershipsOf(db: DbOrTx, userId: number): Promise<SessionMembership[]> {
  const [row] = await queryRows<{ memberships: SessionMembership[] }>(
    db,
    sql`select ${sessionMembershipsJson(userId)} as memberships`,
  );
  return row?.memberships ?? [];
}

/** The person's membership of one organisation, or undefined when they do not belong to it. */
export async function membershipIn(
  db: DbOrTx,
  userId: number,
  organisationId: number,
): Promise<Membership | undefined> {
  const [row] = await db
    .select(membershipColumns)
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
  return row;
}

/**
 * Makes the person a member of the organisation with this role and pre-release status; a person
 * already there takes the new role and status (one membership per person and organisation).
 */
export async function grantMembership(
  db: DbOrTx,
  grant: { userId: number; organisationId: number; role: Role; preRelease?: boolean },
): Promise<void> {
  const preRelease = grant.preRelease ?? false;
  await db
    .insert(memberships)
    .values({ userId: grant.userId, organisationId: grant.organisationId, role: grant.role, preRelease })
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.organisationId],
      set: { role: grant.role, preRelease },
    });
}

/** Changes the role or pre-release status of an existing membership; false when there is none. */
export async function updateMembership(
  db: DbOrTx,
  userId: number,
  organisationId: number,
  changes: Partial<{ role: Role; preRelease: boolean }>,
): Promise<boolean> {
  const rows = await db
    .update(memberships)
    .set(changes)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)))
    .returning({ userId: memberships.userId });
  return rows.length > 0;
}

/**
 * People in no organisation yet (the first administrator of a new installation, accounts made
 * before the first seed) become members of this one with the role they were created with, as
 * migration 0012 did for everyone when memberships began.
 */
export async function adoptPeopleWithoutOrganisation(db: DbOrTx, organisationId: number): Promise<void> {
  await db.execute(sql`insert into memberships (user_id, organisation_id, role, pre_release)
    select u.id, ${organisationId}, u.role, u.pre_release from users u
     where not exists (select 1 from memberships m where m.user_id = u.id)
    on conflict do nothing`);
}

/** The organisation's enabled administrators, locked until the transaction ends (see userAdminService). */
export async function lockActiveAdminIdsIn(tx: DbOrTx, organisationId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, 'admin'), isNull(users.disabledAt)))
    .for('update');
  return rows.map((r) => r.id);
}
