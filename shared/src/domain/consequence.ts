import { formatDate } from './format';
import { assertDate, monthToDate } from './periods';

/**
 * Whether a month's result carries a contractual consequence.
 *
 * A new KPI's grace period (3 months; 6 for long-term placement stability) and a relief event
 * (COVID: PI6, PI10, PI11, PI13 from 2020/21 to the end of September 2021) leave the month's
 * colour alone but lift its consequence.
 *
 * Coverage rule: dates are YYYY-MM-DD and both ends are inclusive; a month is covered when its
 * FIRST DAY lies within the range (startsOn ≤ YYYY-MM-01 ≤ endsOn). So a grace period
 * 2024-04-01..2024-06-30 covers April, May and June 2024; a relief event ending 2021-09-30 covers
 * September 2021 but not October; a relief event starting mid-month (2020-07-21) first covers the
 * following month (August 2020) — record startsOn as the first day of the first month it covers
 * if the agreement applies to that whole month. A null endsOn means "until further notice".
 */

export interface GracePeriod {
  startsOn: string;
  endsOn: string | null;
  reason: string;
}

export interface ReliefEvent {
  name: string;
  startsOn: string;
  endsOn: string | null;
  reason: string;
}

export interface ConsequenceRules {
  gracePeriods: readonly GracePeriod[];
  reliefEvents: readonly ReliefEvent[];
}

export interface Consequence {
  carriesConsequence: boolean;
  /** Why the month carries no consequence; null when it does carry one. */
  reason: string | null;
}

/** Whether the date range covers the month (its first day within startsOn..endsOn, inclusive). */
export function rangeCoversMonth(range: { startsOn: string; endsOn: string | null }, month: string): boolean {
  assertDate(range.startsOn, 'startsOn');
  if (range.endsOn !== null) {
    assertDate(range.endsOn, 'endsOn');
    if (range.endsOn < range.startsOn) {
      throw new Error(`A date range ends (${range.endsOn}) before it starts (${range.startsOn})`);
    }
  }
  const day = monthToDate(month);
  return range.startsOn <= day && (range.endsOn === null || day <= range.endsOn);
}

function period(range: { startsOn: string; endsOn: string | null }): string {
  return range.endsOn === null
    ? `from ${formatDate(range.startsOn)}`
    : `from ${formatDate(range.startsOn)} to ${formatDate(range.endsOn)}`;
}

function detail(reason: string): string {
  const trimmed = reason.trim().replace(/[.\s]+$/, '');
  return trimmed === '' ? '' : ` (${trimmed})`;
}

export function consequenceOf(month: string, rules: ConsequenceRules): Consequence {
  const reasons: string[] = [];
  for (const grace of rules.gracePeriods) {
    if (rangeCoversMonth(grace, month)) {
      reasons.push(`it is within the grace period ${period(grace)}${detail(grace.reason)}`);
    }
  }
  for (const relief of rules.reliefEvents) {
    if (rangeCoversMonth(relief, month)) {
      reasons.push(`it is covered by the relief event "${relief.name}", ${period(relief)}${detail(relief.reason)}`);
    }
  }
  if (reasons.length === 0) return { carriesConsequence: true, reason: null };
  return { carriesConsequence: false, reason: `No consequence this month because ${reasons.join(' and ')}.` };
}
