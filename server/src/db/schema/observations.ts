import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './_helpers';
import { observationStatusEnum, provenanceEnum, suppressionSymbolEnum, uploadOutcomeEnum } from './enums';
import { indicators } from './indicators';
import { organisations } from './organisations';
import { users } from './users';

/** A file a person uploaded: a monthly return or a benchmark release. */
export const uploads = pgTable(
  'uploads',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').notNull().default('monthly_return'),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    byteSize: integer('byte_size').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    outcome: uploadOutcomeEnum('outcome').notNull(),
    /** Counts of new/changed/unchanged values and the validation report. */
    summary: jsonb('summary'),
    /**
     * Who loaded it, when and what was written. Kept out of `summary` so that recording a commit
     * does not rewrite a backfill's multi-megabyte preview.
     */
    commit: jsonb('commit'),
  },
  (t) => [index('uploads_sha_idx').on(t.organisationId, t.sha256)],
);

/**
 * One indicator's figure for one month. Exactly one of value or symbol is set, or
 * neither when a month is known to be missing.
 */
export const observations = pgTable(
  'observations',
  {
    id: serial('id').primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    /** First day of the month the figure describes. */
    month: date('month', { mode: 'string' }).notNull(),
    value: numeric('value', { mode: 'number' }),
    numerator: numeric('numerator', { mode: 'number' }),
    denominator: numeric('denominator', { mode: 'number' }),
    symbol: suppressionSymbolEnum('symbol'),
    provenance: provenanceEnum('provenance').notNull(),
    status: observationStatusEnum('status').notNull().default('provisional'),
    /** Where the figure was read: the paper and its words, or the upload. */
    sourceNote: text('source_note'),
    uploadId: integer('upload_id').references(() => uploads.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('observations_indicator_month_uq').on(t.indicatorId, t.month),
    check('observations_month_first_ck', sql`extract(day from ${t.month}) = 1`),
    check('observations_value_or_symbol_ck', sql`not (${t.value} is not null and ${t.symbol} is not null)`),
  ],
);

/** Every change to an observation. Append-only: triggers refuse UPDATE and DELETE. */
export const observationRevisions = pgTable(
  'observation_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    observationId: integer('observation_id')
      .notNull()
      .references(() => observations.id),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    month: date('month', { mode: 'string' }).notNull(),
    oldValue: numeric('old_value', { mode: 'number' }),
    newValue: numeric('new_value', { mode: 'number' }),
    oldSymbol: suppressionSymbolEnum('old_symbol'),
    newSymbol: suppressionSymbolEnum('new_symbol'),
    changedBy: integer('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    uploadId: integer('upload_id').references(() => uploads.id),
    reason: text('reason'),
  },
  (t) => [
    index('observation_revisions_obs_idx').on(t.observationId),
    // The history of a KPI-month: without it, a national dataset's revisions are scanned in full.
    index('observation_revisions_indicator_month_idx').on(t.indicatorId, t.month),
  ],
);
