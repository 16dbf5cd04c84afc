import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './_helpers';
import { areas } from './areas';
import { groupRoleEnum } from './enums';
import { organisations } from './organisations';
import { users } from './users';

/**
 * A named set of the councils this deployment serves, read together in the regional view. A
 * region's group (`region_code` set) holds every served council in that region, whichever are
 * served when it is read, so a council set up later joins it; a custom group (an alliance) holds
 * the councils an administrator adds (`council_group_members`).
 */
export const councilGroups = pgTable(
  'council_groups',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** The region (E12…) whose served councils make up the group; null for a custom group. */
    regionCode: text('region_code').references(() => areas.code),
    /**
     * The organisation whose administrator made the group: while it holds no council, only that
     * organisation's administrators know of it (organisations/councilSight.ts).
     */
    ownerOrganisationId: integer('owner_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  // Names and regions are unique within the council that made the group, not across the
  // deployment: a refusal for a name another council used would tell that it is served here.
  (t) => [
    uniqueIndex('council_groups_owner_name_uq').on(t.ownerOrganisationId, sql`lower(${t.name})`),
    uniqueIndex('council_groups_owner_region_uq').on(t.ownerOrganisationId, t.regionCode),
  ],
);

/** The councils of a custom group. */
export const councilGroupMembers = pgTable(
  'council_group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => councilGroups.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'council_group_members_pk', columns: [t.groupId, t.organisationId] }),
    index('council_group_members_organisation_idx').on(t.organisationId),
  ],
);

/**
 * A person's role in a group: a regional analyst reads every council of the group as a viewer
 * there. A direct membership of a council (memberships) wins over one reached through a group.
 */
export const groupMemberships = pgTable(
  'group_memberships',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    groupId: integer('group_id')
      .notNull()
      .references(() => councilGroups.id, { onDelete: 'cascade' }),
    role: groupRoleEnum('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'group_memberships_pk', columns: [t.userId, t.groupId] }),
    index('group_memberships_group_idx').on(t.groupId),
  ],
);
