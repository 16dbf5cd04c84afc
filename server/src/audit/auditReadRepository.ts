import { AUDIT_KIND_PREFIXES, type AuditFilterQuery, nextDate, ukDayStart } from '@kpi/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/database';

/** One audit row as the record of changes reads it, before it is put into words. */
export interface AuditRow {
  id: number;
  /** The row's time in microseconds since 1970, exactly as stored (for the cursor). */
  atMicros: string;
  at: Date;
  action: string;
  outcome: string;
  target: string | null;
  details: unknown;
  /** Set only while the person who acted is a member of the organisation the row belongs to. */
  memberUsername: string | null;
  memberDisplayName: string | null;
  /** Whether anyone signed in acted (null for the system, or someone not signed in). */
  hadActor: boolean;
}

/** Where a page starts: strictly older than this row (time, then id). */
export interface AuditCursor {
  atMicros: string;
  id: number;
}

/** `1712345678901234.42` (already checked by the query schema) → its parts. */
export function parseAuditCursor(cursor: string): AuditCursor {
  const [atMicros, id] = cursor.split('.');
  return { atMicros: atMicros!, id: Number(id) };
}

export function auditCursorOf(row: Pick<AuditRow, 'atMicros' | 'id'>): string {
  return `${row.atMicros}.${row.id}`;
}

/**
 * Likes of the kind's prefixes: `_` in a code (`kpi_set.`) is a LIKE wildcard, so it is escaped.
 */
function kindCondition(kind: AuditFilterQuery['kind']): SQL | undefined {
  if (!kind) return undefined;
  const likes = AUDIT_KIND_PREFIXES[kind].map((prefix) => `${prefix.replaceAll('_', '\\_')}%`);
  return sql`(${sql.join(
    likes.map((like) => sql`a.action like ${like}`),
    sql` or `,
  )})`;
}

/**
 * One page of an organisation's audit rows, newest first (time, then id, both descending, so rows
 * written in the same microsecond still have one order), or `limit` rows for a download. Only
 * rows recorded in that organisation: entries about no organisation (signing in) and every other
 * organisation's are never read. Who acted is named only through a membership of that
 * organisation (memberships are themselves scoped by row-level security to the organisation in
 * view), so a person of another council stays unnamed. `person` matches members only, so it
 * cannot be used to learn whether another council's username acted here.
 */
export async function readAuditPage(
  db: DbOrTx,
  organisationId: number,
  filter: AuditFilterQuery,
  page: { limit: number; after?: AuditCursor | undefined },
): Promise<AuditRow[]> {
  const conditions: SQL[] = [sql`a.organisation_id = ${organisationId}`];
  const kind = kindCondition(filter.kind);
  if (kind) conditions.push(kind);
  if (filter.person) conditions.push(sql`m.user_id is not null and lower(u.username) = lower(${filter.person})`);
  if (filter.from) conditions.push(sql`a.at >= ${ukDayStart(filter.from).toISOString()}::timestamptz`);
  if (filter.to) conditions.push(sql`a.at < ${ukDayStart(nextDate(filter.to)).toISOString()}::timestamptz`);
  if (page.after) {
    // The cursor's time is rebuilt to the microsecond (a JavaScript Date holds only milliseconds).
    conditions.push(
      sql`(a.at, a.id) < ('epoch'::timestamptz + ${page.after.atMicros}::bigint * interval '1 microsecond', ${page.after.id}::bigint)`,
    );
  }
  const rows = await queryRows<{
    id: string | number;
    at_micros: string;
    at: string | Date;
    action: string;
    outcome: string;
    target: string | null;
    details: unknown;
    member_username: string | null;
    member_display_name: string | null;
    had_actor: boolean;
  }>(
    db,
    sql`select a.id, (extract(epoch from a.at) * 1000000)::bigint::text as at_micros, a.at, a.action, a.outcome,
               a.target, a.details, u.username as member_username, u.display_name as member_display_name,
               (a.user_id is not null) as had_actor
        from audit_log a
        left join memberships m on m.user_id = a.user_id and m.organisation_id = a.organisation_id
        left join users u on u.id = m.user_id
        where ${sql.join(conditions, sql` and `)}
        order by a.at desc, a.id desc
        limit ${page.limit}`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    atMicros: row.at_micros,
    at: new Date(row.at),
    action: row.action,
    outcome: row.outcome,
    target: row.target,
    details: typeof row.details === 'string' ? parseJson(row.details) : row.details,
    memberUsername: row.member_username,
    memberDisplayName: row.member_display_name,
    hadActor: row.had_actor,
  }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { value: text };
  }
}
