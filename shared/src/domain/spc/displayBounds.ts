import type { Unit } from '../../contracts/enums';
import { UNIT_MAGNITUDE_LIMIT } from '../bounds';
import type { GroupLimits } from './limits';

/**
 * What a measure can take, for drawing its limits. Mean ± 2.66 × mean moving range knows nothing of
 * the measure, so a percentage near 100 gets an upper limit of 105.64% and a small count a negative
 * lower one: limits no month can ever cross, which read as nonsense on a chart or in words. For
 * display the limits and the "close" lines are clipped to these bounds; the rules are always judged
 * against the limits as calculated, so no point's signal or icon changes (a figure inside the bounds
 * is beyond a clipped limit exactly when it is beyond the calculated one, as the tests show).
 */
export interface SpcBounds {
  min?: number;
  max?: number;
}

/**
 * The bounds a unit's figures are held to when they are loaded (server/src/returns/figureChecks.ts):
 * a percentage is 0 to 100, money may be negative (an overspend or a saving), and every other unit
 * (counts, rates, averages, days) is never below 0. The upper ends other than 100% are plausibility
 * limits, not what the measure allows, so they are not used here.
 */
export function spcBoundsForUnit(unit: Unit): SpcBounds {
  if (unit === 'percent') return { min: 0, max: UNIT_MAGNITUDE_LIMIT.percent };
  if (unit === 'money') return {};
  return { min: 0 };
}

function clip(value: number | null, bounds: SpcBounds): number | null {
  if (value === null) return null;
  if (bounds.min !== undefined && value < bounds.min) return bounds.min;
  if (bounds.max !== undefined && value > bounds.max) return bounds.max;
  return value;
}

/** The limits as drawn: the process limits and "close" lines clipped to the bounds; the mean as it is. */
export function clipLimitsToBounds<T extends GroupLimits>(limits: T, bounds: SpcBounds | undefined): T {
  if (!bounds) return limits;
  if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) {
    throw new Error(`SPC bounds are the wrong way round: min ${bounds.min} is above max ${bounds.max}`);
  }
  return {
    ...limits,
    lowerLimit: clip(limits.lowerLimit, bounds),
    upperLimit: clip(limits.upperLimit, bounds),
    lowerClose: clip(limits.lowerClose, bounds),
    upperClose: clip(limits.upperClose, bounds),
  };
}

/**
 * Whether a group's drawn limits sit on a bound, so a chart can say why a limit is at 0 or 100%
 * (the response carries only the drawn limits, as the product shows them).
 */
export function limitsReachBounds(limits: Pick<GroupLimits, 'lowerLimit' | 'upperLimit'>, bounds: SpcBounds): boolean {
  return (
    (bounds.min !== undefined && limits.lowerLimit !== null && limits.lowerLimit <= bounds.min) ||
    (bounds.max !== undefined && limits.upperLimit !== null && limits.upperLimit >= bounds.max)
  );
}
