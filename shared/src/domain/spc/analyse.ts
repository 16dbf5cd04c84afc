/**
 * A whole XmR analysis of one monthly series: rebase groups, limits, each point's rule and type,
 * and the two icons. Port of NHSRplotthedots `ptd_spc()` (MIT licence, © NHS-R Community) with
 * these choices, each stated where the package leaves it open:
 *
 * - The chart is drawn over the latest unbroken run of months: the package requires a series
 *   without gaps (a moving range across a gap of years is not a month-to-month range, and a run
 *   of 7 would count figures years apart as consecutive). One missing month (a return not made)
 *   is bridged: it is left out and its neighbours are taken as consecutive, so a single missed
 *   month does not take a year's chart away. Figures before a gap of two months or more are left
 *   out, and `gapNote` says so. A missing month is never zero.
 * - A rebase at month M starts a new group at the first month with a figure on or after M.
 * - A group whose limits rest on 12 or fewer points has trial limits (including limits frozen by
 *   `fixAfterNPoints` after fewer: the package refuses `fix_after_n_points` below 12), and the
 *   icons wait until the latest group's limits rest on 13. This follows the package's documentation ("groups of 12 or fewer points carry a trial
 *   limits warning") and the NHS Excel tool, which shows limits and icons only from 13 points
 *   (NHS-R issue #194), rather than the package's code (`ptd_add_short_group_warnings`, `n() < 12`),
 *   which would call 12 points settled: two of the three sources agree, and erring towards "trial"
 *   only withholds a claim that the limits are settled. The package always draws the icons.
 * - Limits can be clipped to what the measure allows (`bounds`: a percentage 0 to 100, a count not
 *   below 0) for display only; every rule and icon is judged against the limits as calculated.
 * - Points beyond a limit do not count towards two-in-three (the package's code; Making Data Count
 *   now counts them, issue #194), and runs are of 7 points (the package; the Excel tool allows 6).
 * - The mean is computed as R's `mean()` computes it (`accurateMean`), and a figure equal to the
 *   mean, a limit or a "close" line to within floating-point noise is on it (`compareFigures`): a
 *   month of 10.7 when the mean of the figures is 10.7 is on the mean and breaks a run, and a month
 *   or target exactly on a limit is not beyond it (strict inequalities), as the figures say.
 */

import { formatMonth, plural } from '../format';
import { monthsBetween } from '../periods';
import { clipLimitsToBounds, type SpcBounds } from './displayBounds';
import {
  ASSURANCE_ICON_TITLES,
  type AssuranceIcon,
  assuranceIconFor,
  assuranceWords,
  type ImprovementDirection,
  type PointType,
  specialCauseReason,
  VARIATION_ICON_TITLES,
  type VariationIcon,
  variationIconFor,
  variationWords,
} from './icons';
import { compareFigures, type GroupLimits, groupLimits } from './limits';
import { type Sign, type SpecialCauseType, specialCauseSign, specialCauseTypes } from './rules';

/** The fewest points whose limits are not trial limits, and that the icons need (see above). */
export const SPC_MINIMUM_POINTS = 13;

export interface SpcInputPoint {
  month: string;
  value: number | null;
}

export interface SpcRebase {
  month: string;
  reason: string;
}

export interface SpcOptions {
  direction: ImprovementDirection;
  /** Screen moving ranges ≥ 3.267 × the mean moving range (default true, as the package). */
  screenOutliers?: boolean;
  rebases?: readonly SpcRebase[];
  /** Freeze each group's mean and limits after its first N points. */
  fixAfterNPoints?: number | null;
  /** The target in force for the latest month, for the assurance icon. */
  target?: number | null;
  /** Groups with fewer points than this have trial limits and the icons wait (default 13). */
  minimumPoints?: number;
  /** What the measure allows: the limits and "close" lines are clipped to it for display only. */
  bounds?: SpcBounds;
}

/** A group's limits are as drawn (clipped to `bounds`); its points were judged on them unclipped. */
export interface SpcGroup extends GroupLimits {
  index: number;
  from: string;
  to: string;
  points: number;
  trialLimits: boolean;
  fixedAfterPoints: number | null;
  /** The rebase that started the group; null for the first. */
  rebase: SpcRebase | null;
}

