import {
  analyseSpc,
  councilInterval,
  dateToMonth,
  type ImprovementDirection,
  INTERVAL_METHOD_NAMES,
  LOW_RELIABILITY_THRESHOLD,
  type MeasureType,
  POINT_TYPE_LABELS,
  type PointIntervalDto,
  type Polarity,
  SPC_MINIMUM_POINTS,
  SPECIAL_CAUSE_LABELS,
  type SpcDto,
  type SpcRebaseDto,
  type SpcSummaryDto,
  spcBoundsForUnit,
  spcWithheldReason,
  type Unit,
} from '@kpi/shared';
import type { SpcRebaseRow } from './spcRebaseRepository';

/** The months a scorecard's icons rest on, ending at its month: the KPI page's default range. */
export const SPC_DEFAULT_WINDOW_MONTHS = 36;

/** The polarity of a KPI as the direction of improvement that SPC uses. */
export function improvementDirection(polarity: Polarity): ImprovementDirection {
  return polarity === 'higher_is_better' ? 'increase' : polarity === 'lower_is_better' ? 'decrease' : 'neutral';
}

/**
 * The method in words, shown under every SPC chart. Where the sources differ (methods.md) it says
 * which way the chart goes: with the NHSRplotthedots code, a month beyond a limit does not count
 * towards 2 of 3 (NHS England's Making Data Count guidance has counted it since 2023, NHS-R issue
 * #194), and runs and trends are of 7 (the NHS Excel tool lets users choose 6).
 */
export const SPC_METHOD = `XmR chart (NHS England "Making Data Count", following NHSRplotthedots): centre line the mean; process limits the mean ± 2.66 × the mean moving range. Each month is labelled by the first rule that applies, in this order: outside a limit; part of 7 months in a row rising or falling; 2 of 3 months in a row close to a limit (beyond two-thirds of the way from the mean to a limit), all 3 on the same side of the mean, where only the close months are flagged; part of 7 months in a row on one side of the mean. A month beyond a limit counts as outside, not towards 2 of 3 (as NHSRplotthedots does; Making Data Count’s current guidance counts it). A month equal to the one before breaks a rise or fall, and a month on the mean breaks a run. Limits resting on ${SPC_MINIMUM_POINTS - 1} months or fewer are trial limits; the variation and assurance icons are shown from ${SPC_MINIMUM_POINTS} months.`;

export const INTERVAL_NOTE = `Confidence intervals: Wilson score interval for percentages; for rates per 10,000, Byar's method from 10 events and the exact Poisson interval below 10. [u] low reliability: based on fewer than ${LOW_RELIABILITY_THRESHOLD} cases (the denominator of a percentage, the number of events of a rate).`;

export function rebaseDto(row: SpcRebaseRow): SpcRebaseDto {
  return {
    id: row.id,
    month: dateToMonth(row.month),
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface SpcInput {
  polarity: Polarity;
  window: { from: string; to: string };
  values: readonly { month: string; value: number | null }[];
  rebases: readonly SpcRebaseRow[];
  /** The target in force in the window's last month. */
  target: number | null;
  screenOutliers?: boolean;
  fixAfterPoints?: number | null;
  /** The KPI's unit: limits are drawn no further than its figures can go (a percentage 0 to 100). */
  unit?: Unit;
}

/** The SPC block of a series: every figure in the window, with the indicator's rebases. */
export function spcBlock(input: SpcInput): SpcDto {
  const rebases = input.rebases.map(rebaseDto);
  const analysis = analyseSpc(input.values, {
    direction: improvementDirection(input.polarity),
    screenOutliers: input.screenOutliers ?? true,
    fixAfterNPoints: input.fixAfterPoints ?? null,
    target: input.target,
    rebases: rebases.map((r) => ({ month: r.month, reason: r.reason })),
    bounds: input.unit ? spcBoundsForUnit(input.unit) : undefined,
  });
  return {
    method: SPC_METHOD,
    direction: analysis.direction,
    screenOutliers: analysis.screenOutliers,
    window: input.window,
    groups: analysis.groups,
    points: analysis.points.map((p) => ({
      ...p,
      specialCauseLabel: SPECIAL_CAUSE_LABELS[p.specialCause],
      pointTypeLabel: POINT_TYPE_LABELS[p.pointType],
    })),
    icons: analysis.icons,
    iconsWithheld: analysis.iconsWithheld,
    gapNote: analysis.gapNote,
    rebases,
  };
}

export function spcSummary(input: SpcInput): SpcSummaryDto {
  const block = spcBlock(input);
  return { icons: block.icons, withheld: block.iconsWithheld, window: input.window };
}

/** The summary for a KPI measured as `measureType`: no icons, and why, where SPC does not apply to it. */
export function spcSummaryFor(measureType: MeasureType, input: SpcInput): SpcSummaryDto {
  const withheld = spcWithheldReason(measureType);
  return withheld === null ? spcSummary(input) : { icons: null, withheld, window: input.window };
}

/**
 * A figure's 95% and 99.8% intervals, where it is a percentage or a rate per 10,000 with a whole
 * numerator and a denominator; null otherwise (counts, averages, days and money have none here).
 */
export function pointInterval(
  unit: Unit,
  numerator: number | null | undefined,
  denominator: number | null | undefined,
): PointIntervalDto | null {
  // The one rule for which figures have an interval and by which method (shared/domain/comparison),
  // so the chart's interval and the "better or worse than England" test never disagree.
  const i95 = councilInterval(unit, numerator, denominator, 0.95);
  const i998 = councilInterval(unit, numerator, denominator, 0.998);
  if (!i95 || !i998) return null;
  return {
    method: i95.method,
    methodLabel: INTERVAL_METHOD_NAMES[i95.method],
    level95: { lower: i95.lower, upper: i95.upper },
    level998: { lower: i998.lower, upper: i998.upper },
    lowReliability: i95.lowReliability,
  };
}
