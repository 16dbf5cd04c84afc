import { PROPOSAL_KINDS, PROPOSAL_STATUSES } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './_helpers';
import { roleEnum } from './enums';
import { organisations } from './organisations';
import { users } from './users';

export const proposalKindEnum = pgEnum('proposal_kind', PROPOSAL_KINDS);
export const proposalStatusEnum = pgEnum('proposal_status', PROPOSAL_STATUSES);

/**
 * A change to how performance is rated (a KPI set, or an indicator's bands), waiting for a second
 * person to approve it (OWASP ASVS 5.0 2.3.5). The change is stored resolved, exactly as it will be
 * applied, so the approver approves what they saw. The check keeps the proposer from deciding.
 */
export const proposedChanges = pgTable(
  'proposed_changes',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: proposalKindEnum('kind').notNull(),
    status: proposalStatusEnum('status').notNull().default('pending'),
    title: text('title').notNull(),
    reason: text('reason').notNull(),
    change: jsonb('change').notNull(),
    proposedBy: integer('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedByRole: roleEnum('proposed_by_role').notNull(),
    createdAt: createdAt(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('proposed_changes_status_idx').on(t.organisationId, t.status),
    check('proposed_changes_four_eyes_ck', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.proposedBy}`),
  ],
);
