import {
  type ComparatorLine,
  type Consequence,
  consequenceOf,
  formatMonth,
  formatValue,
  type MonthlyPoint,
  monthToDate,
  type RagResult,
  ragStatus,
  type SnModelDated,
  type StreakDto,
  type SuppressionSymbol,
  snModelInForce,
  snModelNotInForceNote,
  statusStreak,
  type ThresholdVersion,
  type ThresholdVersionDto,
  thresholdInForce,
  thresholdInWords,
} from '@kpi/shared';
import type { CountedComparatorPoint } from '../comparators/comparatorComparisons';
import type { ComparatorRow } from '../comparators/comparatorRepository';
import type { IndicatorRow, IndicatorRules, ObservationRow } from './kpiRepository';

export interface EvaluatedMonth {
  point: MonthlyPoint;
  rag: RagResult;
  threshold: ThresholdVersion | null;
  consequence: Consequence;
  observation: ObservationRow | undefined;
}

function toThresholdVersion(t: IndicatorRules['thresholds'][number]): ThresholdVersion {
  return {
    effectiveFrom: t.effectiveFrom,
    effectiveTo: t.effectiveTo,
    targetOperator: t.targetOperator,
    targetValue: t.targetValue,
    failureOperator: t.failureOperator,
    failureValue: t.failureValue,
  };
}

export function domainThresholds(rules: IndicatorRules): ThresholdVersion[] {
  return rules.thresholds.map(toThresholdVersion);
}

export function thresholdDtos(indicator: IndicatorRow, rules: IndicatorRules): ThresholdVersionDto[] {
  return rules.thresholds.map((t) => ({
    ...toThresholdVersion(t),
    sourceText: t.sourceText,
    kpiSetCode: t.kpiSetCode,
    illustrative: t.illustrative,
    words: thresholdInWords(t, indicator.unit, indicator.precision),
  }));
}

export function consequenceRules(rules: IndicatorRules) {
  return {
    gracePeriods: rules.gracePeriods.map((g) => ({ startsOn: g.startsOn, endsOn: g.endsOn, reason: g.reason })),
    reliefEvents: rules.reliefEvents.map((r) => ({
      name: r.name,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      reason: r.reason,
    })),
  };
}

/**
 * Rates one month of one indicator with the bands, grace periods and relief events in force then.
 * `figure` is what is rated: the observation itself, or an aggregate built from observations.
 */
export function evaluateMonth(
  indicator: IndicatorRow,
  thresholds: readonly ThresholdVersion[],
  rules: ReturnType<typeof consequenceRules>,
  month: string,
  observation: ObservationRow | undefined,
  figure: { value: number | null; symbol: SuppressionSymbol | null } = {
    value: observation?.value ?? null,
    symbol: observation?.symbol ?? null,
  },
): EvaluatedMonth {
  const threshold = thresholdInForce(thresholds, month);
  const { value, symbol } = figure;
  const rag = ragStatus({ value, symbol, unit: indicator.unit, precision: indicator.precision, threshold });
  return {
    rag,
    threshold,
    consequence: consequenceOf(month, rules),
    observation,
    point: {
      month,
      value,
      symbol,
      displayValue: rag.displayValue ?? formatValue(value, indicator.unit, indicator.precision, symbol),
      status: rag.status,
      provenance: observation?.provenance ?? null,
      observationStatus: observation?.status ?? null,
      revised: observation?.status === 'revised',
    },
  };
}

const ENGLAND = 'E92000001';
// Where one period has figures from several sources, the DfE-derived one is preferred: it is
// reproducible from the published file, while a paper's figure may have been rounded or re-based.
const SOURCE_PREFERENCE = { computed: 0, dfe_release: 1, published_paper: 2 } as const;

/** Sorts comparator rows into the three lines the trend is set against, one figure per period. */
export function comparatorLines(
  indicator: IndicatorRow,
  rows: readonly ComparatorRow[],
  context: ComparatorContext,
): Map<ComparatorLine, CountedComparatorPoint[]> {
  const lines = new Map<ComparatorLine, Map<string, ComparatorRow>>([
    ['council_official', new Map()],
    ['statistical_neighbours', new Map()],
    ['region', new Map()],
    ['england', new Map()],
  ]);
  const neighbourRows = neighbourAveragesLikeWithLike(
    rows.filter(
      (r) =>
        r.measureCode === indicator.comparatorMeasure &&
        r.unit === indicator.unit &&
        r.kind === 'statistical_neighbour_average' &&
        r.areaCode === context.organisationAreaCode,
    ),
    context.snModelId,
  );
  for (const row of rows) {
    if (row.measureCode !== indicator.comparatorMeasure || row.unit !== indicator.unit) continue;
    let line: ComparatorLine | null = null;
    if (row.kind === 'statistical_neighbour_average') {
      if (neighbourRows.has(row)) line = 'statistical_neighbours';
    } else if (row.areaCode === context.organisationAreaCode) line = 'council_official';
    else if (row.areaCode === ENGLAND) line = 'england';
    else if (row.areaCode === context.regionCode) line = 'region';
    if (!line) continue;
    const byPeriod = lines.get(line)!;
    const key = row.periodEnd;
    const existing = byPeriod.get(key);
    if (!existing || SOURCE_PREFERENCE[row.source] < SOURCE_PREFERENCE[existing.source]) byPeriod.set(key, row);
  }
  const result = new Map<ComparatorLine, CountedComparatorPoint[]>();
  for (const [line, byPeriod] of lines) {
    const points = [...byPeriod.values()]
      .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd))
      .map((row) => {
        const point = toComparatorPoint(indicator, line, row, context);
        if (neighbourRows.get(row) === false && row.snModelName) {
          point.notes.push(snModelNotInForceNote(row.snModelName, row.timePeriod));
        }
        return point;
      });
    result.set(line, points);
  }
  return result;
}

