import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Operator, RagStatus } from '../contracts/enums';
import { type BandChange, bandsAfterChange, type LoadedMonth, planBandChange, reratedMonths } from './bandRerating';
import { addMonths } from './periods';
import { ragStatus, type ThresholdVersion, thresholdInForce } from './rag';

const bands = (
  effectiveFrom: string,
  target: [Operator, number],
  failure: [Operator, number],
  effectiveTo: string | null = null,
): ThresholdVersion => ({
  effectiveFrom,
  effectiveTo,
  targetOperator: target[0],
  targetValue: target[1],
  failureOperator: failure[0],
  failureValue: failure[1],
});
const change = (effectiveFrom: string, target: [Operator, number], failure: [Operator, number]): BandChange => {
  const { effectiveTo: _, ...rest } = bands(effectiveFrom, target, failure);
  return rest;
};
const loaded = (month: string, value: number | null, extra: Partial<LoadedMonth> = {}): LoadedMonth => ({
  month,
  value,
  symbol: null,
  carriesConsequence: true,
  persistentFailureMonths: 3,
  ...extra,
});

/** One month rated under `now` and under `after`: [status now, status after], or null when not listed. */
function oneMonth(
  value: number,
  now: ThresholdVersion,
  after: BandChange,
  precision = 0,
): [RagStatus, RagStatus] | null {
  const rows = reratedMonths({
    unit: 'percent',
    precision,
    before: [now],
    after: bandsAfterChange([now], after),
    months: [loaded('2024-06', value)],
  });
  return rows[0] ? [rows[0].now.status, rows[0].after.status] : null;
}

describe('reratedMonths at the band boundaries', () => {
  const higherNow = bands('2024-04-01', ['>', 75], ['<', 65]);
  const lowerNow = bands('2024-04-01', ['<', 10], ['>', 20]);
  it.each([
    // Higher is better: strict bands made inclusive move the exact boundary values only.
    [
      'higher: 75 exactly at target, > becomes >=',
      75,
      higherNow,
      change('2024-04-01', ['>=', 75], ['<=', 65]),
      ['amber', 'green'],
    ],
    [
      'higher: 65 exactly at failure, < becomes <=',
      65,
      higherNow,
      change('2024-04-01', ['>=', 75], ['<=', 65]),
      ['amber', 'red'],
    ],
    ['higher: 70 in tolerance either way', 70, higherNow, change('2024-04-01', ['>=', 75], ['<=', 65]), null],
    [
      'higher: a raised target takes green away',
      78,
      higherNow,
      change('2024-04-01', ['>', 80], ['<', 65]),
      ['green', 'amber'],
    ],
    [
      'higher: a raised failure level makes tolerance red',
      66,
      higherNow,
      change('2024-04-01', ['>', 75], ['<', 70]),
      ['amber', 'red'],
    ],
    [
      'higher: a lowered failure level lifts red to amber',
      60,
      higherNow,
      change('2024-04-01', ['>', 75], ['<', 55]),
      ['red', 'amber'],
    ],
    // Lower is better.
    [
      'lower: 10 exactly at target, < becomes <=',
      10,
      lowerNow,
      change('2024-04-01', ['<=', 10], ['>=', 20]),
      ['amber', 'green'],
    ],
    [
      'lower: 20 exactly at failure, > becomes >=',
      20,
      lowerNow,
      change('2024-04-01', ['<=', 10], ['>=', 20]),
      ['amber', 'red'],
    ],
    ['lower: 15 in tolerance either way', 15, lowerNow, change('2024-04-01', ['<=', 10], ['>=', 20]), null],
    [
      'lower: a tighter target takes green away',
      8,
      lowerNow,
      change('2024-04-01', ['<', 5], ['>', 20]),
      ['green', 'amber'],
    ],
    [
      'lower: a tighter failure level makes tolerance red',
      18,
      lowerNow,
      change('2024-04-01', ['<', 10], ['>', 16]),
      ['amber', 'red'],
    ],
    // Bands from a later month leave this month alone.
    ['a change from a later month', 75, higherNow, change('2024-07-01', ['>=', 75], ['<=', 65]), null],
    // The same bands again change nothing.
    ['the same bands', 75, higherNow, change('2024-04-01', ['>', 75], ['<', 65]), null],
  ] as const)('%s', (_name, value, now, after, expected) => {
    expect(oneMonth(value, now, after)).toEqual(expected);
  });

  it('compares the figure as shown (rounded to the KPI precision), like the scorecard', () => {
    // 74.96 is shown as 75.0 at one decimal place: on target once the target is ">= 75".
    expect(oneMonth(74.96, higherNow, change('2024-04-01', ['>=', 75], ['<', 65]), 1)).toEqual(['amber', 'green']);
    expect(oneMonth(74.94, higherNow, change('2024-04-01', ['>=', 75], ['<', 65]), 1)).toBeNull();
  });

  it('rates a month that had no bands, and leaves months without a figure out', () => {
    const rows = reratedMonths({
      unit: 'percent',
      precision: 0,
      before: [],
      after: bandsAfterChange([], change('2024-04-01', ['>', 75], ['<', 65])),
      months: [loaded('2024-04', 80), loaded('2024-05', null), loaded('2024-06', null, { symbol: 'c' })],
    });
    expect(rows).toEqual([
      {
        month: '2024-04',
        displayValue: '80%',
        now: { status: 'no_data', monthsInRating: null, persistentFailure: false },
        after: { status: 'green', monthsInRating: 1, persistentFailure: false },
      },
    ]);
  });
});

