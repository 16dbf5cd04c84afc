import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './_helpers';
import { indicators } from './indicators';
import { organisations } from './organisations';
import { users } from './users';

/** A board meeting at which a range of months is presented; its months lock afterwards. */
export const meetings = pgTable(
  'meetings',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    board: text('board').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    monthsFrom: date('months_from', { mode: 'string' }).notNull(),
    monthsTo: date('months_to', { mode: 'string' }).notNull(),
    /** When the figures become public; before it only the pre-release list may see them. */
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    lockedAt: timestamp('locked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('meetings_org_held_idx').on(t.organisationId, t.heldOn)],
);

/** The Trust's explanation of an indicator's figure for a month. */
export const commentary = pgTable(
  'commentary',
  {
    id: serial('id').primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    month: date('month', { mode: 'string' }).notNull(),
    body: text('body').notNull(),
    authorId: integer('author_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('commentary_indicator_month_uq').on(t.indicatorId, t.month)],
);
