import type { ReturnChangeKind, ReturnProblem } from '@kpi/shared';
import {
  compareMonths,
  formatDate,
  formatMonth,
  formatValue,
  type ObservationStatus,
  type Provenance,
  precisionStep,
  RATIO_PART_LIMIT,
  type Role,
  ratioScale,
  roundToPrecision,
  type SuppressionSymbol,
  UNIT_MAGNITUDE_LIMIT,
  type Unit,
  unitIsWhole,
  withoutFloatNoise,
} from '@kpi/shared';
import { type CellLocation, problem, type ReadRow } from './types';

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
 * month (commissioner/admin); and a figure far from the KPI's recent figures — see `outlier`.
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
            row.monthAt,
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

  // outliers: against the figures already reported (never illustrative ones) and the file's own
  // earlier months; keyed by month number, so the 12-month look-back of a ten-year backfill is
  // integer arithmetic rather than 86,400 month-string conversions
  const series = new Map<number, Map<number, { month: string; value: number }>>();
  for (const e of context.existing) {
    if (e.provenance === 'illustrative' || e.value === null || e.symbol !== null) continue;
    seriesOf(series, e.indicatorId).set(monthNumber(e.month), { month: e.month, value: e.value });
  }
  for (const r of rows) {
    if (r.value === null) seriesOf(series, r.indicatorId).delete(monthNumber(r.month));
    else seriesOf(series, r.indicatorId).set(monthNumber(r.month), { month: r.month, value: r.value });
  }
  for (const r of rows) {
    if (r.change === 'unchanged' || r.value === null) continue;
    const months = seriesOf(series, r.indicatorId);
    const at = monthNumber(r.month);
    const previous: { month: string; value: number }[] = [];
    for (let back = 12; back >= 1; back--) {
      const earlier = months.get(at - back);
      if (earlier) previous.push(earlier);
    }
    const found = outlier(r.value, previous, r.precision);
    if (found) {
      const kpi = byCode.get(r.kpiCode)!;
      problems.push(
        problem('outlier', outlierMessage(kpi, r.value, found), r.at, {
          kpiCode: r.kpiCode,
          month: r.month,
          severity: 'warning',
        }),
      );
    }
  }

  return { rows, problems };
}

/** Months since year 0 of a valid "YYYY-MM" month (the parser has checked every month by now). */
function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function seriesOf<T>(series: Map<number, Map<number, T>>, indicatorId: number): Map<number, T> {
  let months = series.get(indicatorId);
  if (!months) {
    months = new Map();
    series.set(indicatorId, months);
  }
  return months;
}

function inRange(month: string, from: string, to: string | null): boolean {
  return compareMonths(month, from) >= 0 && (to === null || compareMonths(month, to) <= 0);
}

