import {
  addMonths,
  bandChangeRefusal,
  checkTolerance,
  dateToMonth,
  type GraceInput,
  type IndicatorInput,
  indicatorCodeSchema,
  type KpiSetProposalInput,
  MEASURE_TYPES,
  monthEndDate,
  monthToDate,
  POLARITIES,
  type Polarity,
  parseBands,
  type ScheduleColumn,
  type SchedulePlan,
  type ScheduleProblem,
  type SetEndingDto,
  type StatedSet,
  singleLineProblem,
  statedSetConflicts,
  THEMES,
  type ThresholdProposalInput,
  thresholdInForce,
  UNITS,
  type Unit,
} from '@kpi/shared';
import type { Tx } from '../../db/database';
import { AppError } from '../../errors';
import {
  type IndicatorRow,
  type KpiSetRow,
  listIndicators,
  listKpiSets,
  loadIndicatorRules,
} from '../../scorecard/kpiRepository';
import { listGraceOfSets, listSetMembers, lockedThrough } from '../contractRepository';
import { checkSetChange } from '../setChanges';
import type { ScheduleCell, ScheduleRow } from './readSchedule';

/** What confirming the upload does: indicators added, then proposals a second person approves. */
export interface ScheduleApply {
  indicators: IndicatorInput[];
  sets: KpiSetProposalInput[];
  bands: ThresholdProposalInput[];
}

export interface PlannedSchedule {
  problems: ScheduleProblem[];
  plan: SchedulePlan;
  apply: ScheduleApply;
}

const ONE_LINE_COLUMNS = ['set_name', 'title', 'short_title', 'target', 'tolerance', 'failure'] as const;

const at = (cell: ScheduleCell, message: string): ScheduleProblem => ({
  location: cell.location,
  row: cell.row,
  column: cell.column,
  message,
});

function oneOf<T extends string>(values: readonly T[], text: string): T | null {
  return (values as readonly string[]).includes(text) ? (text as T) : null;
}

/**
 * Checks every row against the library, the sets and bands already held and the months published
 * meetings have locked, reporting every problem with its cell, and plans the change. Nothing is written.
 */
