import { ACTION_STATUSES, COMMENTARY_SOURCES, COMMENTARY_STATES } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './_helpers';
import { indicators } from './indicators';
import { uploads } from './observations';
import { users } from './users';

export const commentaryStateEnum = pgEnum('commentary_state', COMMENTARY_STATES);
export const commentarySourceEnum = pgEnum('commentary_source', COMMENTARY_SOURCES);
export const actionStatusEnum = pgEnum('action_status', ACTION_STATUSES);

/**
 * Every version of a KPI-month's commentary: each save, submission, sending back and agreement,
 * and each comment loaded from a return file. Append-only (triggers refuse UPDATE, DELETE and
 * TRUNCATE); the latest row is the current state, and the `commentary` table holds the agreed
 * text that every reader sees.
 */
export const commentaryVersions = pgTable(
  'commentary_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    month: date('month', { mode: 'string' }).notNull(),
    state: commentaryStateEnum('state').notNull(),
    body: text('body').notNull(),
    /** Why: the reason for sending back, or a note with a save or an agreement. */
    reason: text('reason'),
    source: commentarySourceEnum('source').notNull().default('screen'),
    uploadId: integer('upload_id').references(() => uploads.id),
    /** The version this one was made from, so a change made meanwhile is a conflict, not lost. */
    basedOn: bigint('based_on', { mode: 'number' }),
    changedBy: integer('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('commentary_versions_indicator_month_idx').on(t.indicatorId, t.month, t.id),
    check('commentary_versions_month_first_ck', sql`extract(day from ${t.month}) = 1`),
    check('commentary_versions_reason_ck', sql`${t.state} <> 'returned' or length(trim(${t.reason})) > 0`),
  ],
);

/** What will be done about a KPI, by whom and by when, linked to the months it responds to. */
export const kpiActions = pgTable(
  'kpi_actions',
  {
    id: serial('id').primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    description: text('description').notNull(),
    /** A named role or person, as written. */
    owner: text('owner').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: actionStatusEnum('status').notNull().default('open'),
    /** First days of the months the action responds to. */
    months: date('months', { mode: 'string' }).array().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedBy: integer('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('kpi_actions_indicator_idx').on(t.indicatorId)],
);