function display(kpi: Pick<KpiMeta, 'unit' | 'precision'>, value: number | null, symbol: SuppressionSymbol | null) {
  return formatValue(value, kpi.unit, kpi.precision, symbol);
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

function checkFigure(
  row: ReadRow,
  kpi: KpiMeta,
  problems: ReturnProblem[],
  extra: { kpiCode: string; month: string | null },
) {
  const { value } = row;
  const isPercent = kpi.unit === 'percent';
  if (value.kind === 'number') {
    if (!isPercent && (value.percentSign || value.percentFormat)) {
      problems.push(
        problem(
          'percent_not_applicable',
          value.percentFormat
            ? `The cell is formatted as a percentage (it shows ${value.text}) but ${kpi.code} is ${unitWords(kpi.unit)}, not a percentage. Format the cell as a number and enter the figure itself.`
            : `"${value.text}" has a % sign but ${kpi.code} is ${unitWords(kpi.unit)}, not a percentage. Enter the figure without the % sign.`,
          row.valueAt,
          extra,
        ),
      );
    } else if (isPercent && (value.value < 0 || value.value > 100)) {
      problems.push(
        problem(
          'percent_out_of_range',
          `${kpi.code} is a percentage, so its figure must be between 0 and 100; ${value.text} is not. Enter the percentage itself (72.5 or 72.5% for seventy-two and a half per cent).`,
          row.valueAt,
          extra,
        ),
      );
    } else if (value.value < 0 && kpi.unit !== 'money') {
      problems.push(
        problem(
          'negative_value',
          `${kpi.code} is ${unitWords(kpi.unit)} and cannot be negative (${value.text}). Correct the figure.`,
          row.valueAt,
          extra,
        ),
      );
    } else if (!(Math.abs(value.value) <= UNIT_MAGNITUDE_LIMIT[kpi.unit])) {
      problems.push(
        problem(
          'implausible_value',
          `${value.text} is far larger than ${kpi.code} can be (${unitWords(kpi.unit)}, at most ${UNIT_MAGNITUDE_LIMIT[kpi.unit].toLocaleString('en-GB')}). Check the figure: a slipped decimal point or a pasted cell reference is likely.`,
          row.valueAt,
          extra,
        ),
      );
    } else if (unitIsWhole(kpi.unit) && !Number.isInteger(value.value)) {
      problems.push(
        problem(
          'not_whole_number',
          `${kpi.code} is a count, so its figure is a whole number; ${value.text} is not. Enter the count itself (5, not 5.5).`,
          row.valueAt,
          extra,
        ),
      );
    }
  }

  const { numerator, denominator } = row;
  if (numerator.kind === 'invalid' || denominator.kind === 'invalid') return;
  const hasNumerator = numerator.kind === 'number';
  const hasDenominator = denominator.kind === 'number';
  if (!hasNumerator && !hasDenominator) return;
  const partAt = (hasNumerator ? row.numeratorAt : row.denominatorAt)!;
  const scale = ratioScale(kpi.unit);
  if (scale === null) {
    problems.push(
      problem(
        'ratio_not_applicable',
        `${kpi.code} is a count, so it has no numerator or denominator. Leave the numerator and denominator empty.`,
        partAt,
        extra,
      ),
    );
    return;
  }
  if (value.kind === 'symbol') {
    problems.push(
      problem(
        'ratio_not_applicable',
        `The value is the symbol "${value.symbol}", which means there is no figure, so there can be no numerator or denominator. Leave them empty, or enter the figure.`,
        partAt,
        extra,
      ),
    );
    return;
  }
  if (!hasNumerator || !hasDenominator) {
    problems.push(
      problem(
        'incomplete_ratio',
        `Only the ${hasNumerator ? 'numerator' : 'denominator'} is given. Give both the numerator and the denominator, or neither.`,
        hasNumerator ? (row.denominatorAt ?? partAt) : (row.numeratorAt ?? partAt),
        extra,
      ),
    );
    return;
  }
  const n = (numerator as { value: number }).value;
  const d = (denominator as { value: number }).value;
  const huge = [n, d].findIndex((part) => !(Math.abs(part) <= RATIO_PART_LIMIT));
  if (huge >= 0) {
    problems.push(
      problem(
        'implausible_value',
        `The ${huge === 0 ? 'numerator' : 'denominator'} is far larger than a count of children, cases or staff can be (at most ${RATIO_PART_LIMIT.toLocaleString('en-GB')}). Check the figure.`,
        (huge === 0 ? row.numeratorAt : row.denominatorAt)!,
        extra,
      ),
    );
    return;
  }
  if (n < 0 || d < 0) {
    problems.push(
      problem(
        'negative_value',
        `The ${n < 0 ? 'numerator' : 'denominator'} cannot be negative. Correct it.`,
        (n < 0 ? row.numeratorAt : row.denominatorAt)!,
        extra,
      ),
    );
    return;
  }
  if (d === 0) {
    problems.push(
      problem(
        'zero_denominator',
        'The denominator is 0, so there is no figure to calculate. If nothing was counted, leave the numerator and denominator empty and enter the symbol z (not applicable) as the value.',
        row.denominatorAt!,
        extra,
      ),
    );
    return;
  }
  if (isPercent && n > d) {
    problems.push(
      problem(
        'numerator_above_denominator',
        `The numerator (${n.toLocaleString('en-GB')}) is larger than the denominator (${d.toLocaleString('en-GB')}), which would make the percentage more than 100%. Check the two figures; they may be the wrong way round.`,
        row.numeratorAt!,
        extra,
      ),
    );
    return;
  }
  if (value.kind === 'number' && !(isPercent && (value.value < 0 || value.value > 100))) {
    const computed = withoutFloatNoise((n / d) * scale);
    if (!matchesAtPrecision(value.value, computed, kpi.precision)) {
      problems.push(
        problem(
          'ratio_mismatch',
          `The value ${display(kpi, value.value, null)} does not match the numerator and denominator: ${n.toLocaleString('en-GB')} ÷ ${d.toLocaleString('en-GB')}${scale === 1 ? '' : ` × ${scale.toLocaleString('en-GB')}`} = ${display(kpi, computed, null)}. Correct the value or the numerator and denominator so that they agree (compared at ${kpi.precision} decimal place${kpi.precision === 1 ? '' : 's'}).`,
          row.valueAt,
          extra,
        ),
      );
    }
  }
}

/** Equal when both round to the same figure at the KPI's precision, or differ by at most half a step. */
export function matchesAtPrecision(value: number, computed: number, precision: number): boolean {
  if (roundToPrecision(value, precision) === roundToPrecision(computed, precision)) return true;
  return Math.abs(value - computed) <= precisionStep(precision) / 2 + Number.EPSILON * Math.abs(computed) * 4;
}

function unitWords(unit: Unit): string {
  switch (unit) {
    case 'percent':
      return 'a percentage';
    case 'rate_per_10k':
      return 'a rate per 10,000 children';
    case 'count':
      return 'a count';
    case 'average':
      return 'an average';
    case 'days':
      return 'a number of days';
    case 'money':
      return 'an amount of money';
  }
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

export interface Outlier {
  basis: 'median' | 'previous';
  /** The median of the previous months, or the latest previous figure. */
  reference: number;
  referenceMonth: string | null;
  /** How far from the reference a figure may be before it is flagged. */
  allowed: number;
  count: number;
}

/** Months of history needed for the median rule; with fewer the previous-month rule applies. */
export const MEDIAN_RULE_MIN_MONTHS = 6;
/**
 * The median rule never flags a figure within 25% of the median: the warning is for figures that
 * look mistyped (a slipped decimal point, a fraction for a percentage, the wrong row), and on the
 * real 2020-21 caseloads a tighter allowance flags ordinary month-to-month movement.
 */
export const MEDIAN_RULE_FLOOR = 0.25;
/** 1.4826 × MAD estimates the standard deviation of normally distributed figures. */
const MAD_TO_SD = 1.4826;

/**
 * Whether a figure is far from the KPI's recent figures (`previous`: up to the 12 months before,
 * oldest first). With 6 or more earlier months: more than 3 robust standard deviations
 * (3 × 1.4826 × the median absolute deviation) from their median, where the allowance is never
 * less than 25% of the median or one step at the KPI's precision (so a flat series does not flag
 * every small change). With 1–5 earlier months: more than 50% away from the latest of them (again
 * at least one step). With none: never.
 */
export function outlier(
  value: number,
  previous: readonly { month: string; value: number }[],
  precision: number,
): Outlier | null {
  const step = precisionStep(precision);
  if (previous.length === 0) return null;
  if (previous.length < MEDIAN_RULE_MIN_MONTHS) {
    const latest = previous[previous.length - 1]!;
    const allowed = Math.max(0.5 * Math.abs(latest.value), step);
    if (Math.abs(value - latest.value) <= allowed) return null;
    return {
      basis: 'previous',
      reference: latest.value,
      referenceMonth: latest.month,
      allowed,
      count: previous.length,
    };
  }
  const values = previous.map((p) => p.value);
  const centre = median(values);
  const mad = median(values.map((v) => Math.abs(v - centre)));
  const allowed = Math.max(3 * MAD_TO_SD * mad, MEDIAN_RULE_FLOOR * Math.abs(centre), step);
  if (Math.abs(value - centre) <= allowed) return null;
  return { basis: 'median', reference: centre, referenceMonth: null, allowed, count: previous.length };
}

function difference(kpi: KpiMeta, amount: number): string {
  if (kpi.unit === 'percent') return `${formatValue(amount, 'count', kpi.precision)} percentage points`;
  return display(kpi, amount, null);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : withoutFloatNoise((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function outlierMessage(kpi: KpiMeta, value: number, found: Outlier): string {
  const shown = display(kpi, value, null);
  if (found.basis === 'previous') {
    const change =
      found.reference === 0 ? null : Math.round(((value - found.reference) / Math.abs(found.reference)) * 100);
    const size = change === null ? '' : ` (${change > 0 ? '+' : ''}${change}%)`;
    return `${shown} is far from ${formatMonth(found.referenceMonth!)}'s figure of ${display(kpi, found.reference, null)}${size}: with fewer than ${MEDIAN_RULE_MIN_MONTHS} earlier months, a change of more than 50% is flagged. Check the figure; if it is right, confirm it when you load the file.`;
  }
  return `${shown} is far from ${kpi.code}'s figures for the previous ${found.count} months (median ${display(kpi, found.reference, null)}; a figure more than ${difference(kpi, found.allowed)} away from it is flagged). Check the figure; if it is right, confirm it when you load the file.`;
}
