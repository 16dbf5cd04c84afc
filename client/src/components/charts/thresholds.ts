import { type ThresholdVersionDto, thresholdInForce } from '@kpi/shared';

/** The threshold version (with its words) in force in a month, chosen by the shared rule. */
export function thresholdFor(
  thresholds: readonly ThresholdVersionDto[],
  month: string,
): ThresholdVersionDto | undefined {
  const inForce = thresholdInForce(thresholds, month);
  return thresholds.find((version) => version === inForce);
}
