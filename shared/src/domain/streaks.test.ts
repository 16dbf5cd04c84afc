import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RagStatus } from '../contracts/enums';
import { addMonths } from './periods';
import { type MonthlyResult, statusStreak } from './streaks';

/** Builds results from a compact string: G/A/R = status, N = no_data row, '.' = no row; lower case = no consequence. */
function series(start: string, pattern: string): MonthlyResult[] {
  const results: MonthlyResult[] = [];
  [...pattern].forEach((ch, i) => {
    if (ch === '.') return;
    const status = ({ g: 'green', a: 'amber', r: 'red', n: 'no_data' } as const)[
      ch.toLowerCase() as 'g' | 'a' | 'r' | 'n'
    ];
    results.push({ month: addMonths(start, i), status, carriesConsequence: ch === ch.toUpperCase() });
  });
  return results;
}

/** `count` months from `start`, in order. */
function monthsFrom(start: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(start, i));
}

describe('statusStreak', () => {
  it.each([
    // pattern from April 2020, status, months, from, to, missing months, persistent
    ['GGGRRRR', 'red', 4, '2020-07', '2020-10', [], true],
    ['GGGRRR', 'red', 3, '2020-07', '2020-09', [], false], // 3 months is not MORE than 3
    ['RRRR', 'red', 4, '2020-04', '2020-07', [], true],
    ['RRR.R', 'red', 1, '2020-08', '2020-08', [], false], // a missing month ends the period…
    ['RRNR', 'red', 1, '2020-07', '2020-07', [], false], // …and no_data counts as missing
    ['RRRR.RRRR', 'red', 4, '2020-09', '2020-12', [], true], // four consecutive months after a gap are
    ['RR......RR', 'red', 2, '2020-12', '2021-01', [], false], // two then two, six months apart, are not
    ['RRGRR', 'red', 2, '2020-07', '2020-08', [], false], // a different status does reset
    ['rrrRRR', 'red', 6, '2020-04', '2020-09', [], false], // grace months keep the streak, do not count
    ['rrrRRRR', 'red', 7, '2020-04', '2020-10', [], true],
    ['RRrRR', 'red', 5, '2020-04', '2020-08', [], true], // relief month in the middle: 4 with consequence
    ['RRrR', 'red', 4, '2020-04', '2020-07', [], false],
    ['AAGGG', 'green', 3, '2020-06', '2020-08', [], false],
    ['GGAA.N', 'amber', 2, '2020-06', '2020-07', ['2020-08', '2020-09'], false], // months missing after the latest report
    ['RRRRRN', 'red', 5, '2020-04', '2020-08', ['2020-09'], true], // judged at the latest figure
  ] as const)('%s → %s × %i', (pattern, status, months, from, to, missing, persistent) => {
    const streak = statusStreak(series('2020-04', pattern));
    expect(streak.status).toBe(status);
    expect(streak.months).toBe(months);
    expect(streak.from).toBe(from);
    expect(streak.to).toBe(to);
    expect(streak.missingMonths).toEqual(missing);
    expect(streak.persistentFailure).toBe(persistent);
  });

  it('crosses the financial year end (March → April) without a break', () => {
    const streak = statusStreak(series('2021-01', 'GRRRR'));
    expect(streak.from).toBe('2021-02');
    expect(streak.to).toBe('2021-05');
    expect(streak.persistentFailure).toBe(true);
  });

  it('counts the months that carry a consequence and explains itself', () => {
    const streak = statusStreak(series('2020-04', 'GrRRR'));
    expect(streak.failureMonthsWithConsequence).toBe(3);
    expect(streak.reason).toBe(
      'In failure for 4 reported months (May 2020 to August 2020); 3 of them carry a consequence, not more than 3, so this is not yet a persistent failure.',
    );
    const interrupted = statusStreak(series('2020-04', 'RR.RR'));
    expect(interrupted.reason).toBe(
      'In failure for 2 reported months (July 2020 to August 2020), counted from after June 2020, which has no figure (before it, in failure too); 2 of them carry a consequence, not more than 3, so this is not yet a persistent failure.',
    );
    // judged at the latest figure, and the months since are said, not guessed
    const stale = statusStreak(series('2020-04', 'RRRR'), { asOf: '2021-03' });
    expect(stale).toMatchObject({ status: 'red', months: 4, persistentFailure: true });
    expect(stale.missingMonths).toEqual(monthsFrom('2020-08', 8));
    expect(stale.reason).toBe(
      'In failure for 4 reported months (April 2020 to July 2020), with no figure for the 8 months since; 4 of them carry a consequence, more than 3, so this is a persistent failure.',
    );
    expect(statusStreak(series('2020-04', 'GN')).reason).toBe(
      'On target for 1 reported month (April 2020), with no figure for the month since.',
    );
    // a gap after another status is not an interruption of this one
    expect(statusStreak(series('2020-04', 'GG.RR')).reason).toBe(
      'In failure for 2 reported months (July 2020 to August 2020); 2 of them carry a consequence, not more than 3, so this is not yet a persistent failure.',
    );
    expect(statusStreak(series('2020-04', 'G')).reason).toBe('On target for 1 reported month (April 2020).');
  });

  it('takes the persistent-failure limit per KPI set', () => {
    const results = series('2020-04', 'RRR');
    expect(statusStreak(results, { persistentFailureMonths: 2 }).persistentFailure).toBe(true);
    expect(statusStreak(results, { persistentFailureMonths: 3 }).persistentFailure).toBe(false);
    expect(statusStreak(results, { persistentFailureMonths: 0 }).persistentFailureMonths).toBe(0);
    expect(() => statusStreak(results, { persistentFailureMonths: -1 })).toThrow(RangeError);
    expect(() => statusStreak(results, { persistentFailureMonths: 1.5 })).toThrow(RangeError);
  });

  it('measures to asOf, ignoring later rows and listing missing months up to it', () => {
    const results = series('2020-04', 'GGRRRRG');
    const before = statusStreak(results, { asOf: '2020-09' });
    expect(before.status).toBe('red');
    expect(before.persistentFailure).toBe(true);
    const after = statusStreak(results, { asOf: '2020-12' });
    expect(after.status).toBe('green');
    expect(after.missingMonths).toEqual(['2020-11', '2020-12']);
  });

  it('with nothing reported there is no streak', () => {
    expect(statusStreak([]).status).toBeNull();
    const onlyNoData = statusStreak(series('2020-04', 'NN'));
    expect(onlyNoData.status).toBeNull();
    expect(onlyNoData.months).toBe(0);
    expect(onlyNoData.asOf).toBe('2020-05');
    expect(onlyNoData.persistentFailure).toBe(false);
  });

  it('accepts results in any order without changing them, and rejects duplicates', () => {
    const results = Object.freeze([...series('2020-04', 'GRRRR')].reverse());
    expect(statusStreak(results).months).toBe(4);
    expect(results[0]?.month).toBe('2020-08');
    expect(() =>
      statusStreak([
        { month: '2020-04', status: 'red', carriesConsequence: true },
        { month: '2020-04', status: 'green', carriesConsequence: true },
      ]),
    ).toThrow(/Two results/);
  });

  it('invariants (property)', () => {
    const cell = fc.constantFrom('G', 'A', 'R', 'N', '.', 'r');
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 5 }), (cells, limit) => {
        const results = series('2019-04', cells.join(''));
        const streak = statusStreak(results, { persistentFailureMonths: limit });
        const reported = results.filter((r) => r.status !== 'no_data');
        if (reported.length === 0) {
          expect(streak.status).toBeNull();
          return;
        }
        const latest = reported.at(-1) as MonthlyResult;
        expect(streak.status).toBe(latest.status);
        // The streak's months are exactly the trailing run of consecutive calendar months with the
        // latest status: a month with no figure ends it as a different status does.
        const byMonth = new Map(results.map((r) => [r.month, r.status]));
        let run = 0;
        for (let m = latest.month; byMonth.get(m) === latest.status; m = addMonths(m, -1)) run++;
        expect(streak.months).toBe(run);
        expect(streak.missingMonths.every((m) => m > latest.month)).toBe(true);
        // Removing no_data rows (making them absent) changes nothing but the rows.
        const withoutNoData = statusStreak(
          results.filter((r) => r.status !== 'no_data'),
          { persistentFailureMonths: limit, asOf: streak.asOf ?? undefined },
        );
        expect(withoutNoData.months).toBe(streak.months);
        expect(withoutNoData.missingMonths).toEqual(streak.missingMonths);
        expect(streak.persistentFailure).toBe(
          (latest.status as RagStatus) === 'red' && streak.failureMonthsWithConsequence > limit,
        );
        expect(streak.failureMonthsWithConsequence).toBeLessThanOrEqual(streak.months);
      }),
    );
  });
});
