import { describe, expect, it } from 'vitest';
import { consequenceOf } from './consequence';
import { addMonths, monthRange } from './periods';
import { ragStatus, type ThresholdVersion, thresholdInForce } from './rag';
import { type MonthlyResult, statusStreak } from './streaks';

/**
 * The contract's life cycle for a KPI that is new in a set, end to end through the three rules
 * (rag.ts, consequence.ts, streaks.ts) exactly as the server composes them: a new set from
 * April 2024, a new KPI with bands and a 3-month grace period, returns in failure from the first
 * month. Expected: red with no consequence during grace, red with a consequence after, a
 * persistent failure only after MORE than 3 months in failure that carry a consequence; and a
 * later change of bands leaves every earlier month's rating as it was.
 */

const SET_START = '2024-04';
const ORIGINAL: ThresholdVersion = {
  effectiveFrom: '2024-04-01',
  effectiveTo: null,
  targetOperator: '>',
  targetValue: 80,
  failureOperator: '<',
  failureValue: 60,
};
const GRACE = [{ startsOn: '2024-04-01', endsOn: '2024-06-30', reason: 'New KPI: 3-month grace period' }];

function rate(months: string[], thresholds: ThresholdVersion[], value: (m: string) => number) {
  return months.map((month) => {
    const rag = ragStatus({
      value: value(month),
      unit: 'percent',
      precision: 1,
      threshold: thresholdInForce(thresholds, month),
    });
    const consequence = consequenceOf(month, { gracePeriods: GRACE, reliefEvents: [] });
    return { month, status: rag.status, carriesConsequence: consequence.carriesConsequence, reason: rag.reason };
  });
}

function persistentAt(results: MonthlyResult[], month: string): boolean {
  return statusStreak(results, { asOf: month, persistentFailureMonths: 3 }).persistentFailure;
}

describe('a new KPI in a new set, in failure from its first month', () => {
  const months = monthRange(SET_START, '2024-11');
  const results = rate(months, [ORIGINAL], () => 50);

  it.each([
    // month, status, carries a consequence, consequence months so far, persistent failure
    ['2024-04', 'red', false, 0, false], // grace month 1: red, no consequence
    ['2024-05', 'red', false, 0, false], // grace month 2
    ['2024-06', 'red', false, 0, false], // grace month 3 (the last)
    ['2024-07', 'red', true, 1, false], // first month with a consequence
    ['2024-08', 'red', true, 2, false],
    ['2024-09', 'red', true, 3, false], // 3 is not MORE than 3
    ['2024-10', 'red', true, 4, true], // the fourth consequence-carrying month: persistent
    ['2024-11', 'red', true, 5, true],
  ] as const)(
    '%s: %s, consequence %s, %i counted, persistent %s',
    (month, status, consequence, counted, persistent) => {
      const row = results.find((r) => r.month === month)!;
      expect(row.status).toBe(status);
      expect(row.carriesConsequence).toBe(consequence);
      const streak = statusStreak(results, { asOf: month, persistentFailureMonths: 3 });
      expect(streak.months).toBe(months.indexOf(month) + 1); // grace months keep the streak going
      expect(streak.failureMonthsWithConsequence).toBe(counted);
      expect(persistentAt(results, month)).toBe(persistent);
    },
  );

  it('the grace month explains itself and is still red on screen', () => {
    const consequence = consequenceOf('2024-05', { gracePeriods: GRACE, reliefEvents: [] });
    expect(consequence.reason).toMatch(/grace period/);
    expect(results[1]!.reason).toMatch(/in failure/);
  });
});

describe('changing the bands later does not change earlier months', () => {
  const value = (m: string) => (m < '2025-01' ? 55 : 65);
  const months = monthRange(SET_START, '2025-03');
  const before = rate(months, [ORIGINAL], value);

  it.each([
    // how the new version is recorded: closing the old one, or only starting a new one
    ['the old version is closed the day before', [{ ...ORIGINAL, effectiveTo: '2024-12-31' }]],
    ['the old version is left open (the later start wins)', [ORIGINAL]],
  ] as const)('%s', (_label, previous) => {
    const relaxed: ThresholdVersion = { ...ORIGINAL, effectiveFrom: '2025-01-01', failureValue: 50 };
    const after = rate(months, [...previous, relaxed], value);
    for (const month of monthRange(SET_START, '2024-12')) {
      const was = before.find((r) => r.month === month)!;
      const now = after.find((r) => r.month === month)!;
      expect(now.status, month).toBe(was.status);
      expect(now.reason, month).toBe(was.reason);
    }
    // From January 2025 the new bands apply: 65 is amber against failure < 50.
    expect(after.find((r) => r.month === '2025-01')!.status).toBe('amber');
    // And the persistent-failure count as of December 2024 is what it was.
    expect(persistentAt(after, '2024-12')).toBe(persistentAt(before, '2024-12'));
  });

  it('tightening the bands later does not turn an earlier green month red', () => {
    const good = rate(months, [ORIGINAL], () => 82);
    const tightened = rate(months, [ORIGINAL, { ...ORIGINAL, effectiveFrom: '2025-02-01', targetValue: 90 }], () => 82);
    expect(tightened.slice(0, 10).map((r) => r.status)).toEqual(good.slice(0, 10).map((r) => r.status));
    expect(tightened.find((r) => r.month === '2025-02')!.status).toBe('amber');
  });
});

describe('a 6-month grace period (long-term placement stability) with failure from September', () => {
  const grace6 = [{ startsOn: '2024-04-01', endsOn: '2024-09-30', reason: 'New KPI: 6-month grace period' }];
  const months = monthRange(SET_START, addMonths(SET_START, 11));
  const results: MonthlyResult[] = months.map((month) => ({
    month,
    status: month >= '2024-09' ? 'red' : 'amber',
    carriesConsequence: consequenceOf(month, { gracePeriods: grace6, reliefEvents: [] }).carriesConsequence,
  }));

  it.each([
    ['2024-09', false, false], // red, but the last grace month
    ['2024-10', true, false],
    ['2024-12', true, false], // October–December: 3 with a consequence
    ['2025-01', true, true], // the fourth: persistent
  ] as const)('%s: consequence %s, persistent %s', (month, consequence, persistent) => {
    expect(results.find((r) => r.month === month)!.carriesConsequence).toBe(consequence);
    expect(persistentAt(results, month)).toBe(persistent);
  });
});
