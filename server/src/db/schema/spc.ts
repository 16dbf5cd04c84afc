import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './_helpers';
import { indicators } from './indicators';
import { users } from './users';

/**
 * SPC rebase points: from this month an indicator's SPC limits are calculated afresh, for the
 * reason recorded (a new KPI set, a change of definition, a service redesign). One per
 * indicator-month; creating and withdrawing one is written to the audit log.
 */
export const spcRebases = pgTable(
  'spc_rebases',
  {
    id: serial('id').primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    /** First day of the month the new limits start from. */
    month: date('month', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('spc_rebases_indicator_month_uq').on(t.indicatorId, t.month),
    check('spc_rebases_month_first_ck', sql`extract(day from ${t.month}) = 1`),
    check('spc_rebases_reason_ck', sql`length(trim(${t.reason})) > 0`),
  ],
);