export async function planSchedule(
  tx: Tx,
  organisationId: number,
  rows: ScheduleRow[],
  reason: string,
): Promise<PlannedSchedule> {
  const problems: ScheduleProblem[] = [];
  const library = new Map((await listIndicators(tx, organisationId)).map((i) => [i.code, i]));
  const rules = await loadIndicatorRules(
    tx,
    [...library.values()].map((i) => i.id),
  );
  const existingSets = new Map((await listKpiSets(tx, organisationId)).map((set) => [set.code, set]));
  const lockedDate = await lockedThrough(tx, organisationId);
  const locked = lockedDate ? dateToMonth(lockedDate) : null;
  const apply: ScheduleApply = { indicators: [], sets: [], bands: [] };
  const plan: SchedulePlan = { newIndicators: [], sets: [], bandChanges: [], unchangedBands: 0, unchangedSets: 0 };
  const newUnits = new Map<string, Unit>();
  const newPolarities = new Map<string, Polarity>();
  const bySet = new Map<string, ScheduleRow[]>();
  /** The file's sets as it states them, checked against each other once all are read. */
  const stated: (StatedSet & { at: ScheduleCell })[] = [];

  for (const row of rows) {
    for (const required of ['set_code', 'set_name', 'code'] as const) {
      if (!row[required].text) problems.push(at(row[required], `Enter the ${required}.`));
    }
    // Names, titles and bands are shown on one line: refused here as the contract's forms refuse them.
    for (const column of ONE_LINE_COLUMNS) {
      const problem = row[column].text ? singleLineProblem(row[column].text) : null;
      if (problem) problems.push(at(row[column], `${problem}.`));
    }
    if (!row.set_from.month) problems.push(at(row.set_from, 'Enter the first month as 2024-04.'));
    if (row.set_code.text) bySet.set(row.set_code.text, [...(bySet.get(row.set_code.text) ?? []), row]);
    const code = row.code.text;
    if (!code) continue;
    if (!indicatorCodeSchema.safeParse(code).success) {
      problems.push(at(row.code, `"${code}" is not a KPI code: use letters, digits, dot, dash or underscore.`));
      continue;
    }
    const existing = library.get(code);
    if (existing) {
      if (row.unit.text && row.unit.text !== existing.unit) {
        problems.push(
          at(row.unit, `${code} is measured as ${existing.unit} in the KPI library; the unit cannot change here.`),
        );
      }
    } else if (!newUnits.has(code)) {
      const indicator = readNewIndicator(row, problems);
      if (indicator) {
        apply.indicators.push(indicator);
        plan.newIndicators.push({ code, title: indicator.title });
        newUnits.set(code, indicator.unit);
        newPolarities.set(code, indicator.polarity);
      }
    }
  }

  for (const [setCode, setRows] of bySet) {
    const first = setRows[0]!;
    const from = first.set_from.month;
    const to = first.set_to.text ? first.set_to.month : null;
    if (first.set_to.text && !to)
      problems.push(at(first.set_to, 'Write the last month as 2025-03, or leave it empty.'));
    if (from && to && to < from) problems.push(at(first.set_to, 'The last month is before the first month.'));
    const persistent = first.persistent_failure_months.text ? Number(first.persistent_failure_months.text) : 3;
    if (!Number.isInteger(persistent) || persistent < 1 || persistent > 24) {
      problems.push(at(first.persistent_failure_months, 'Enter a whole number of months from 1 to 24.'));
    }
    for (const row of setRows.slice(1)) {
      for (const column of ['set_name', 'set_from', 'set_to', 'persistent_failure_months'] as const) {
        if (row[column].text && row[column].text !== first[column].text) {
          problems.push(at(row[column], `${setCode} has ${column} "${first[column].text}" on row ${first.row}.`));
        }
      }
    }
    const seen = new Set<string>();
    const members: { code: string; position: number; row: number }[] = [];
    const grace: GraceInput[] = [];
    for (const row of setRows) {
      const code = row.code.text;
      if (!code) continue;
      if (seen.has(code)) {
        problems.push(at(row.code, `${code} is in ${setCode} twice.`));
        continue;
      }
      seen.add(code);
      const position = row.position.text ? Number(row.position.text) : members.length + 1;
      if (!Number.isInteger(position) || position < 1) problems.push(at(row.position, 'Enter a whole number from 1.'));
      members.push({ code, position, row: row.row });
      if (from) readGrace(row, from, to, problems, grace);
      if (from) planBands(row, from, setCode);
    }
    if (!from) continue;
    const ordered = members.sort((a, b) => a.position - b.position || a.row - b.row).map((m) => m.code);
    const input: KpiSetProposalInput = {
      code: setCode,
      name: first.set_name.text,
      effectiveFrom: from,
      effectiveTo: to,
      persistentFailureMonths: persistent,
      indicatorCodes: ordered,
      grace,
      reason,
    };
    let ends: SetEndingDto[] = [];
    try {
      ends = await checkSetChange(tx, organisationId, {
        code: setCode,
        name: input.name,
        effectiveFrom: monthToDate(from),
        effectiveTo: to ? monthEndDate(to) : null,
        persistentFailureMonths: persistent,
        indicatorCodes: ordered,
        grace: [],
        replaces: true,
        ends: [],
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({ ...at(first.set_from, error.message), ...(error.code ? { code: error.code } : {}) });
    }
    const unchanged = await sameAsHeld(tx, existingSets.get(setCode), input);
    stated.push({ code: setCode, name: input.name, from, to, unchanged, at: first.set_from });
    if (unchanged) {
      plan.unchangedSets += 1;
      continue;
    }
    apply.sets.push(input);
    plan.sets.push({
      code: setCode,
      name: input.name,
      effectiveFrom: monthToDate(from),
      effectiveTo: to ? monthEndDate(to) : null,
      replaces: existingSets.has(setCode),
      indicatorCodes: ordered,
      graceCount: grace.length,
      ends,
    });
  }
  // Each set was checked against the sets held; the file's own sets could still rate one month twice.
  for (const conflict of statedSetConflicts(stated)) {
    const cell = stated.find((s) => s.code === conflict.set)!.at;
    problems.push({ ...at(cell, conflict.message), code: conflict.code });
  }
  return { problems, plan, apply };

  function planBands(row: ScheduleRow, setFrom: string, setCode: string) {
    const code = row.code.text;
    const target = row.target.text;
    const failure = row.failure.text;
    if (!target && !failure) return;
    if (!target || !failure) {
      problems.push(
        at(target ? row.failure : row.target, `${code} needs both a target and a failure band, or neither.`),
      );
      return;
    }
    const indicator = library.get(code);
    const unit = indicator?.unit ?? newUnits.get(code);
    if (!unit) return;
    const bands = parseBands(target, failure, unit, indicator?.polarity ?? newPolarities.get(code));
    if (!bands.ok) {
      for (const p of bands.problems) problems.push(at(row[p.field], p.message));
      return;
    }
    // The tolerance is not stored (amber is between target and failure), so it is checked, never dropped.
    const tolerance = row.tolerance.text ? checkTolerance(row.tolerance.text, bands.bands, unit) : null;
    if (tolerance && !tolerance.ok) problems.push(at(row.tolerance, `${code}: ${tolerance.message}`));
    const from = row.bands_from.text ? row.bands_from.month : setFrom;
    if (!from) {
      problems.push(
        at(row.bands_from, 'Write the first month as 2024-04, or leave it empty for the set’s first month.'),
      );
      return;
    }
    if (indicator && sameAsInForce(indicator, from, bands.bands)) {
      plan.unchangedBands += 1;
      return;
    }
    const refusal = bandChangeRefusal(code, from, locked);
    if (refusal) problems.push(at(row.bands_from, refusal));
    apply.bands.push({ indicatorCode: code, effectiveFrom: from, target, failure, kpiSetCode: setCode, reason });
    plan.bandChanges.push({
      indicatorCode: code,
      kpiSetCode: setCode,
      effectiveFrom: monthToDate(from),
      target,
      tolerance: tolerance?.ok ? tolerance.tolerance : null,
      failure,
    });
  }

  function sameAsInForce(
    indicator: IndicatorRow,
    month: string,
    bands: { targetOperator: string; targetValue: number; failureOperator: string; failureValue: number },
  ) {
    const current = thresholdInForce(rules.get(indicator.id)?.thresholds ?? [], month);
    return (
      current !== null &&
      current.targetOperator === bands.targetOperator &&
      current.targetValue === bands.targetValue &&
      current.failureOperator === bands.failureOperator &&
      current.failureValue === bands.failureValue
    );
  }
}

/** Whether the set is already held exactly as the file has it: then there is nothing to propose. */
async function sameAsHeld(tx: Tx, held: KpiSetRow | undefined, input: KpiSetProposalInput): Promise<boolean> {
  if (!held) return false;
  const members = (await listSetMembers(tx, held.id)).map((m) => m.indicator);
  const grace = await listGraceOfSets(tx, [held.id]);
  const heldGrace = grace
    .map((g) => {
      const code = members.find((m) => m.id === g.indicatorId)?.code ?? '';
      return `${code}:${dateToMonth(g.startsOn)}:${dateToMonth(g.endsOn)}`;
    })
    .sort();
  const fileGrace = (input.grace ?? [])
    .map((g) => {
      const from = g.fromMonth ?? input.effectiveFrom;
      return `${g.indicatorCode}:${from}:${addMonths(from, g.months - 1)}`;
    })
    .sort();
  return (
    held.name === input.name &&
    dateToMonth(held.effectiveFrom) === input.effectiveFrom &&
    (held.effectiveTo ? dateToMonth(held.effectiveTo) : null) === (input.effectiveTo ?? null) &&
    held.persistentFailureMonths === input.persistentFailureMonths &&
    members.map((m) => m.code).join(',') === (input.indicatorCodes ?? []).join(',') &&
    heldGrace.join(',') === fileGrace.join(',')
  );
}

function readGrace(
  row: ScheduleRow,
  setFrom: string,
  setTo: string | null,
  problems: ScheduleProblem[],
  grace: GraceInput[],
) {
  if (!row.grace_months.text) {
    if (row.grace_from.text)
      problems.push(at(row.grace_months, 'Give the months of grace, or leave grace_from empty.'));
    return;
  }
  const months = Number(row.grace_months.text);
  if (!Number.isInteger(months) || months < 1 || months > 36) {
    problems.push(at(row.grace_months, 'Enter a whole number of months from 1 to 36.'));
    return;
  }
  const from = row.grace_from.text ? row.grace_from.month : setFrom;
  if (!from) {
    problems.push(at(row.grace_from, 'Write the first month of grace as 2024-04, or leave it empty.'));
    return;
  }
  const last = addMonths(from, months - 1);
  if (from < setFrom || (setTo && last > setTo)) {
    problems.push(at(row.grace_from, `The grace period (${from} to ${last}) falls outside the set's months.`));
    return;
  }
  grace.push({ indicatorCode: row.code.text, months, fromMonth: from });
}

function readNewIndicator(row: ScheduleRow, problems: ScheduleProblem[]): IndicatorInput | null {
  const code = row.code.text;
  const before = problems.length;
  const need = (column: ScheduleColumn, what: string) => {
    if (!row[column].text) problems.push(at(row[column], `${code} is not in the KPI library yet: give its ${what}.`));
    return row[column].text;
  };
  const title = need('title', 'title');
  const definition = need('definition', 'definition');
  const whyItMatters = need('why_it_matters', 'why it matters');
  const pick = <T extends string>(column: ScheduleColumn, values: readonly T[]) => {
    if (!row[column].text) {
      problems.push(
        at(row[column], `${code} is not in the KPI library yet: give its ${column} (${values.join(', ')}).`),
      );
      return null;
    }
    const value = oneOf(values, row[column].text);
    if (!value) problems.push(at(row[column], `"${row[column].text}" is not one of ${values.join(', ')}.`));
    return value;
  };
  const theme = pick('theme', THEMES);
  const unit = pick('unit', UNITS);
  const polarity = pick('polarity', POLARITIES);
  const measureType = pick('measure_type', MEASURE_TYPES);
  const precision = Number(row.precision.text || 'x');
  if (!Number.isInteger(precision) || precision < 0 || precision > 4) {
    problems.push(at(row.precision, `Give ${code}'s decimal places, 0 to 4.`));
  }
  if (problems.length > before || !theme || !unit || !polarity || !measureType) return null;
  return {
    code,
    title,
    shortTitle: row.short_title.text || null,
    definition,
    whyItMatters,
    theme,
    unit,
    polarity,
    precision,
    measureType,
    numeratorLabel: null,
    denominatorLabel: null,
    comparatorMeasure: null,
  };
}
