import type { ReturnChangeKind, ReturnProblem } from '@kpi/shared';
import {
  compareMonths,
  formatDate,
  formatMonth,
  type ObservationStatus,
  type Provenance,
  type Role,
  type SuppressionSymbol,
  type Unit,
} from '@kpi/shared';
import { checkFigure } from './figureChecks';
import { addOutlierWarnings } from './outlierWarnings';
import { type CellLocation, problem, type ReadRow } from './types';
import { display } from './wording';

/**
 * Checks what the parser read against the KPIs, the figures already held, the meeting locks and
 * the clock. Pure: everything it needs is passed in, so the same function serves the preview and
 * the tests.
 *
 * Errors (block the upload): unknown KPI, a % figure for a KPI that is not a percentage, a
 * percentage outside 0–100, a negative figure (money apart), numerator/denominator problems, a
 * duplicate KPI-month, a month outside the KPI's KPI-set dates, a month that has not ended, and
 * (for analysts) a change to a month presented to a locked meeting.
 *
 * Warnings (need confirming): a figure that changes one already reported; a change to a locked
 * month (commissioner/admin); and a figure far from the KPI's recent figures — see `outlier` in the
 * shared domain. The checks on a figure are in `figureChecks.ts`, the outlier warnings in
 * `outlierWarnings.ts`.
 */

export interface KpiMeta {
  id: number;
  code: string;
  title: string;
  unit: Unit;
  precision: number;
  /** The KPI's KPI-set memberships, as inclusive month ranges; empty = in no set, no date limit. */
  inForce: { setCode: string; from: string; to: string | null }[];
}

export interface ExistingFigure {
  indicatorId: number;
  month: string;
  value: number | null;
  symbol: SuppressionSymbol | null;
  numerator: number | null;
  denominator: number | null;
  provenance: Provenance;
  status: ObservationStatus;
  fileName: string | null;
  updatedAt: string;
}

export interface MonthLock {
  meetingId: number;
  board: string;
  heldOn: string;
}

export interface ValidationContext {
  kpis: readonly KpiMeta[];
  /** Figures held for the file's KPIs, from 12 months before its first month to its last. */
  existing: readonly ExistingFigure[];
  /** Months presented to a meeting that has been locked. */
  locks: ReadonlyMap<string, MonthLock>;
  role: Role;
  /** Today's date in the UK, YYYY-MM-DD. A month that has not ended is refused. */
  today: string;
}

/** A KPI-month that passed every check, with what loading it would do. */
export interface CheckedRow {
  indicatorId: number;
  kpiCode: string;
  kpiTitle: string;
  unit: Unit;
  precision: number;
  month: string;
  /** The figure's cell. */
  at: CellLocation;
  value: number | null;
  symbol: SuppressionSymbol | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  /** Set by the service, which knows the commentary held: the comment is new or different. */
  commentChanged: boolean;
  change: ReturnChangeKind;
  /** What the dashboard held when the file was checked; re-checked at commit. */
  old: ExistingFigure | null;
  lockedMonth: boolean;
  changesReportedFigure: boolean;
  replacesIllustrative: boolean;
}

export interface ValidationResult {
  rows: CheckedRow[];
  problems: ReturnProblem[];
}

const AMENDING_ROLES: readonly Role[] = ['commissioner', 'admin'];

export function canAmendLockedMonths(role: Role): boolean {
  return AMENDING_ROLES.includes(role);
}

function key(indicatorId: number, month: string): string {
  return `${indicatorId}|${month}`;
}

