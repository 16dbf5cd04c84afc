import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/database';
import type { observationRevisions, observations } from '../db/schema';

export type ObservationInsert = typeof observations.$inferInsert;
export type RevisionInsert = typeof observationRevisions.$inferInsert;

/**
 * Bulk writes of figures and their revisions, for commits of returns. Each batch goes as one
 * JSON parameter unpacked by jsonb_to_recordset: a multi-row VALUES with a bind parameter per
 * cell (drizzle's insert) spent more time building the statement than PostgreSQL spent running
 * it, and was limited to about 1,000 rows by the 65,535-parameter limit.
 */
const ROWS_PER_STATEMENT = 5_000;

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) yield rows.slice(i, i + ROWS_PER_STATEMENT);
}

/** Inserts or replaces observations by (indicator, month); returns their ids. */
export async function upsertObservations(tx: DbOrTx, rows: readonly ObservationInsert[]) {
  const saved: { id: number; indicatorId: number; month: string }[] = [];
  for (const batch of batches(rows)) {
    const json = JSON.stringify(
      batch.map((r) => ({
        indicator_id: r.indicatorId,
        month: r.month,
        value: r.value ?? null,
        numerator: r.numerator ?? null,
        denominator: r.denominator ?? null,
        symbol: r.symbol ?? null,
        provenance: r.provenance,
        status: r.status ?? 'provisional',
        source_note: r.sourceNote ?? null,
        upload_id: r.uploadId ?? null,
        updated_at: (r.updatedAt ?? new Date()).toISOString(),
      })),
    );
    saved.push(
      ...(await queryRows<{ id: number; indicatorId: number; month: string }>(
        tx,
        sql`insert into observations (indicator_id, month, value, numerator, denominator, symbol, provenance, status,
            source_note, upload_id, updated_at)
          select indicator_id, month, value, numerator, denominator, symbol::suppression_symbol, provenance::provenance,
            status::observation_status, source_note, upload_id, updated_at
          from jsonb_to_recordset(${json}::jsonb) as x(indicator_id int, month date, value numeric, numerator numeric,
            denominator numeric, symbol text, provenance text, status text, source_note text, upload_id int,
            updated_at timestamptz)
          on conflict (indicator_id, month) do update set value = excluded.value, numerator = excluded.numerator,
            denominator = excluded.denominator, symbol = excluded.symbol, provenance = excluded.provenance,
            status = excluded.status, source_note = excluded.source_note, upload_id = excluded.upload_id,
            updated_at = excluded.updated_at
          returning id, indicator_id as "indicatorId", to_char(month, 'YYYY-MM-DD') as month`,
      )),
    );
  }
  return saved;
}

export async function insertRevisions(tx: DbOrTx, rows: readonly RevisionInsert[]): Promise<void> {
  for (const batch of batches(rows)) {
    const json = JSON.stringify(
      batch.map((r) => ({
        observation_id: r.observationId,
        indicator_id: r.indicatorId,
        month: r.month,
        old_value: r.oldValue ?? null,
        new_value: r.newValue ?? null,
        old_symbol: r.oldSymbol ?? null,
        new_symbol: r.newSymbol ?? null,
        changed_by: r.changedBy ?? null,
        changed_at: (r.changedAt ?? new Date()).toISOString(),
        upload_id: r.uploadId ?? null,
        reason: r.reason ?? null,
      })),
    );
    await tx.execute(sql`insert into observation_revisions (observation_id, indicator_id, month, old_value, new_value,
        old_symbol, new_symbol, changed_by, changed_at, upload_id, reason)
      select observation_id, indicator_id, month, old_value, new_value, old_symbol::suppression_symbol,
        new_symbol::suppression_symbol, changed_by, changed_at, upload_id, reason
      from jsonb_to_recordset(${json}::jsonb) as x(observation_id int, indicator_id int, month date,
        old_value numeric, new_value numeric, old_symbol text, new_symbol text, changed_by int,
        changed_at timestamptz, upload_id int, reason text)`);
  }
}

/** A figure to save and what it replaces, for `saveFiguresWithRevisions`. */
export interface FigureChange {
  indicatorId: number;
  month: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: ObservationInsert['symbol'];
  status: NonNullable<ObservationInsert['status']>;
  oldValue: number | null;
  oldSymbol: ObservationInsert['symbol'];
  reason: string | null;
}

/**
 * Saves uploaded figures and their revisions in one statement per batch: the revisions are
 * inserted from the upsert's RETURNING, so the observation ids never travel to this process and
 * back, and the rows are sent (and unpacked by jsonb_to_recordset) once instead of twice.
 */
export async function saveFiguresWithRevisions(
  tx: DbOrTx,
  rows: readonly FigureChange[],
  source: { uploadId: number; sourceNote: string; changedBy: number; at: Date },
): Promise<void> {
  const at = source.at.toISOString();
  for (const batch of batches(rows)) {
    const json = JSON.stringify(
      batch.map((r) => ({
        indicator_id: r.indicatorId,
        month: r.month,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        symbol: r.symbol ?? null,
        status: r.status,
        old_value: r.oldValue,
        old_symbol: r.oldSymbol ?? null,
        reason: r.reason,
      })),
    );
    await tx.execute(sql`with incoming as (
        select * from jsonb_to_recordset(${json}::jsonb) as x(indicator_id int, month date, value numeric,
          numerator numeric, denominator numeric, symbol text, status text, old_value numeric, old_symbol text,
          reason text)
      ), saved as (
        insert into observations (indicator_id, month, value, numerator, denominator, symbol, provenance, status,
          source_note, upload_id, updated_at)
        select indicator_id, month, value, numerator, denominator, symbol::suppression_symbol,
          'uploaded_return'::provenance, status::observation_status, ${source.sourceNote}, ${source.uploadId}::int,
          ${at}::timestamptz
        from incoming
        on conflict (indicator_id, month) do update set value = excluded.value, numerator = excluded.numerator,
          denominator = excluded.denominator, symbol = excluded.symbol, provenance = excluded.provenance,
          status = excluded.status, source_note = excluded.source_note, upload_id = excluded.upload_id,
          updated_at = excluded.updated_at
        returning id, indicator_id, month
      )
      insert into observation_revisions (observation_id, indicator_id, month, old_value, new_value, old_symbol,
        new_symbol, changed_by, changed_at, upload_id, reason)
      select saved.id, x.indicator_id, x.month, x.old_value, x.value, x.old_symbol::suppression_symbol,
        x.symbol::suppression_symbol, ${source.changedBy}::int, ${at}::timestamptz, ${source.uploadId}::int, x.reason
      from saved join incoming x on x.indicator_id = saved.indicator_id and x.month = saved.month`);
  }
}
