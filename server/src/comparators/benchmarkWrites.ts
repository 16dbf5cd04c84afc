import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';

/** What every benchmark write shares: the lock that serialises them, and statement-sized chunks. */

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;
/** Serialises benchmark imports and model changes (pg_advisory_xact_lock(key, organisation)). */
const BENCHMARK_LOCK_KEY = 0x42454e43; // "BENC"

export function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function lockBenchmarks(tx: DbOrTx, organisationId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${BENCHMARK_LOCK_KEY}, ${organisationId})`);
}