export interface SpcPoint {
  month: string;
  value: number;
  group: number;
  side: Sign;
  outsideLimits: boolean;
  closeToLimits: boolean;
  specialCause: SpecialCauseType;
  pointType: PointType;
}

export interface SpcIcons {
  variation: { icon: VariationIcon; title: string; words: string };
  assurance: { icon: AssuranceIcon; title: string; words: string; target: number } | null;
}

export interface SpcAnalysis {
  direction: ImprovementDirection;
  screenOutliers: boolean;
  groups: SpcGroup[];
  points: SpcPoint[];
  icons: SpcIcons | null;
  /** Why there are no icons, in words; null when there are. */
  iconsWithheld: string | null;
  /** Which figures were left out because a month before them has none (see above); null when none were. */
  gapNote: string | null;
}

/** The most months with no figure that the chart bridges (see above); a longer gap ends it. */
export const SPC_BRIDGED_MISSING_MONTHS = 1;

/** The figures from the latest unbroken run of months (sorted input), and the words for what was left out. */
export function latestUnbrokenRun<T extends { month: string }>(
  sorted: readonly T[],
): { run: T[]; gapNote: string | null } {
  let start = sorted.length - 1;
  while (start > 0 && monthsBetween(sorted[start - 1]!.month, sorted[start]!.month) <= SPC_BRIDGED_MISSING_MONTHS + 1)
    start--;
  if (start <= 0) return { run: [...sorted], gapNote: null };
  const first = sorted[start]!.month;
  const missing = monthsBetween(sorted[start - 1]!.month, first) - 1;
  const leftOut = start;
  return {
    run: sorted.slice(start),
    gapNote: `SPC needs a figure for every month: drawn over the ${plural(sorted.length - start, 'month')} from ${formatMonth(first)}; the ${plural(leftOut, 'earlier figure')} ${leftOut === 1 ? 'is' : 'are'} left out (no figure for the ${plural(missing, 'month')} before ${formatMonth(first)}).`,
  };
}

export function pointTypeFor(type: SpecialCauseType, direction: ImprovementDirection): PointType {
  const s = specialCauseSign(type);
  if (s === 0) return 'common_cause';
  if (direction === 'neutral') return s > 0 ? 'special_cause_neutral_high' : 'special_cause_neutral_low';
  const oriented = s * (direction === 'increase' ? 1 : -1);
  return oriented > 0 ? 'special_cause_improvement' : 'special_cause_concern';
}

function splitGroups(
  points: readonly { month: string; value: number }[],
  rebases: readonly SpcRebase[],
): { rebase: SpcRebase | null; points: { month: string; value: number }[] }[] {
  const sorted = [...rebases].sort((a, b) => a.month.localeCompare(b.month));
  const groups: { rebase: SpcRebase | null; points: { month: string; value: number }[] }[] = [
    { rebase: null, points: [] },
  ];
  let next = 0;
  for (const p of points) {
    let started: SpcRebase | null = null;
    while (next < sorted.length && sorted[next]!.month <= p.month) started = sorted[next++]!;
    // A rebase before the first figure, or two rebases with no figure between, start one group.
    if (started && groups[groups.length - 1]!.points.length > 0) groups.push({ rebase: started, points: [] });
    groups[groups.length - 1]!.points.push(p);
  }
  return groups;
}

/** Length of the run of points ending at the last one that share its rule's pattern. */
function latestRunLength(points: readonly SpcPoint[]): number {
  const last = points[points.length - 1]!;
  let n = 1;
  for (let i = points.length - 2; i >= 0; i--) {
    const p = points[i]!;
    if (p.group !== last.group) break;
    if (last.specialCause === 'run_above' || last.specialCause === 'run_below') {
      if (p.side !== last.side) break;
    } else if (last.specialCause === 'trend_increasing' || last.specialCause === 'trend_decreasing') {
      const step = Math.sign(points[i + 1]!.value - p.value);
      if (step !== (last.specialCause === 'trend_increasing' ? 1 : -1)) break;
    } else break;
    n++;
  }
  return n;
}

