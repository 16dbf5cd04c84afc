import { date, index, integer, numeric, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './_helpers';
import { areas, snModels } from './areas';
import { comparatorKindEnum, comparatorSourceEnum, suppressionSymbolEnum, unitEnum } from './enums';

/**
 * A benchmark figure: one area's published value, or the mean of an area's statistical
 * neighbours, for a DfE period ("2020", "Reporting year") with the release it came from.
 */
export const comparatorValues = pgTable(
  'comparator_values',
  {
    id: serial('id').primaryKey(),
    measureCode: text('measure_code').notNull(),
    kind: comparatorKindEnum('kind').notNull(),
    /** The area itself, or (for a neighbour average) the area whose neighbours are averaged. */
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
    /** The model a neighbour average used; null when the source does not say. */
    snModelId: integer('sn_model_id').references(() => snModels.id),
    /** How many neighbours had a number (a suppressed neighbour is left out). */
    contributingCount: integer('contributing_count'),
    unit: unitEnum('unit').notNull(),
    /** DfE's own period label and identifier: "2020" + "Reporting year", "2022/23", "2023-04". */
    timePeriod: text('time_period').notNull(),
    timeIdentifier: text('time_identifier').notNull(),
    /** The dates the figure describes, derived from the period, for plotting against months. */
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    value: numeric('value', { mode: 'number' }),
    symbol: suppressionSymbolEnum('symbol'),
    /**
     * The counts behind a rate or percentage (re-referrals of referrals; children on a plan and
     * the 0–17 population), where the source has them: the council's own figure is then compared
     * by its 95% confidence interval. Null for counts, averages, workforce rates and papers' figures.
     */
    numerator: numeric('numerator', { mode: 'number' }),
    denominator: numeric('denominator', { mode: 'number' }),
    source: comparatorSourceEnum('source').notNull(),
    /** The release or paper: "DfE Children in need 2025, table C1" or the seed file and its words. */
    sourceRelease: text('source_release').notNull(),
    sourceFile: text('source_file'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('comparator_values_uq').on(
      t.measureCode,
      t.kind,
      t.areaCode,
      t.timePeriod,
      t.timeIdentifier,
      t.sourceRelease,
    ),
    index('comparator_values_lookup_idx').on(t.measureCode, t.areaCode, t.periodEnd),
  ],
);
