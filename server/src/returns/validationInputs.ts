import { compareMonths, dateToMonth, monthRange, monthToDate } from '@kpi/shared';
import { latestCommentaryBodies } from '../commentary/commentaryRepository';
import type { DbOrTx } from '../db/database';
import {
  listIndicatorsWithMemberships,
  listLockedMeetings,
  loadCommentaryFor,
  type loadFigures,
} from './returnsRepository';
import type { CheckedRow, ExistingFigure, KpiMeta, MonthLock } from './validate';

/**
 * Loading what validation needs (KPI metadata, figures and commentary held, meeting locks), for
 * the preview and again inside the commit's lock.
 */

export function commentKey(indicatorId: number, month: string): string {
  return `${indicatorId}|${month}`;
}

/** The commentary held (latest version) for the rows' KPI-months that have a comment. */
export async function heldComments(db: DbOrTx, rows: readonly CheckedRow[]): Promise<Map<string, string>> {
  const withComments = rows.filter((r) => r.comment !== null);
  const span = monthSpan(withComments.map((r) => r.month));
  if (!span) return new Map();
  const ids = [...new Set(withComments.map((r) => r.indicatorId))];
  const [agreed, latest] = await Promise.all([
    loadCommentaryFor(db, ids, monthToDate(span.first), monthToDate(span.last)),
    latestCommentaryBodies(db, ids, monthToDate(span.first), monthToDate(span.last)),
  ]);
  // The latest version (which may await agreement) is what the return is compared with; agreed
  // text without versions (written before the review existed) counts too.
  const held = new Map(agreed.map((c) => [commentKey(c.indicatorId, dateToMonth(c.month)), c.body]));
  for (const c of latest) held.set(commentKey(c.indicatorId, dateToMonth(c.month)), c.body);
  return held;
}

export async function loadKpiMeta(db: DbOrTx, organisationId: number): Promise<KpiMeta[]> {
  const { indicators, memberships } = await listIndicatorsWithMemberships(db, organisationId);
  return indicators.map((indicator) => ({
    id: indicator.id,
    code: indicator.code,
    title: indicator.title,
    unit: indicator.unit,
    precision: indicator.precision,
    inForce: memberships
      .filter((m) => m.indicatorId === indicator.id)
      .map((m) => ({
        setCode: m.setCode,
        from: dateToMonth(m.effectiveFrom),
        to: m.effectiveTo ? dateToMonth(m.effectiveTo) : null,
      })),
  }));
}

export function toExisting(row: Awaited<ReturnType<typeof loadFigures>>[number]): ExistingFigure {
  return {
    indicatorId: row.indicatorId,
    month: dateToMonth(row.month),
    value: row.value,
    symbol: row.symbol,
    numerator: row.numerator,
    denominator: row.denominator,
    provenance: row.provenance,
    status: row.status,
    fileName: row.fileName,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function loadMonthLocks(db: DbOrTx, organisationId: number): Promise<Map<string, MonthLock>> {
  const locks = new Map<string, MonthLock>();
  for (const meeting of await listLockedMeetings(db, organisationId)) {
    for (const month of monthRange(dateToMonth(meeting.monthsFrom), dateToMonth(meeting.monthsTo))) {
      if (!locks.has(month)) locks.set(month, { meetingId: meeting.id, board: meeting.board, heldOn: meeting.heldOn });
    }
  }
  return locks;
}

export function monthSpan(months: readonly string[]): { first: string; last: string } | null {
  if (months.length === 0) return null;
  const sorted = [...months].sort(compareMonths);
  return { first: sorted[0]!, last: sorted[sorted.length - 1]! };
}
