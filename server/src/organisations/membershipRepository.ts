import type { Role } from '@kpi/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { areas, memberships, organisations } from '../db/schema';

export interface MembershipGrant {
  userId: number;
  organisationId: number;
  role: Role;
  preRelease: boolean;
}

/**
 * Gives a person a role in an organisation (or changes the role they already hold there): one
 * membership per person and organisation.
 */
export async function grantMembership(db: DbOrTx, grant: MembershipGrant) {
  const [row] = await db
    .insert(memberships)
    .values(grant)
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.organisationId],
      set: { role: grant.role, preRelease: grant.preRelease },
    })
    .returning();
  return row!;
}

/** Every organisation a person belongs to, with their role there, by organisation name. */
export async function membershipsOf(db: DbOrTx, userId: number) {
  return db
    .select({
      organisationId: memberships.organisationId,
      role: memberships.role,
      preRelease: memberships.preRelease,
      name: organisations.name,
      areaCode: organisations.areaCode,
      regionCode: areas.regionCode,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(areas, eq(areas.code, organisations.areaCode))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name));
}

/** A person's membership in one organisation, or undefined when they hold none there. */
export async function membershipIn(db: DbOrTx, userId: number, organisationId: number) {
  const [row] = await db
    .select({ organisationId: memberships.organisationId, role: memberships.role, preRelease: memberships.preRelease })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
  return row;
}
