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

export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    userId: entry.userId ?? null,
    username: entry.username ?? null,
    target: entry.target ?? null,
    outcome: entry.outcome ?? 'success',
    details: entry.details ?? null,
    requestId: entry.requestId ?? null,
    ipAddress: entry.ipAddress ?? null,
    organisationId: entry.organisationId ?? null,
  });
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