describe('reratedMonths and persistent failure', () => {
  const now = [bands('2024-04-01', ['>', 75], ['<', 65])];
  const months = (values: number[], extra: (i: number) => Partial<LoadedMonth> = () => ({})) =>
    values.map((v, i) => loaded(addMonths('2024-04', i), v, extra(i)));

  it('says when a month stays red but stops (or starts) being a persistent failure', () => {
    // Four red months: the fourth is a persistent failure. Lowering the failure level to 62 lifts
    // April (63) to amber, so July is red for 3 months only: not yet persistent.
    const rows = reratedMonths({
      unit: 'percent',
      precision: 0,
      before: now,
      after: bandsAfterChange(now, change('2024-04-01', ['>', 75], ['<', 62])),
      months: months([63, 60, 60, 60]),
    });
    expect(rows.map((r) => [r.month, r.now, r.after])).toEqual([
      [
        '2024-04',
        { status: 'red', monthsInRating: 1, persistentFailure: false },
        { status: 'amber', monthsInRating: 1, persistentFailure: false },
      ],
      [
        '2024-07',
        { status: 'red', monthsInRating: 4, persistentFailure: true },
        { status: 'red', monthsInRating: 3, persistentFailure: false },
      ],
    ]);
  });

  it("uses each month's set rule, and red months in grace keep the run but do not count", () => {
    const input = (persistentFailureMonths: number, carries: (i: number) => boolean) => ({
      unit: 'percent' as const,
      precision: 0,
      before: now,
      // A raised failure level makes 66 red: five red months.
      after: bandsAfterChange(now, change('2024-04-01', ['>', 75], ['<', 70])),
      months: months([66, 66, 66, 66, 66], (i) => ({ persistentFailureMonths, carriesConsequence: carries(i) })),
    });
    const persistentMonths = (rows: ReturnType<typeof reratedMonths>) =>
      rows.filter((r) => r.after.persistentFailure).map((r) => r.month);
    expect(persistentMonths(reratedMonths(input(3, () => true)))).toEqual(['2024-07', '2024-08']);
    expect(persistentMonths(reratedMonths(input(4, () => true)))).toEqual(['2024-08']);
    expect(persistentMonths(reratedMonths(input(3, (i) => i >= 1)))).toEqual(['2024-08']);
  });

  it('lists nothing when no loaded month changes rating', () => {
    expect(
      reratedMonths({
        unit: 'percent',
        precision: 0,
        before: now,
        after: bandsAfterChange(now, change('2024-04-01', ['>', 80], ['<', 60])),
        months: months([90, 70, 50]),
      }),
    ).toEqual([]);
  });
});

