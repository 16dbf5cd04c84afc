import type { ComparatorSource, SuppressionSymbol, Unit } from '@kpi/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { comparatorValues } from '../db/schema';
import { chunks } from './benchmarkWrites';

/**
 * The comparator figures imports write: area figures from DfE files (published or computed from
 * them) and the organisation's statistical-neighbour averages, read back, inserted, updated and
 * removed in bulk.
 */

/** The sources of comparator figures an import may replace: DfE files and computations from them. */
const DFE_DERIVED_SOURCES: ComparatorSource[] = ['dfe_release', 'computed'];

export interface StoredComparator {
  id: number;
  measureCode: string;
  areaCode: string;
  timePeriod: string;
  timeIdentifier: string;
  periodStart: string;
  periodEnd: string;
  unit: Unit;
  value: number | null;
  symbol: SuppressionSymbol | null;
  /** The counts behind a rate or percentage, where the file gives them (see the schema). */
  numerator: number | null;
  denominator: number | null;
  contributingCount: number | null;
  source: ComparatorSource;
  sourceRelease: string;
  sourceFile: string | null;
}

const storedColumns = {
  id: comparatorValues.id,
  measureCode: comparatorValues.measureCode,
  areaCode: comparatorValues.areaCode,
  timePeriod: comparatorValues.timePeriod,
  timeIdentifier: comparatorValues.timeIdentifier,
  periodStart: comparatorValues.periodStart,
  periodEnd: comparatorValues.periodEnd,
  unit: comparatorValues.unit,
  value: comparatorValues.value,
  symbol: comparatorValues.symbol,
  numerator: comparatorValues.numerator,
  denominator: comparatorValues.denominator,
  contributingCount: comparatorValues.contributingCount,
  source: comparatorValues.source,
  sourceRelease: comparatorValues.sourceRelease,
  sourceFile: comparatorValues.sourceFile,
};

/** Area figures from DfE files (published or computed from them) for measures, optionally for some areas. */
export async function loadDfeAreaValues(
  db: DbOrTx,
  measureCodes: string[],
  areaCodes?: string[],
): Promise<StoredComparator[]> {
  if (measureCodes.length === 0 || areaCodes?.length === 0) return [];
  return db
    .select(storedColumns)
    .from(comparatorValues)
    .where(
      and(
        eq(comparatorValues.kind, 'area'),
        inArray(comparatorValues.source, DFE_DERIVED_SOURCES),
        inArray(comparatorValues.measureCode, measureCodes),
        ...(areaCodes ? [inArray(comparatorValues.areaCode, areaCodes)] : []),
      ),
    )
    .orderBy(asc(comparatorValues.id));
}

/** Every measure with DfE-derived area figures. */
export async function listDfeMeasureCodes(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ code: comparatorValues.measureCode })
    .from(comparatorValues)
    .where(and(eq(comparatorValues.kind, 'area'), inArray(comparatorValues.source, DFE_DERIVED_SOURCES)))
    .orderBy(asc(comparatorValues.measureCode));
  return rows.map((r) => r.code);
}

/** The organisation's computed neighbour averages for a model. */
export async function loadNeighbourAverageRows(
  db: DbOrTx,
  areaCode: string,
  snModelId: number,
  measureCodes: string[],
): Promise<StoredComparator[]> {
  if (measureCodes.length === 0) return [];
  return db
    .select(storedColumns)
    .from(comparatorValues)
    .where(
      and(
        eq(comparatorValues.kind, 'statistical_neighbour_average'),
        eq(comparatorValues.source, 'computed'),
        eq(comparatorValues.areaCode, areaCode),
        eq(comparatorValues.snModelId, snModelId),
        inArray(comparatorValues.measureCode, measureCodes),
      ),
    )
    .orderBy(asc(comparatorValues.id));
}

export type ComparatorInsert = typeof comparatorValues.$inferInsert;

/**
 * Inserts rows, 5,000 per statement, each statement's rows sent as one JSON parameter (far
 * faster than one bind parameter per cell: a 170,000-value file inserts in seconds on PGlite).
 */
export async function insertComparators(tx: DbOrTx, rows: ComparatorInsert[]): Promise<void> {
  for (const chunk of chunks(rows, 5000)) {
    const json = JSON.stringify(
      chunk.map((r) => ({
        measure_code: r.measureCode,
        kind: r.kind,
        area_code: r.areaCode,
        sn_model_id: r.snModelId ?? null,
        contributing_count: r.contributingCount ?? null,
        unit: r.unit,
        time_period: r.timePeriod,
        time_identifier: r.timeIdentifier,
        period_start: r.periodStart,
        period_end: r.periodEnd,
        value: r.value ?? null,
        symbol: r.symbol ?? null,
        numerator: r.numerator ?? null,
        denominator: r.denominator ?? null,
        source: r.source,
        source_release: r.sourceRelease,
        source_file: r.sourceFile ?? null,
      })),
    );
    await tx.execute(sql`insert into comparator_values (measure_code, kind, area_code, sn_model_id, contributing_count,
        unit, time_period, time_identifier, period_start, period_end, value, symbol, numerator, denominator, source,
        source_release, source_file)
      select measure_code, kind::comparator_kind, area_code, sn_model_id, contributing_count, unit::unit, time_period,
        time_identifier, period_start, period_end, value, symbol::suppression_symbol, numerator, denominator,
        source::comparator_source, source_release, source_file
      from jsonb_to_recordset(${json}::jsonb) as x(measure_code text, kind text, area_code text, sn_model_id int,
        contributing_count int, unit text, time_period text, time_identifier text, period_start date, period_end date,
        value numeric, symbol text, numerator numeric, denominator numeric, source text, source_release text,
        source_file text)`);
  }
}

export interface ComparatorUpdate {
  id: number;
  unit: Unit;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  symbol: SuppressionSymbol | null;
  numerator: number | null;
  denominator: number | null;
  contributingCount: number | null;
  source: ComparatorSource;
  sourceRelease: string;
  sourceFile: string | null;
}

/** Updates rows in place, 5,000 per statement sent as one JSON parameter. */
export async function updateComparators(tx: DbOrTx, rows: ComparatorUpdate[]): Promise<void> {
  for (const chunk of chunks(rows, 5000)) {
    const json = JSON.stringify(
      chunk.map((r) => ({
        id: r.id,
        unit: r.unit,
        period_start: r.periodStart,
        period_end: r.periodEnd,
        value: r.value,
        symbol: r.symbol,
        numerator: r.numerator,
        denominator: r.denominator,
        contributing_count: r.contributingCount,
        source: r.source,
        source_release: r.sourceRelease,
        source_file: r.sourceFile,
      })),
    );
    await tx.execute(sql`update comparator_values as c set
        unit = v.unit::unit, period_start = v.period_start, period_end = v.period_end, value = v.value,
        symbol = v.symbol::suppression_symbol, numerator = v.numerator, denominator = v.denominator,
        contributing_count = v.contributing_count, source = v.source::comparator_source,
        source_release = v.source_release, source_file = v.source_file
      from jsonb_to_recordset(${json}::jsonb) as v(id int, unit text, period_start date, period_end date, value numeric,
        symbol text, numerator numeric, denominator numeric, contributing_count int, source text, source_release text,
        source_file text)
      where c.id = v.id`);
  }
}

export async function deleteComparators(tx: DbOrTx, ids: number[]): Promise<void> {
  for (const chunk of chunks(ids)) await tx.delete(comparatorValues).where(inArray(comparatorValues.id, chunk));
}
