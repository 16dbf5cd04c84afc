import type { Unit } from '../../contracts/enums';
import { formatMonth, formatValue } from '../format';
import { MAX_PRECISION } from '../rounding';
import { SPC_MINIMUM_POINTS } from './analyse';
import type { PointType } from './icons';

/**
 * The SPC chart's facts in words, for a page with no room for the chart itself (the board pack):
 * the average and process limits of the latest group, and each month's signal in a word short
 * enough for a table cell.
 */

/** What the words need of a group of points (an `SpcGroupDto`). */
export type SpcGroupFacts = {
  from: string;
  to: string;
  points: number;
  mean: number;
  lowerLimit: number | null;
  upperLimit: number | null;
  trialLimits: boolean;
};

/** Why a group's limits are trial limits, in the words every view uses ("12 months or fewer"). */
export const TRIAL_LIMITS_WORDS = `trial limits: ${SPC_MINIMUM_POINTS - 1} months or fewer`;

/** Each month's point type in one word: a special cause is named, common cause is "Common". */
export const SPC_MONTH_WORDS: Record<PointType, string> = {
  common_cause: 'Common',
  special_cause_improvement: 'Improving',
  special_cause_concern: 'Concern',
  special_cause_neutral_high: 'Higher',
  special_cause_neutral_low: 'Lower',
};

/**
 * "Average 85.35%; process limits 70.12% to 99.58%, from the 36 months April 2018 to March 2021."
 * The average and limits carry one more decimal place than the figures, so a limit is not rounded
 * onto a figure; trial limits (12 points or fewer, as the analysis decided) say so.
 */
export function spcLimitsWords(group: SpcGroupFacts, unit: Unit, precision: number): string {
  const places = Math.min(precision + 1, MAX_PRECISION);
  const figure = (value: number) => formatValue(value, unit, places);
  const limits =
    group.lowerLimit !== null && group.upperLimit !== null
      ? `; process limits ${figure(group.lowerLimit)} to ${figure(group.upperLimit)}`
      : '; no process limits yet';
  const months = group.points === 1 ? 'the 1 month' : `the ${group.points} months`;
  const span =
    group.from === group.to ? formatMonth(group.from) : `${formatMonth(group.from)} to ${formatMonth(group.to)}`;
  const trial = group.trialLimits ? ` (${TRIAL_LIMITS_WORDS})` : '';
  return `Average ${figure(group.mean)}${limits}, from ${months} ${span}${trial}.`;
}