/**
 * Each period's neighbour average over the model current for it (shared `snModelInForce`: the
 * newest DfE model published by the time DfE published that period's figures), so 2025 is set
 * against the May 2025 model and 2021–2024 against April 2021, like with like, each point naming
 * its model. Where that model has no average for the period (a council whose averages were
 * computed only for its chosen model), the chosen model's is used. Maps each row used to whether
 * its model was in force for its period (false: published later; the point says so).
 */
function neighbourAveragesLikeWithLike(
  rows: readonly ComparatorRow[],
  chosenModelId: number | null,
): Map<ComparatorRow, boolean> {
  const models = new Map<string, SnModelDated>();
  for (const r of rows) {
    if (r.snModelCode && r.snModelPublishedOn)
      models.set(r.snModelCode, { code: r.snModelCode, publishedOn: r.snModelPublishedOn });
  }
  const byPeriod = new Map<string, ComparatorRow[]>();
  for (const r of rows) byPeriod.set(r.periodEnd, [...(byPeriod.get(r.periodEnd) ?? []), r]);
  const used = new Map<ComparatorRow, boolean>();
  for (const [periodEnd, candidates] of byPeriod) {
    const rule = snModelInForce([...models.values()], periodEnd);
    const unmodelled = candidates.filter((r) => r.snModelId === null);
    const ruled = rule ? candidates.filter((r) => r.snModelCode === rule.code) : [];
    const chosen = candidates.filter((r) => r.snModelId !== null && r.snModelId === chosenModelId);
    const pick = ruled.length > 0 ? ruled : chosen.length > 0 ? chosen : [];
    for (const r of unmodelled) used.set(r, true);
    for (const r of pick) used.set(r, ruled.length > 0 ? (rule?.inForce ?? true) : false);
  }
  return used;
}

export interface ComparatorContext {
  organisationAreaCode: string;
  regionCode: string | null;
  regionName: string | null;
  snModelId: number | null;
  /** The council's name, for its own official line. */
  councilName?: string;
  /** How many neighbours each model gives the organisation. */
  neighbourCounts?: ReadonlyMap<number, number>;
}

/** The line's name in keys and tables; for neighbours the model is given separately (`snModel`). */
export function comparatorLineLabel(line: ComparatorLine, regionName: string | null, councilName?: string): string {
  if (line === 'council_official') return `${councilName ?? 'Council'} (DfE published, official)`;
  if (line === 'england') return 'England';
  if (line === 'region') return regionName ?? 'Region';
  return 'Statistical neighbours';
}

function toComparatorPoint(
  indicator: IndicatorRow,
  line: ComparatorLine,
  row: ComparatorRow,
  context: ComparatorContext,
): CountedComparatorPoint {
  return {
    line,
    // The council's own figure from one of its papers is not DfE's: it says so.
    label:
      line === 'council_official' && row.source === 'published_paper'
        ? `${context.councilName ?? 'Council'} (council paper, not DfE)`
        : comparatorLineLabel(line, context.regionName, context.councilName),
    value: row.value,
    symbol: row.symbol,
    displayValue: formatValue(row.value, indicator.unit, indicator.precision, row.symbol),
    timePeriod: row.timePeriod,
    timeIdentifier: row.timeIdentifier,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    source: row.source,
    sourceRelease: row.sourceRelease,
    snModel: row.snModelName,
    contributingCount: row.contributingCount,
    neighbourCount:
      line === 'statistical_neighbours' && row.snModelId !== null
        ? (context.neighbourCounts?.get(row.snModelId) ?? null)
        : null,
    notes: [],
    comparison: null,
    notCompared: null,
    numerator: row.numerator,
    denominator: row.denominator,
  };
}

export function monthDate(month: string): string {
  return monthToDate(month);
}

/** The status streak as of a month, from the indicator's rated months (months without a figure are gaps). */
export function streakAsOf(
  history: readonly EvaluatedMonth[],
  asOf: string,
  persistentFailureMonths: number,
): StreakDto {
  const streak = statusStreak(
    history.map((h) => ({
      month: h.point.month,
      status: h.point.status,
      carriesConsequence: h.consequence.carriesConsequence,
    })),
    { persistentFailureMonths, asOf },
  );
  // A month with no figure is never described by the streak before it alone ("On target for 3
  // reported months" beside "No data"): the reason says the month has none first.
  const hasFigure = history.some((h) => h.point.month === asOf && (h.point.value !== null || h.point.symbol !== null));
  const reason =
    !hasFigure && streak.status !== null
      ? `No figure for ${formatMonth(asOf)}. Before that: ${streak.reason.charAt(0).toLowerCase()}${streak.reason.slice(1)}`
      : streak.reason;
  return {
    status: streak.status,
    months: streak.months,
    from: streak.from,
    missingMonths: streak.missingMonths,
    persistentFailure: streak.persistentFailure,
    reason,
  };
}
