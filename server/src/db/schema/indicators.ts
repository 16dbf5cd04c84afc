import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt } from './_helpers';
import { measureTypeEnum, operatorEnum, polarityEnum, themeEnum, unitEnum } from './enums';
import { organisations } from './organisations';

/** A measure the organisation reports monthly (a contract PI, a caseload, a workforce rate…). */
export const indicators = pgTable(
  'indicators',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    shortTitle: text('short_title'),
    definition: text('definition').notNull(),
    whyItMatters: text('why_it_matters').notNull(),
    unit: unitEnum('unit').notNull(),
    polarity: polarityEnum('polarity').notNull(),
    /** Decimal places the indicator is published to; RAG compares at this precision. */
    precision: integer('precision').notNull(),
    measureType: measureTypeEnum('measure_type').notNull(),
    theme: themeEnum('theme').notNull(),
    /** Key into comparator_values.measure_code for DfE/published benchmarks, if any. */
    comparatorMeasure: text('comparator_measure'),
    /**
     * How the comparator's definition differs from the indicator's (PI13 counts permanent
     * front-line posts; DfE's rate is all children and family social workers): when set, the
     * monthly figures are never judged against DfE's, and every comparator carries this text.
     */
    comparatorDifference: text('comparator_difference'),
    /** What is counted above and below the line, for a percentage or rate (shown on returns and screens). */
    numeratorLabel: text('numerator_label'),
    denominatorLabel: text('denominator_label'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('indicators_org_code_uq').on(t.organisationId, t.code),
    check('indicators_precision_ck', sql`${t.precision} between 0 and 4`),
  ],
);

/** A named set of KPIs in force over a date range (e.g. "Contract 2018", PI1–PI15). */
export const kpiSets = pgTable(
  'kpi_sets',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** Inclusive last day; null while in force. */
    effectiveTo: date('effective_to', { mode: 'string' }),
    /** Months in failure beyond which a KPI is escalated ("more than a 3-month period"). */
    persistentFailureMonths: integer('persistent_failure_months').notNull().default(3),
    /**
     * Set when part of the set's configuration (members, bands) is not from the contract but
     * chosen for a demo: says what is illustrative, shown with the set on screen and in exports.
     */
    illustrativeNote: text('illustrative_note'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('kpi_sets_org_code_uq').on(t.organisationId, t.code)],
);

export const kpiSetMembers = pgTable(
  'kpi_set_members',
  {
    kpiSetId: integer('kpi_set_id')
      .notNull()
      .references(() => kpiSets.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kpiSetId, t.indicatorId] })],
);

/**
 * The bands in force for an indicator from a date, with the contract's own operators:
 * Green when `value target_operator target_value`, Red when `value failure_operator failure_value`.
 */
export const thresholdVersions = pgTable(
  'threshold_versions',
  {
    id: serial('id').primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    kpiSetId: integer('kpi_set_id').references(() => kpiSets.id),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    targetOperator: operatorEnum('target_operator').notNull(),
    targetValue: numeric('target_value', { mode: 'number' }).notNull(),
    failureOperator: operatorEnum('failure_operator').notNull(),
    failureValue: numeric('failure_value', { mode: 'number' }).notNull(),
    /** The bands exactly as the contract prints them. */
    sourceText: text('source_text'),
    /** Bands not taken from the contract (chosen for a demo): labelled illustrative wherever shown. */
    illustrative: boolean('illustrative').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('threshold_versions_indicator_idx').on(t.indicatorId, t.effectiveFrom)],
);

/** Months in which a new KPI is reported but carries no consequence. */
export const gracePeriods = pgTable('grace_periods', {
  id: serial('id').primaryKey(),
  indicatorId: integer('indicator_id')
    .notNull()
    .references(() => indicators.id),
  kpiSetId: integer('kpi_set_id').references(() => kpiSets.id),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  reason: text('reason').notNull(),
});

/** An agreed event (e.g. COVID) that lifts consequences for named KPIs over a date range. */
export const reliefEvents = pgTable('relief_events', {
  id: serial('id').primaryKey(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  name: text('name').notNull(),
  reason: text('reason').notNull(),
  agreedOn: date('agreed_on', { mode: 'string' }),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  createdAt: createdAt(),
});

export const reliefEventIndicators = pgTable(
  'relief_event_indicators',
  {
    reliefEventId: integer('relief_event_id')
      .notNull()
      .references(() => reliefEvents.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
  },
  (t) => [primaryKey({ columns: [t.reliefEventId, t.indicatorId] })],
);