export function analyseSpc(series: readonly SpcInputPoint[], options: SpcOptions): SpcAnalysis {
  const screenOutliers = options.screenOutliers ?? true;
  const fixAfter = options.fixAfterNPoints ?? null;
  const minimum = options.minimumPoints ?? SPC_MINIMUM_POINTS;
  const { run: present, gapNote } = latestUnbrokenRun(
    series
      .filter((p): p is { month: string; value: number } => p.value !== null && Number.isFinite(p.value))
      .sort((a, b) => a.month.localeCompare(b.month)),
  );
  const groups: SpcGroup[] = [];
  const points: SpcPoint[] = [];
  // As calculated, for the assurance icon: only the drawn limits in `groups` are clipped.
  const calculated: GroupLimits[] = [];
  const withoutIcons = (iconsWithheld: string): SpcAnalysis => ({
    direction: options.direction,
    screenOutliers,
    groups,
    points,
    icons: null,
    iconsWithheld,
    gapNote,
  });
  if (present.length === 0) return withoutIcons('No figures.');
  splitGroups(present, options.rebases ?? []).forEach((g, index) => {
    const values = g.points.map((p) => p.value);
    const limits = groupLimits(values, { screenOutliers, fixAfterNPoints: fixAfter });
    calculated.push(limits);
    groups.push({
      ...clipLimitsToBounds(limits, options.bounds),
      index,
      from: g.points[0]!.month,
      to: g.points[g.points.length - 1]!.month,
      points: g.points.length,
      trialLimits: limits.baselinePoints < minimum,
      fixedAfterPoints: fixAfter !== null && fixAfter < g.points.length ? fixAfter : null,
      rebase: g.rebase,
    });
    // compareFigures: a figure on the mean or on a line is on it, not a rounding error either side.
    const sides = values.map((v) => compareFigures(v, limits.mean) as Sign);
    const outside = values.map(
      (v) =>
        limits.upperLimit !== null &&
        limits.lowerLimit !== null &&
        (compareFigures(v, limits.upperLimit) > 0 || compareFigures(v, limits.lowerLimit) < 0),
    );
    const close = values.map(
      (v, i) =>
        !outside[i] &&
        limits.upperClose !== null &&
        limits.lowerClose !== null &&
        (compareFigures(v, limits.lowerClose) < 0 || compareFigures(v, limits.upperClose) > 0),
    );
    const types = specialCauseTypes({ values, sides, close, outside });
    g.points.forEach((p, i) => {
      points.push({
        month: p.month,
        value: p.value,
        group: index,
        side: sides[i]!,
        outsideLimits: outside[i]!,
        closeToLimits: close[i]!,
        specialCause: types[i]!,
        pointType: pointTypeFor(types[i]!, options.direction),
      });
    });
  });

  const latestGroup = groups[groups.length - 1]!;
  if (latestGroup.points < minimum) {
    const since = latestGroup.rebase ? ` since the limits were recalculated in ${latestGroup.from}` : '';
    return withoutIcons(
      `No icons yet: ${latestGroup.points} month${latestGroup.points === 1 ? '' : 's'}${since}; the icons need at least ${minimum}.`,
    );
  }
  if (latestGroup.baselinePoints < minimum) {
    return withoutIcons(
      `No icons: the limits were fixed after ${plural(latestGroup.baselinePoints, 'month')}; the icons need limits resting on at least ${minimum}.`,
    );
  }
  const last = points[points.length - 1]!;
  const variation = variationIconFor(last.pointType, options.direction);
  const reason = specialCauseReason(last.specialCause, latestRunLength(points));
  const target = options.target ?? null;
  const assurance = assuranceIconFor(target, calculated[calculated.length - 1]!, options.direction);
  return {
    direction: options.direction,
    screenOutliers,
    groups,
    points,
    icons: {
      variation: { icon: variation, title: VARIATION_ICON_TITLES[variation], words: variationWords(variation, reason) },
      assurance:
        assurance === null || target === null
          ? null
          : { icon: assurance, title: ASSURANCE_ICON_TITLES[assurance], words: assuranceWords(assurance), target },
    },
    gapNote,
    iconsWithheld: null,
  };
}
