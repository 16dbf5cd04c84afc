/**
 * The two "Making Data Count" icons and their meaning in words.
 *
 * As NHSRplotthedots (MIT licence, © NHS-R Community) computes them: the variation icon is the type
 * of the latest point (`R/geom_ptd_icon.R`: concern is "low" when higher is better and "high"
 * otherwise); the assurance icon compares the target with the latest point's process limits using
 * strict inequalities (`R/ptd_calculate_assurance_type.R`), and there is none for a neutral
 * direction or without a target.
 */
import { compareFigures } from './limits';
import type { SpecialCauseType } from './rules';

export type ImprovementDirection = 'increase' | 'decrease' | 'neutral';

export const POINT_TYPES = [
  'common_cause',
  'special_cause_improvement',
  'special_cause_concern',
  'special_cause_neutral_high',
  'special_cause_neutral_low',
] as const;
export type PointType = (typeof POINT_TYPES)[number];

export const VARIATION_ICONS = [
  'common_cause',
  'improvement_high',
  'improvement_low',
  'concern_high',
  'concern_low',
  'neutral_high',
  'neutral_low',
] as const;
export type VariationIcon = (typeof VARIATION_ICONS)[number];

export const ASSURANCE_ICONS = ['consistent_pass', 'consistent_fail', 'inconsistent'] as const;
export type AssuranceIcon = (typeof ASSURANCE_ICONS)[number];

export const POINT_TYPE_LABELS: Record<PointType, string> = {
  common_cause: 'Common cause',
  special_cause_improvement: 'Special cause: improvement',
  special_cause_concern: 'Special cause: concern',
  special_cause_neutral_high: 'Special cause: higher',
  special_cause_neutral_low: 'Special cause: lower',
};

/** Each point's rule in words, for the table alternative and tooltips. */
export const SPECIAL_CAUSE_LABELS: Record<SpecialCauseType, string> = {
  common_cause: 'Common cause: within normal variation',
  above_upper_limit: 'Above the upper process limit',
  below_lower_limit: 'Below the lower process limit',
  trend_increasing: 'Part of a run of 7 or more rising months',
  trend_decreasing: 'Part of a run of 7 or more falling months',
  two_in_three_above: '2 of 3 months close to the upper process limit',
  two_in_three_below: '2 of 3 months close to the lower process limit',
  run_above: 'Part of a run of 7 or more months above the average',
  run_below: 'Part of a run of 7 or more months below the average',
};

export const VARIATION_ICON_TITLES: Record<VariationIcon, string> = {
  common_cause: 'Common cause variation',
  improvement_high: 'Special cause of improvement (higher)',
  improvement_low: 'Special cause of improvement (lower)',
  concern_high: 'Special cause of concern (higher)',
  concern_low: 'Special cause of concern (lower)',
  neutral_high: 'Special cause variation (higher)',
  neutral_low: 'Special cause variation (lower)',
};

export const ASSURANCE_ICON_TITLES: Record<AssuranceIcon, string> = {
  consistent_pass: 'Consistently passing',
  consistent_fail: 'Consistently failing',
  inconsistent: 'Hit and miss',
};

export function variationIconFor(pointType: PointType, direction: ImprovementDirection): VariationIcon {
  switch (pointType) {
    case 'common_cause':
      return 'common_cause';
    case 'special_cause_neutral_high':
      return 'neutral_high';
    case 'special_cause_neutral_low':
      return 'neutral_low';
    case 'special_cause_concern':
      return direction === 'increase' ? 'concern_low' : 'concern_high';
    case 'special_cause_improvement':
      return direction === 'increase' ? 'improvement_high' : 'improvement_low';
  }
}

/** Assurance from the target and the latest point's limits; null without a target or direction. */
export function assuranceIconFor(
  target: number | null,
  limits: { lowerLimit: number | null; upperLimit: number | null },
  direction: ImprovementDirection,
): AssuranceIcon | null {
  if (target === null || direction === 'neutral') return null;
  const increasing = direction === 'increase';
  // Strict, as the package: a target on a limit (to within floating-point noise) is hit and miss.
  if (limits.upperLimit !== null && compareFigures(target, limits.upperLimit) > 0)
    return increasing ? 'consistent_fail' : 'consistent_pass';
  if (limits.lowerLimit !== null && compareFigures(target, limits.lowerLimit) < 0)
    return increasing ? 'consistent_pass' : 'consistent_fail';
  return 'inconsistent';
}

/** Why the latest point is special cause, in words ("9 months in a row below the average"). */
export function specialCauseReason(type: SpecialCauseType, runLength: number): string {
  switch (type) {
    case 'common_cause':
      return 'the latest month is within the normal range of variation (no rule is met)';
    case 'above_upper_limit':
      return 'the latest month is above the upper process limit';
    case 'below_lower_limit':
      return 'the latest month is below the lower process limit';
    case 'trend_increasing':
      return `${runLength} months in a row rising`;
    case 'trend_decreasing':
      return `${runLength} months in a row falling`;
    case 'two_in_three_above':
      return '2 of the last 3 months close to the upper process limit';
    case 'two_in_three_below':
      return '2 of the last 3 months close to the lower process limit';
    case 'run_above':
      return `${runLength} months in a row above the average`;
    case 'run_below':
      return `${runLength} months in a row below the average`;
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What the variation icon means here, in words. It does not repeat the icon's title
 * (`VARIATION_ICON_TITLES`): every place that shows both puts the title first ("Common cause
 * variation. The latest month is …"), so words that restated it read twice (`spcIconSentences`).
 */
export function variationWords(icon: VariationIcon, reason: string): string {
  switch (icon) {
    case 'common_cause':
      return `${capitalised(reason)}, so a change from month to month is not a signal.`;
    case 'improvement_high':
    case 'improvement_low':
    case 'concern_high':
    case 'concern_low':
      return `${capitalised(reason)}.`;
    case 'neutral_high':
    case 'neutral_low':
      return `${capitalised(reason)}; neither direction is better for this measure.`;
  }
}

/** What the assurance icon means, in words, without repeating its title (see `variationWords`). */
export function assuranceWords(icon: AssuranceIcon): string {
  switch (icon) {
    case 'consistent_pass':
      return 'The target lies beyond the process limits on the good side, so it will be met every month unless the process changes.';
    case 'consistent_fail':
      return 'The target lies beyond the process limits on the wrong side, so it will not be met unless the process changes.';
    case 'inconsistent':
      return 'The target lies inside the process limits, so it will be met in some months and not others.';
  }
}

type IconInWords = { title: string; words: string };

/**
 * The two icons as the sentences every tooltip, table and document shows: the title once, then
 * what it means ("Variation: Common cause variation. The latest month is …"). The one place that
 * joins them, so no view states a heading twice or drops it.
 */
export function spcIconSentences(icons: { variation: IconInWords; assurance: IconInWords | null }): {
  variation: string;
  assurance: string | null;
} {
  return {
    variation: `Variation: ${icons.variation.title}. ${icons.variation.words}`,
    assurance: icons.assurance ? `Assurance: ${icons.assurance.title}. ${icons.assurance.words}` : null,
  };
}
