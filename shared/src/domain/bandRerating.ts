import type { ReratedMonthDto } from '../contracts/contractAdmin';
import type { SuppressionSymbol, Unit } from '../contracts/enums';
import { addMonths, dateToMonth, monthEndDate } from './periods';
import { ragStatus, type ThresholdVersion, thresholdInForce } from './rag';
import { statusStreak } from './streaks';

/**
 * What approving new bands would do to the months already loaded: which months change rating, and
 * whether the run of months in a rating ("in failure for 4 months") and the persistent-failure flag
 * change with them. Rated with the scorecard's own rules (`ragStatus`, `thresholdInForce`,
 * `statusStreak`), so the list shown before approval is what the scorecard shows after it.
 */

/** New bands from a month on: the versions that start on or after it are replaced (corrected). */
export type BandChange = Pick<
  ThresholdVersion,
  'effectiveFrom' | 'targetOperator' | 'targetValue' | 'failureOperator' | 'failureValue'
>;

/**
 * What approving a band change does to an indicator's versions, as one plan: the preview applies
 * it to the versions in memory (`bandsAfterChange`) and approval applies it to the stored rows, so
 * the months listed before approval are rated by the bands approval writes. Versions starting on or
 * after the change's first day go (a correction), one running into it ends the day before, and the
 * new bands run open-ended from that day.
 */
export interface BandChangePlan<V extends ThresholdVersion> {
  removed: V[];
  /** Versions kept, with the day they now end. */
  ended: { version: V; effectiveTo: string }[];
  added: ThresholdVersion;
}

export function planBandChange<V extends ThresholdVersion>(
  versions: readonly V[],
  change: BandChange,
): BandChangePlan<V> {
  const dayBefore = monthEndDate(addMonths(dateToMonth(change.effectiveFrom), -1));
  return {
    removed: versions.filter((v) => v.effectiveFrom >= change.effectiveFrom),
    ended: versions
      .filter(
        (v) =>
          v.effectiveFrom < change.effectiveFrom && (v.effectiveTo === null || v.effectiveTo >= change.effectiveFrom),
      )
      .map((version) => ({ version, effectiveTo: dayBefore })),
    added: {
      effectiveFrom: change.effectiveFrom,
      effectiveTo: null,
      targetOperator: change.targetOperator,
      targetValue: change.targetValue,
      failureOperator: change.failureOperator,
      failureValue: change.failureValue,
    },
  };
}

/** The versions in force once the change is approved: the plan applied in memory. */
export function bandsAfterChange(versions: readonly ThresholdVersion[], change: BandChange): ThresholdVersion[] {
  const plan = planBandChange(versions, change);
  const endOf = new Map(plan.ended.map((e) => [e.version, e.effectiveTo]));
  const kept = versions
    .filter((v) => !plan.removed.includes(v))
    .map((v) => (endOf.has(v) ? { ...v, effectiveTo: endOf.get(v)! } : v));
  return [...kept, plan.added];
}

/** A month with a figure loaded, and what its rating depends on besides the bands. */
export interface LoadedMonth {
  month: string;
  value: number | null;
  symbol: SuppressionSymbol | null;
  /** False inside a grace period or relief event (`consequenceOf`). */
  carriesConsequence: boolean;
  /** The persistent-failure rule of the KPI set in force that month (its `persistentFailureMonths`). */
  persistentFailureMonths: number;
}

/** A re-rated month as the API sends it (one type: the contract's schema). */
export type ReratedMonth = ReratedMonthDto;
/** One side of a re-rated month: its rating, its run of months in that rating, persistent failure. */
export type MonthRating = ReratedMonth['now'];

export interface ReratingInput {
  unit: Unit;
  precision: number;
  /** Bands now, and after approval (`bandsAfterChange`). */
  before: readonly ThresholdVersion[];
  after: readonly ThresholdVersion[];
  /** The loaded months, any order, one per month. */
  months: readonly LoadedMonth[];
}

function ratingsWith(input: ReratingInput, thresholds: readonly ThresholdVersion[]): Map<string, MonthRating> {
  const rated = input.months.map((m) => ({
    month: m.month,
    status: ragStatus({
      value: m.value,
      symbol: m.symbol,
      unit: input.unit,
      precision: input.precision,
      threshold: thresholdInForce(thresholds, m.month),
    }).status,
    carriesConsequence: m.carriesConsequence,
    persistentFailureMonths: m.persistentFailureMonths,
  }));
  const ratings = new Map<string, MonthRating>();
  for (const m of rated) {
    // As the scorecard judges a month: the streak as of that month, under that month's set's rule.
    const streak = statusStreak(rated, { asOf: m.month, persistentFailureMonths: m.persistentFailureMonths });
    const ratedHere = m.status !== 'no_data';
    ratings.set(m.month, {
      status: m.status,
      monthsInRating: ratedHere ? streak.months : null,
      persistentFailure: ratedHere && streak.persistentFailure,
    });
  }
  return ratings;
}

/**
 * The loaded months whose rating or persistent-failure flag differs between the bands now and the
 * bands after approval, oldest first. A month whose only difference is the length of its run is
 * left out (every later month of a run would be listed), but each listed month says its run.
 */
export function reratedMonths(input: ReratingInput): ReratedMonth[] {
  const now = ratingsWith(input, input.before);
  const after = ratingsWith(input, input.after);
  return [...input.months]
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
    .flatMap((m) => {
      const n = now.get(m.month)!;
      const a = after.get(m.month)!;
      if (n.status === a.status && n.persistentFailure === a.persistentFailure) return [];
      const shown = ragStatus({
        value: m.value,
        symbol: m.symbol,
        unit: input.unit,
        precision: input.precision,
        threshold: null,
      });
      return [{ month: m.month, displayValue: shown.displayValue, now: n, after: a }];
    });
}
