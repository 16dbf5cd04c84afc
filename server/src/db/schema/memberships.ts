import { boolean, index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt } from './_helpers';
import { roleEnum } from './enums';
import { organisations } from './organisations';
import { users } from './users';

/**
 * Who belongs to which organisation, with which role there. One deployment can serve several
 * councils: a person may be a council's commissioner and another council's viewer, and a regional
 * analyst holds a membership in each council of the region. Being on a council's pre-release list
 * is per council too, as each council publishes on its own meeting dates.
 */
export const memberships = pgTable(
  'memberships',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    /** On this council's pre-release list: may see its figures before their meeting publishes them. */
    preRelease: boolean('pre_release').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'memberships_pk', columns: [t.userId, t.organisationId] }),
    index('memberships_organisation_idx').on(t.organisationId),
  ],
);