export function validateReturn(read: readonly ReadRow[], context: ValidationContext): ValidationResult {
  const problems: ReturnProblem[] = [];
  const currentMonth = context.today.slice(0, 7);
  const byCode = new Map(context.kpis.map((k) => [k.code, k]));
  const byLowerCode = new Map<string, KpiMeta | null>();
  for (const kpi of context.kpis) {
    const lower = kpi.code.toLowerCase();
    byLowerCode.set(lower, byLowerCode.has(lower) ? null : kpi);
  }
  const existing = new Map(context.existing.map((e) => [key(e.indicatorId, e.month), e]));
  const reportedUnknown = new Set<string>();
  const firstSeen = new Map<string, CellLocation>();
  const accepted: { row: ReadRow; kpi: KpiMeta; month: string }[] = [];

  for (const row of read) {
    const kpi = byCode.get(row.kpiCode) ?? byLowerCode.get(row.kpiCode.toLowerCase()) ?? null;
    if (!kpi) {
      if (!reportedUnknown.has(row.kpiAt.text)) {
        reportedUnknown.add(row.kpiAt.text);
        problems.push(
          problem('unknown_kpi', unknownKpiMessage(row.kpiCode, context.kpis), row.kpiAt, { kpiCode: row.kpiCode }),
        );
      }
      continue;
    }
    const before = problems.length;
    const extra = { kpiCode: kpi.code, month: row.month };
    checkFigure(row, kpi, problems, extra);
    const month = row.month;
    if (month !== null) {
      const order = compareMonths(month, currentMonth);
      if (order >= 0) {
        problems.push(
          problem(
            'future_month',
            order === 0
              ? `${formatMonth(month)} has not ended yet (today is ${formatDate(context.today)}), so there cannot be a figure for it. Check the month.`
              : `${formatMonth(month)} is in the future (today is ${formatDate(context.today)}). Check the month.`,
            // the figure's own cell when the month is a heading above it (a wide return), not the heading
            row.monthAt.row === row.valueAt.row ? row.monthAt : row.valueAt,
            extra,
          ),
        );
      } else if (kpi.inForce.length > 0 && !kpi.inForce.some((r) => inRange(month, r.from, r.to))) {
        problems.push(problem('outside_kpi_dates', outsideDatesMessage(kpi, month), row.valueAt, extra));
      }
      const k = key(kpi.id, month);
      const first = firstSeen.get(k);
      if (first) {
        problems.push(
          problem(
            'duplicate',
            `${kpi.code} for ${formatMonth(month)} is given more than once (first at ${first.text}). Keep one figure and delete the others.`,
            row.valueAt,
            extra,
          ),
        );
      } else {
        firstSeen.set(k, row.valueAt);
      }
    }
    if (problems.length === before && month !== null && row.value.kind !== 'invalid' && row.value.kind !== 'empty') {
      accepted.push({ row, kpi, month });
    }
  }

  const rows: CheckedRow[] = [];
  for (const { row, kpi, month } of accepted) {
    const checked = classify(row, kpi, month, existing.get(key(kpi.id, month)) ?? null);
    const extra = { kpiCode: kpi.code, month };
    if (checked.change !== 'unchanged') {
      const lock = context.locks.get(month);
      if (lock) {
        if (!canAmendLockedMonths(context.role)) {
          problems.push(
            problem(
              'locked_month',
              `${formatMonth(month)} was presented to the ${lock.board} meeting on ${formatDate(lock.heldOn)} and is locked. Only a commissioner or an administrator can amend it, with a reason. Remove this figure from the file, or ask a commissioner to load it.`,
              row.valueAt,
              extra,
            ),
          );
          continue;
        }
        checked.lockedMonth = true;
        problems.push(
          problem(
            'amends_locked_month',
            `${formatMonth(month)} was presented to the ${lock.board} meeting on ${formatDate(lock.heldOn)} and is locked. You can amend it as a ${context.role}; give a reason, and the figure will be marked as revised.`,
            row.valueAt,
            { ...extra, severity: 'warning' },
          ),
        );
      }
      if (checked.changesReportedFigure) {
        const old = checked.old!;
        problems.push(
          problem(
            'changes_reported_value',
            `This changes ${kpi.code} for ${formatMonth(month)}, already reported as ${display(kpi, old.value, old.symbol)}${old.fileName ? ` (from ${old.fileName})` : ''}, to ${display(kpi, checked.value, checked.symbol)}. Give a reason for the change when you load the file.`,
            row.valueAt,
            { ...extra, severity: 'warning' },
          ),
        );
      }
    }
    rows.push(checked);
  }

  addOutlierWarnings(rows, context.existing, byCode, problems);

  return { rows, problems };
}

function inRange(month: string, from: string, to: string | null): boolean {
  return compareMonths(month, from) >= 0 && (to === null || compareMonths(month, to) <= 0);
}

function unknownKpiMessage(code: string, kpis: readonly KpiMeta[]): string {
  const codes = kpis.map((k) => k.code);
  const list = codes.length <= 40 ? ` The codes are: ${codes.join(', ')}.` : '';
  return `"${code}" is not a KPI code in this dashboard. Use the code exactly as it is in the template, or delete the row.${list}`;
}

function outsideDatesMessage(kpi: KpiMeta, month: string): string {
  const ranges = kpi.inForce
    .map(
      (r) =>
        `${r.to ? `from ${formatMonth(r.from)} to ${formatMonth(r.to)}` : `from ${formatMonth(r.from)}`} (KPI set ${r.setCode})`,
    )
    .join(' and ');
  return `${kpi.code} is not in force in ${formatMonth(month)}: it is reported ${ranges}. Delete this figure or check the month.`;
}

function classify(row: ReadRow, kpi: KpiMeta, month: string, old: ExistingFigure | null): CheckedRow {
  const value = row.value.kind === 'number' ? row.value.value : null;
  const symbol = row.value.kind === 'symbol' ? row.value.symbol : null;
  const givenParts = row.numerator.kind === 'number' && row.denominator.kind === 'number';
  let numerator = givenParts ? (row.numerator as { value: number }).value : null;
  let denominator = givenParts ? (row.denominator as { value: number }).value : null;
  let change: CheckedRow['change'] = 'new';
  let changesReportedFigure = false;
  let replacesIllustrative = false;
  if (old !== null && (old.value !== null || old.symbol !== null)) {
    const sameFigure = old.value === value && old.symbol === symbol;
    if (old.provenance === 'illustrative') {
      change = 'changed';
      replacesIllustrative = true;
    } else {
      if (sameFigure && !givenParts) {
        // the template carries no numerator or denominator: keep the ones held (never illustrative ones)
        numerator = old.numerator;
        denominator = old.denominator;
      }
      const same = sameFigure && old.numerator === numerator && old.denominator === denominator;
      change = same ? 'unchanged' : 'changed';
      changesReportedFigure = !same;
    }
  }
  // One object literal of one shape for every row: a backfill builds thousands of them.
  return {
    indicatorId: kpi.id,
    kpiCode: kpi.code,
    kpiTitle: kpi.title,
    unit: kpi.unit,
    precision: kpi.precision,
    month,
    at: row.valueAt,
    value,
    symbol,
    numerator,
    denominator,
    comment: row.comment,
    commentChanged: row.comment !== null,
    change,
    old,
    lockedMonth: false,
    changesReportedFigure,
    replacesIllustrative,
  };
}
