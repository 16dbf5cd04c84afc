/**
 * Special-cause rules of "Making Data Count", applied within one rebase group.
 *
 * A port of NHSRplotthedots (MIT licence, © NHS-R Community), `R/ptd_calculate_point_type.R`
 * (version 0.2 onwards, where each point carries the rule that flagged it). Precedence, first that
 * applies wins: outside a limit; part of a run of 7 strictly rising or falling points (a tie breaks
 * the run); part of two out of three consecutive points close to a limit with all three on the same
 * side of the mean (only the close points are flagged; a point beyond a limit does not count as
 * close, as in the package); part of a run of 7 points on one side of the mean (a point exactly on
 * the mean breaks the run). Sides and directions are −1, 0 or 1.
 */

export type Sign = -1 | 0 | 1;

export const SPECIAL_CAUSE_TYPES = [
  'common_cause',
  'above_upper_limit',
  'below_lower_limit',
  'trend_increasing',
  'trend_decreasing',
  'two_in_three_above',
  'two_in_three_below',
  'run_above',
  'run_below',
] as const;
export type SpecialCauseType = (typeof SPECIAL_CAUSE_TYPES)[number];

export const RUN_LENGTH = 7;

const sign = (x: number): Sign => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** 1/−1 at the 7th (and each later) point of a run of 7 on one side of the mean; 0 elsewhere. */
export function sevenPointOneSideOfMean(sides: readonly Sign[]): Sign[] {
  return sides.map((s, i) => {
    if (s === 0 || i < RUN_LENGTH - 1) return 0;
    for (let k = 1; k < RUN_LENGTH; k++) if (sides[i - k] !== s) return 0;
    return s;
  });
}

/** 1/−1 at the 7th (and each later) point of 7 strictly rising/falling points; 0 elsewhere. */
export function sevenPointTrend(values: readonly number[]): Sign[] {
  return values.map((_, i) => {
    if (i < RUN_LENGTH - 1) return 0;
    let direction: Sign | null = null;
    for (let k = i - RUN_LENGTH + 2; k <= i; k++) {
      const d = sign(values[k]! - values[k - 1]!);
      if (d === 0 || (direction !== null && d !== direction)) return 0;
      direction = d;
    }
    return direction ?? 0;
  });
}

/** A point is part of a run when it or one of the next 6 points ends one. */
export function partOfRun(ends: readonly Sign[]): boolean[] {
  return ends.map((_, i) => {
    for (let k = i; k < Math.min(ends.length, i + RUN_LENGTH); k++) if (ends[k] !== 0) return true;
    return false;
  });
}

/**
 * For each point: does any window of three consecutive points containing it hold at least two
 * points close to a limit, with all three strictly on the same side of the mean?
 */
export function twoInThree(close: readonly boolean[], sides: readonly Sign[]): boolean[] {
  const n = close.length;
  const window = (start: number): boolean => {
    let closeCount = 0;
    let sideSum = 0;
    for (let k = start; k < start + 3; k++) {
      if (k < 0 || k >= n) continue; // the package pads with zeros: a short window cannot qualify
      if (close[k]) closeCount++;
      sideSum += sides[k]!;
    }
    return closeCount >= 2 && Math.abs(sideSum) === 3;
  };
  return close.map((_, i) => window(i - 2) || window(i - 1) || window(i));
}

/** Only the close points of a qualifying window are flagged. */
export function partOfTwoInThree(close: readonly boolean[], sides: readonly Sign[]): boolean[] {
  const windows = twoInThree(close, sides);
  return close.map((c, i) => windows[i]! && c);
}

export interface RuleInputs {
  values: readonly number[];
  sides: readonly Sign[];
  close: readonly boolean[];
  outside: readonly boolean[];
}

/** The rule that flags each point, in the package's precedence. */
export function specialCauseTypes({ values, sides, close, outside }: RuleInputs): SpecialCauseType[] {
  return combineRules({
    values,
    sides,
    outside,
    partOfTrend: partOfRun(sevenPointTrend(values)),
    partOfTwoInThree: partOfTwoInThree(close, sides),
    partOfRunOneSide: partOfRun(sevenPointOneSideOfMean(sides)),
  });
}

/** Applies the precedence to flags already worked out (kept apart so each step can be tested alone). */
export function combineRules(flags: {
  values: readonly number[];
  sides: readonly Sign[];
  outside: readonly boolean[];
  partOfTrend: readonly boolean[];
  partOfTwoInThree: readonly boolean[];
  partOfRunOneSide: readonly boolean[];
}): SpecialCauseType[] {
  const { values, sides, outside, partOfTrend: trend } = flags;
  const n = values.length;
  // Direction of a trend point: the step to the next point when that point is also in a trend,
  // otherwise the step from the previous point (as the package does, so the first point of a
  // trend takes the trend's direction).
  const steps = values.slice(1).map((v, i) => sign(v - values[i]!));
  return values.map((_, i) => {
    if (outside[i]) return sides[i] === 1 ? 'above_upper_limit' : 'below_lower_limit';
    if (trend[i]) {
      const useNext = i + 1 < n && trend[i + 1];
      const step = useNext ? steps[i]! : i === 0 ? 0 : steps[i - 1]!;
      return step === 1 ? 'trend_increasing' : 'trend_decreasing';
    }
    if (flags.partOfTwoInThree[i]) return sides[i]! > 0 ? 'two_in_three_above' : 'two_in_three_below';
    if (flags.partOfRunOneSide[i]) return sides[i]! > 0 ? 'run_above' : 'run_below';
    return 'common_cause';
  });
}

/** Whether a special cause points up (1), down (−1) or is common cause (0). */
export function specialCauseSign(type: SpecialCauseType): Sign {
  switch (type) {
    case 'above_upper_limit':
    case 'trend_increasing':
    case 'two_in_three_above':
    case 'run_above':
      return 1;
    case 'below_lower_limit':
    case 'trend_decreasing':
    case 'two_in_three_below':
    case 'run_below':
      return -1;
    default:
      return 0;
  }
}
