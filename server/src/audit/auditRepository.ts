import { wellFormedText } from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/database';
import { auditLog } from '../db/schema';

export interface AuditEntry {
  action: string;
  userId?: number | null;
  username?: string | null;
  target?: string | null;
  outcome?: 'success' | 'failure' | 'refused';
  details?: Record<string, unknown> | null;
  requestId?: string | null;
  ipAddress?: string | null;
  /** The organisation the action was taken in (the context's organisation in view); null outside any. */
  organisationId?: number | null;
}

/**
 * Audit rows often quote what a refused request said, so their text is made storable first: a
 * lone surrogate (jsonb refuses it) becomes U+FFFD and a NUL (text and jsonb refuse it) is
 * dropped. An audit row can never turn a refusal (4xx) into a 500.
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    userId: entry.userId ?? null,
    username: storableText(entry.username),
    target: storableText(entry.target),
    outcome: entry.outcome ?? 'success',
    details: entry.details ? (storable(entry.details) as Record<string, unknown>) : null,
    requestId: entry.requestId ?? null,
    ipAddress: entry.ipAddress ?? null,
    organisationId: entry.organisationId ?? null,
  });
}

const MAX_DETAIL_DEPTH = 20;

function storableText<T extends string | null | undefined>(text: T): T | null {
  if (text === undefined || text === null) return null;
  return wellFormedText(text.includes('\u0000') ? text.replaceAll('\u0000', '') : text) as T;
}

/** A copy of audit details with every string (values and keys) storable in jsonb. */
export function storable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return depth > MAX_DETAIL_DEPTH ? null : value.map((v) => storable(v, depth + 1));
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  if (depth > MAX_DETAIL_DEPTH) return null;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [storableText(key), storable(child, depth + 1)] as const),
  );
}

/**
 * Failed sign-ins within the window, for an account (since its last successful sign-in or an
 * administrator's reset of its password, as the lock-out message promises) and for
 * an address. Read from the audit log, so throttling survives restarts and works across processes.
 */
export interface SignInFailures {
  /** Failures for the account (from any address) since its last successful sign-in or reset. */
  forAccount: number;
  /** Of those, the ones from this address, and when the last of them was. */
  forAccountHere: number;
  lastForAccountHere: Date | null;
  /** Failures from this address, for any account. */
  forAddress: number;
}

export async function countRecentSignInFailures(
  db: DbOrTx,
  params: { username: string; ipAddress: string; since: Date },
): Promise<SignInFailures> {
  const rows = await queryRows<{
    for_account: number;
    for_account_here: number;
    last_for_account_here: string | Date | null;
    for_address: number;
  }>(
    db,
    sql`with failures as (
          select at, ip_address, lower(username) = lower(${params.username})
              and at > coalesce(
                (select max(at) from audit_log s
                  where s.outcome = 'success'
                    and ((s.action = 'auth.login' and lower(s.username) = lower(${params.username}))
                      or (s.action = 'user.password_reset' and lower(s.target) = lower('user:' || ${params.username})))),
                '-infinity'::timestamptz) as for_account
          from audit_log
          where action = 'auth.login' and outcome = 'failure' and at > ${params.since.toISOString()}::timestamptz
        )
        select
          count(*) filter (where for_account)::int as for_account,
          count(*) filter (where for_account and ip_address = ${params.ipAddress})::int as for_account_here,
          max(at) filter (where for_account and ip_address = ${params.ipAddress}) as last_for_account_here,
          count(*) filter (where ip_address = ${params.ipAddress})::int as for_address
        from failures`,
  );
  const row = rows[0];
  const last = row?.last_for_account_here ?? null;
  return {
    forAccount: row?.for_account ?? 0,
    forAccountHere: row?.for_account_here ?? 0,
    lastForAccountHere: last === null ? null : new Date(last),
    forAddress: row?.for_address ?? 0,
  };
}