describe('bandsAfterChange', () => {
  it('ends the version running into the change and replaces those starting on or after it', () => {
    const held = [
      bands('2023-04-01', ['>', 70], ['<', 60], '2024-03-31'),
      bands('2024-04-01', ['>', 75], ['<', 65], '2024-09-30'),
      bands('2024-10-01', ['>', 80], ['<', 70]),
    ];
    expect(bandsAfterChange(held, change('2024-07-01', ['>', 85], ['<', 75]))).toEqual([
      held[0],
      { ...held[1], effectiveTo: '2024-06-30' },
      bands('2024-07-01', ['>', 85], ['<', 75]),
    ]);
  });

  it('rates every month as the old bands did before the change, and as the new bands from it (property)', () => {
    const operatorPair = fc.constantFrom<[Operator, Operator]>(['>', '<'], ['>=', '<='], ['<', '>'], ['<=', '>=']);
    const version = fc.record({
      ops: operatorPair,
      a: fc.integer({ min: 0, max: 100 }),
      gap: fc.integer({ min: 1, max: 20 }),
    });
    const asBands = (v: { ops: [Operator, Operator]; a: number; gap: number }) => {
      const up = v.ops[0].startsWith('>');
      return {
        target: [v.ops[0], up ? v.a + v.gap : v.a] as [Operator, number],
        failure: [v.ops[1], up ? v.a : v.a + v.gap] as [Operator, number],
      };
    };
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: fc.integer({ min: 0, max: 24 }), v: version }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 24 }),
        version,
        fc.integer({ min: 0, max: 100 }),
        (held, changeAt, changed, value) => {
          const starts = [...new Set(held.map((h) => h.start))].sort((a, b) => a - b);
          const versions = starts.map((s, i) => {
            const b = asBands(held.find((h) => h.start === s)!.v);
            const next = starts[i + 1];
            const to = next === undefined ? null : `${addMonths('2024-04', next - 1)}-28`;
            return bands(`${addMonths('2024-04', s)}-01`, b.target, b.failure, to);
          });
          const c = asBands(changed);
          const after = bandsAfterChange(versions, change(`${addMonths('2024-04', changeAt)}-01`, c.target, c.failure));
          for (let i = 0; i <= 26; i++) {
            const month = addMonths('2024-04', i);
            const rate = (t: ThresholdVersion | null) =>
              ragStatus({ value, unit: 'percent', precision: 0, threshold: t }).status;
            const expected = i >= changeAt ? rate(after[after.length - 1]!) : rate(thresholdInForce(versions, month));
            expect(rate(thresholdInForce(after, month))).toBe(expected);
          }
        },
      ),
    );
  });
});

describe('planBandChange', () => {
  const held = [
    bands('2023-04-01', ['>', 70], ['<', 60], '2024-03-31'),
    bands('2024-04-01', ['>', 75], ['<', 65], '2024-09-30'),
    bands('2024-10-01', ['>', 80], ['<', 70]),
  ];
  it.each([
    // [change from, versions removed, versions ended (index → new last day)]
    ['2023-04-01', [0, 1, 2], []],
    // The version before already ends the day before: nothing to end.
    ['2024-04-01', [1, 2], []],
    ['2024-07-01', [2], [[1, '2024-06-30']]],
    ['2024-10-01', [2], []],
    ['2025-01-01', [], [[2, '2024-12-31']]],
  ] as const)('from %s removes %j and ends %j', (from, removed, ended) => {
    const plan = planBandChange(held, change(from, ['>', 85], ['<', 75]));
    expect(plan.removed).toEqual(removed.map((i) => held[i]));
    expect(plan.ended).toEqual(ended.map(([i, effectiveTo]) => ({ version: held[i], effectiveTo })));
    expect(plan.added).toEqual(bands(from, ['>', 85], ['<', 75]));
  });
});
