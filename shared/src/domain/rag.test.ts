import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Operator, RagStatus, Unit } from '../contracts/enums';
import { formatValue } from './format';
import { financialYearMonths } from './periods';
import {
  meetsCondition,
  type RagInput,
  ragStatus,
  statusRank,
  type ThresholdVersion,
  thresholdDirection,
  thresholdInForce,
  thresholdInWords,
  thresholdProblems,
} from './rag';

function threshold(
  targetOperator: Operator,
  targetValue: number,
  failureOperator: Operator,
  failureValue: number,
  effectiveFrom = '2018-04-01',
  effectiveTo: string | null = null,
): ThresholdVersion {
  return { effectiveFrom, effectiveTo, targetOperator, targetValue, failureOperator, failureValue };
}

function rate(
  value: number | null,
  unit: Unit,
  precision: number,
  t: ThresholdVersion | null,
  extra: Partial<RagInput> = {},
) {
  return ragStatus({ value, unit, precision, threshold: t, ...extra });
}

const PI1 = threshold('>', 75, '<', 65);
const PI5 = threshold('<', 10, '>', 30);

describe('meetsCondition', () => {
  it.each([
    [75, '>', 75, false],
    [75.1, '>', 75, true],
    [75, '>=', 75, true],
    [74.9, '>=', 75, false],
    [65, '<', 65, false],
    [64.9, '<', 65, true],
    [65, '<=', 65, true],
    [65.1, '<=', 65, false],
  ] as const)('%s %s %s is %s', (value, op, t, expected) => {
    expect(meetsCondition(value, op, t)).toBe(expected);
  });
});

describe('ragStatus at every boundary, both polarities, all four operators', () => {
  it.each([
    // Higher is better, strict (the contract's form: PI1 target > 75, failure < 65), 1 dp.
    ['> 75 / < 65', PI1, 100, 'green'],
    ['> 75 / < 65', PI1, 75.1, 'green'],
    ['> 75 / < 65', PI1, 75.05, 'green'], // shows 75.1
    ['> 75 / < 65', PI1, 75.0, 'amber'], // equal to a strict target is not on target
    ['> 75 / < 65', PI1, 74.96, 'amber'], // shows 75.0, so rated as 75.0
    ['> 75 / < 65', PI1, 75.04, 'amber'], // shows 75.0
    ['> 75 / < 65', PI1, 74.94, 'amber'], // shows 74.9
    ['> 75 / < 65', PI1, 70, 'amber'],
    ['> 75 / < 65', PI1, 65.0, 'amber'], // equal to a strict failure is not failing
    ['> 75 / < 65', PI1, 64.96, 'amber'], // shows 65.0
    ['> 75 / < 65', PI1, 64.95, 'amber'], // shows 65.0 (half away from zero)
    ['> 75 / < 65', PI1, 64.94, 'red'], // shows 64.9
    ['> 75 / < 65', PI1, 64.9, 'red'],
    ['> 75 / < 65', PI1, 0, 'red'],
    // Higher is better, inclusive.
    ['>= 75 / <= 65', threshold('>=', 75, '<=', 65), 75, 'green'],
    ['>= 75 / <= 65', threshold('>=', 75, '<=', 65), 74.95, 'green'], // shows 75.0
    ['>= 75 / <= 65', threshold('>=', 75, '<=', 65), 74.94, 'amber'],
    ['>= 75 / <= 65', threshold('>=', 75, '<=', 65), 65.1, 'amber'],
    ['>= 75 / <= 65', threshold('>=', 75, '<=', 65), 65.04, 'red'], // shows 65.0
    ['>= 75 / <= 65', threshold('>=', 75, '<=', 65), 65, 'red'],
    // Higher is better, mixed.
    ['>= 75 / < 65', threshold('>=', 75, '<', 65), 75, 'green'],
    ['>= 75 / < 65', threshold('>=', 75, '<', 65), 65, 'amber'],
    ['>= 75 / < 65', threshold('>=', 75, '<', 65), 64.9, 'red'],
    ['> 75 / <= 65', threshold('>', 75, '<=', 65), 75, 'amber'],
    ['> 75 / <= 65', threshold('>', 75, '<=', 65), 65, 'red'],
    // Lower is better, strict (PI5 target < 10, failure > 30), 0 dp.
    ['< 10 / > 30', PI5, 0, 'green'],
    ['< 10 / > 30', PI5, 9, 'green'],
    ['< 10 / > 30', PI5, 9.4, 'green'], // shows 9
    ['< 10 / > 30', PI5, 9.5, 'amber'], // shows 10
    ['< 10 / > 30', PI5, 10, 'amber'],
    ['< 10 / > 30', PI5, 11, 'amber'],
    ['< 10 / > 30', PI5, 30, 'amber'],
    ['< 10 / > 30', PI5, 30.4, 'amber'], // shows 30
    ['< 10 / > 30', PI5, 30.5, 'red'], // shows 31
    ['< 10 / > 30', PI5, 31, 'red'],
    // Lower is better, inclusive.
    ['<= 10 / >= 30', threshold('<=', 10, '>=', 30), 10, 'green'],
    ['<= 10 / >= 30', threshold('<=', 10, '>=', 30), 10.4, 'green'], // shows 10
    ['<= 10 / >= 30', threshold('<=', 10, '>=', 30), 11, 'amber'],
    ['<= 10 / >= 30', threshold('<=', 10, '>=', 30), 29, 'amber'],
    ['<= 10 / >= 30', threshold('<=', 10, '>=', 30), 29.5, 'red'], // shows 30
    ['<= 10 / >= 30', threshold('<=', 10, '>=', 30), 30, 'red'],
    // Lower is better, mixed.
    ['< 10 / >= 30', threshold('<', 10, '>=', 30), 10, 'amber'],
    ['< 10 / >= 30', threshold('<', 10, '>=', 30), 30, 'red'],
    ['<= 10 / > 30', threshold('<=', 10, '>', 30), 10, 'green'],
    ['<= 10 / > 30', threshold('<=', 10, '>', 30), 30, 'amber'],
  ] as const)('%s: %s → %s', (_label, t, value, expected) => {
    const precision = t.targetValue === 10 ? 0 : 1;
    expect(rate(value, t.targetValue === 10 ? 'count' : 'percent', precision, t).status).toBe(expected);
  });

  it('treats a single-point amber band (target > 75, failure < 75) correctly', () => {
    const t = threshold('>', 75, '<', 75);
    expect(rate(75, 'percent', 1, t).status).toBe('amber');
    expect(rate(75.1, 'percent', 1, t).status).toBe('green');
    expect(rate(74.9, 'percent', 1, t).status).toBe('red');
  });

  it('rates at the precision it is shown with: PI14 average caseload at 2 dp', () => {
    const pi14 = threshold('<', 18.5, '>', 23);
    expect(rate(18.49, 'average', 2, pi14).status).toBe('green');
    expect(rate(18.494, 'average', 2, pi14).status).toBe('green');
    expect(rate(18.495, 'average', 2, pi14).status).toBe('amber'); // shows 18.50
    expect(rate(18.5, 'average', 2, pi14).status).toBe('amber');
    expect(rate(23, 'average', 2, pi14).status).toBe('amber');
    expect(rate(23.004, 'average', 2, pi14).status).toBe('amber'); // shows 23.00
    expect(rate(23.005, 'average', 2, pi14).status).toBe('red'); // shows 23.01
  });

  it('uses decimal-correct rounding: 1.005 at 2 dp is 1.01', () => {
    const t = threshold('>', 1, '<', 0.5);
    const result = rate(1.005, 'percent', 2, t);
    expect(result.comparedValue).toBe(1.01);
    expect(result.displayValue).toBe('1.01%');
    expect(rate(1.004, 'average', 2, threshold('>', 1, '<', 0.5)).status).toBe('amber'); // shows 1.00
    expect(rate(1.004, 'average', 2, threshold('>', 1, '<', 0.5)).comparedValue).toBe(1);
    expect(rate(1.004, 'average', 2, threshold('>=', 1.01, '<', 0.5)).status).toBe('amber');
    expect(rate(1.005, 'average', 2, threshold('>=', 1.01, '<', 0.5)).status).toBe('green');
  });
});

describe('ragStatus reasons', () => {
  it.each([
    [PI1, 'percent', 1, 80, 'green', '80.0% meets the target of more than 75%.'],
    [
      PI1,
      'percent',
      1,
      74.9,
      'amber',
      '74.9% is below the target of more than 75% but above the failure level of 65%.',
    ],
    [
      PI1,
      'percent',
      1,
      74.96,
      'amber',
      '75.0% misses the target of more than 75% but is above the failure level of 65%.',
    ],
    [
      PI1,
      'percent',
      1,
      65,
      'amber',
      '65.0% is below the target of more than 75% but not at the failure level of less than 65%.',
    ],
    [PI1, 'percent', 1, 64.9, 'red', '64.9% is below the failure level of 65%, so it is in failure (less than 65%).'],
    [PI5, 'count', 0, 9, 'green', '9 meets the target of less than 10.'],
    [PI5, 'count', 0, 10, 'amber', '10 misses the target of less than 10 but is below the failure level of 30.'],
    [PI5, 'count', 0, 20, 'amber', '20 is above the target of less than 10 but below the failure level of 30.'],
    [
      PI5,
      'count',
      0,
      30,
      'amber',
      '30 is above the target of less than 10 but not at the failure level of more than 30.',
    ],
    [PI5, 'count', 0, 31, 'red', '31 is above the failure level of 30, so it is in failure (more than 30).'],
    [
      threshold('>=', 75, '<=', 65),
      'percent',
      1,
      65,
      'red',
      '65.0% is at the failure level of 65%, so it is in failure (65% or less).',
    ],
    [threshold('>=', 75, '<=', 65), 'percent', 1, 75, 'green', '75.0% meets the target of 75% or more.'],
    [
      threshold('<=', 10, '>=', 30),
      'count',
      0,
      30,
      'red',
      '30 is at the failure level of 30, so it is in failure (30 or more).',
    ],
    [threshold('<=', 10, '>=', 30), 'count', 0, 10, 'green', '10 meets the target of 10 or less.'],
    [
      threshold('<', 65, '>', 80),
      'rate_per_10k',
      1,
      58.8,
      'green',
      '58.8 per 10,000 meets the target of less than 65 per 10,000.',
    ],
    [
      threshold('<', 65, '>', 80),
      'rate_per_10k',
      1,
      81.2,
      'red',
      '81.2 per 10,000 is above the failure level of 80 per 10,000, so it is in failure (more than 80 per 10,000).',
    ],
  ] as const)('%#: %s → %s', (t, unit, precision, value, status, reason) => {
    const result = rate(value, unit, precision, t);
    expect(result.status).toBe(status);
    expect(result.reason).toBe(reason);
  });

  it('every reason is one sentence', () => {
    for (const value of [0, 64.9, 65, 70, 75, 75.1, 100]) {
      const { reason } = rate(value, 'percent', 1, PI1);
      expect(reason).toMatch(/^[^.]*(\.\d[^.]*)*\.$/); // ends with a full stop; other stops are decimal points
    }
  });
});

describe('ragStatus without a colour', () => {
  it('no value → no_data with a reason', () => {
    const result = rate(null, 'percent', 1, PI1);
    expect(result).toEqual({
      status: 'no_data',
      reason: 'No figure was reported for this month.',
      displayValue: null,
      comparedValue: null,
    });
  });

  it.each(['c', 'x', 'z', 'low', 'u'] as const)('symbol %s → no_data, even with a number beside it', (symbol) => {
    const result = rate(0, 'percent', 1, PI1, { symbol });
    expect(result.status).toBe('no_data');
    expect(result.displayValue).toBe(symbol);
    expect(result.reason).toMatch(new RegExp(`^The figure is suppressed \\(${symbol}, `));
  });

  it('no threshold in force → no_data with a reason, value still shown', () => {
    const result = rate(80, 'percent', 1, null);
    expect(result.status).toBe('no_data');
    expect(result.displayValue).toBe('80.0%');
    expect(result.reason).toBe('No threshold is in force for this month, so 80.0% is not rated.');
  });

  it('an unusable threshold → no_data naming the problem', () => {
    const result = rate(80, 'percent', 1, threshold('>', 75, '>', 65));
    expect(result.status).toBe('no_data');
    expect(result.reason).toMatch(/point the same way/);
  });

  it('rejects NaN rather than guessing', () => {
    expect(() => rate(Number.NaN, 'percent', 1, PI1)).toThrow(RangeError);
  });
});

describe('thresholdProblems', () => {
  it.each([
    [threshold('>', 75, '<', 65), []],
    [threshold('>', 75, '<', 75), []],
    [threshold('>=', 75, '<', 75), []],
    [threshold('>=', 75, '<=', 75), ['a value can be both on target (>= 75) and in failure (<= 75)']],
    [threshold('>', 65, '<', 75), ['a value can be both on target (> 65) and in failure (< 75)']],
    [threshold('<', 30, '>', 10), ['a value can be both on target (< 30) and in failure (> 10)']],
    [threshold('<', 10, '<', 30), ['the target (< 10) and failure (< 30) point the same way']],
    [threshold('>', Number.NaN, '<', 65), ['the target value is not a number']],
    [threshold('>', 75, '<', 65, '2021-10-01', '2021-09-30'), ['it ends (2021-09-30) before it starts (2021-10-01)']],
  ] as const)('%#', (t, problems) => {
    expect(thresholdProblems(t)).toEqual(problems);
  });

  it('knows the direction', () => {
    expect(thresholdDirection(PI1)).toBe('higher_is_better');
    expect(thresholdDirection(PI5)).toBe('lower_is_better');
  });
});

describe('thresholdInForce', () => {
  const v1 = threshold('>', 75, '<', 65, '2018-04-01', '2021-09-30');
  const v2 = threshold('>', 80, '<', 70, '2021-10-01', null);

  it.each([
    ['2018-03', null],
    ['2018-04', v1],
    ['2021-09', v1],
    ['2021-10', v2],
    ['2030-01', v2],
  ])('%s → %o', (month, expected) => {
    expect(thresholdInForce([v1, v2], month)).toBe(expected);
    expect(thresholdInForce([v2, v1], month)).toBe(expected);
  });

  it('does not sort or change its input', () => {
    const versions = Object.freeze([v2, v1]);
    thresholdInForce(versions, '2020-01');
    expect(versions).toEqual([v2, v1]);
  });

  it('returns null in a gap and picks the most recent start when versions overlap', () => {
    const a = threshold('>', 75, '<', 65, '2018-04-01', '2019-03-31');
    const b = threshold('>', 80, '<', 65, '2019-06-01', null);
    expect(thresholdInForce([a, b], '2019-04')).toBeNull();
    const overlapping = threshold('>', 90, '<', 65, '2020-01-01', '2020-12-31');
    expect(thresholdInForce([overlapping, b], '2020-06')).toBe(overlapping);
    expect(thresholdInForce([b, overlapping], '2020-06')).toBe(overlapping);
    expect(thresholdInForce([b, overlapping], '2021-01')).toBe(b);
  });

  it('a version starting mid-month applies from the next month (first-day rule)', () => {
    const late = threshold('>', 75, '<', 65, '2021-10-15', null);
    expect(thresholdInForce([late], '2021-10')).toBeNull();
    expect(thresholdInForce([late], '2021-11')).toBe(late);
  });

  it('rejects bad dates', () => {
    expect(() => thresholdInForce([threshold('>', 75, '<', 65, '2018-4-1')], '2020-01')).toThrow(/effectiveFrom/);
    expect(() => thresholdInForce([v1], '2020-1')).toThrow(/YYYY-MM/);
  });

  it('a threshold change mid-year rates each month against its own version', () => {
    // 76% all year: on target under the old "> 75" until September, amber under the new "> 80" from October.
    const statuses = financialYearMonths('2021-22').map(
      (month) => rate(76, 'percent', 1, thresholdInForce([v1, v2], month)).status,
    );
    expect(statuses).toEqual([...Array(6).fill('green'), ...Array(6).fill('amber')]);
  });
});

describe('thresholdInWords', () => {
  it.each([
    [PI1, 'percent', 1, 'more than 75%', 'less than 65%', 'to 1 decimal place'],
    [threshold('>=', 75, '<=', 65), 'percent', 1, '75% or more', '65% or less', 'to 1 decimal place'],
    [PI5, 'count', 0, 'less than 10', 'more than 30', 'to the nearest whole number'],
    [threshold('<=', 10, '>=', 30), 'days', 0, '10 days or less', '30 days or more', 'to the nearest whole number'],
    [threshold('<', 65, '>', 80), 'rate_per_10k', 1, 'less than 65 per 10,000', 'more than 80 per 10,000', '1 decimal'],
    [threshold('<', 18.5, '>', 23), 'average', 2, 'less than 18.5', 'more than 23', 'to 2 decimal places'],
    [threshold('<', 1000, '>', 1500), 'money', 0, 'less than £1,000', 'more than £1,500', 'whole number'],
  ] as const)('%#: %s', (t, unit, precision, target, failure, places) => {
    const words = thresholdInWords(t, unit, precision);
    expect(words.target).toBe(target);
    expect(words.failure).toBe(failure);
    expect(words.summary).toContain(`Green: ${target}; red: ${failure}; amber: anything in between`);
    expect(words.summary).toContain(places);
  });
});

/**
 * The 15 contract KPIs (2018–2024) exactly as reference/contract-kpis-2018.csv states them:
 * operators are strict, the tolerance and failure thresholds are the same number.
 */
const CONTRACT_KPIS: ReadonlyArray<{
  code: string;
  unit: Unit;
  polarity: 'higher_is_better' | 'lower_is_better';
  target: number;
  failure: number;
  precision: number;
}> = [
  { code: 'PI1', unit: 'percent', polarity: 'higher_is_better', target: 75, failure: 65, precision: 1 },
  { code: 'PI2', unit: 'rate_per_10k', polarity: 'lower_is_better', target: 65, failure: 80, precision: 1 },
  { code: 'PI3', unit: 'percent', polarity: 'higher_is_better', target: 80, failure: 65, precision: 1 },
  { code: 'PI4', unit: 'percent', polarity: 'higher_is_better', target: 85, failure: 75, precision: 1 },
  { code: 'PI5', unit: 'count', polarity: 'lower_is_better', target: 10, failure: 30, precision: 0 },
  { code: 'PI6', unit: 'percent', polarity: 'higher_is_better', target: 80, failure: 70, precision: 1 },
  { code: 'PI7', unit: 'percent', polarity: 'higher_is_better', target: 95, failure: 85, precision: 1 },
  { code: 'PI8', unit: 'percent', polarity: 'higher_is_better', target: 65, failure: 50, precision: 1 },
  { code: 'PI9', unit: 'percent', polarity: 'higher_is_better', target: 70, failure: 50, precision: 1 },
  { code: 'PI10', unit: 'percent', polarity: 'higher_is_better', target: 73, failure: 58, precision: 1 },
  { code: 'PI11', unit: 'percent', polarity: 'higher_is_better', target: 90, failure: 80, precision: 1 },
  { code: 'PI12', unit: 'percent', polarity: 'higher_is_better', target: 80, failure: 70, precision: 1 },
  { code: 'PI13', unit: 'percent', polarity: 'lower_is_better', target: 32, failure: 37, precision: 1 },
  { code: 'PI14', unit: 'average', polarity: 'lower_is_better', target: 18.5, failure: 23, precision: 2 },
  { code: 'PI15', unit: 'percent', polarity: 'higher_is_better', target: 55, failure: 40, precision: 1 },
];

describe('the 15 contract KPIs at their exact thresholds', () => {
  it('has all fifteen', () => {
    expect(CONTRACT_KPIS.map((k) => k.code)).toEqual(Array.from({ length: 15 }, (_, i) => `PI${i + 1}`));
  });

  it.each(CONTRACT_KPIS)('$code ($polarity, target $target, failure $failure)', (kpi) => {
    const up = kpi.polarity === 'higher_is_better';
    const t = up ? threshold('>', kpi.target, '<', kpi.failure) : threshold('<', kpi.target, '>', kpi.failure);
    const step = 10 ** -kpi.precision;
    const better = (x: number, n = 1) => x + (up ? n * step : -n * step);
    const worse = (x: number, n = 1) => x - (up ? n * step : -n * step);
    const status = (value: number) => rate(value, kpi.unit, kpi.precision, t).status;

    expect(status(kpi.target)).toBe('amber'); // equal to the target: not on target
    expect(status(better(kpi.target))).toBe('green');
    expect(status(better(kpi.target, 0.6))).toBe('green'); // rounds to one step better
    expect(status(better(kpi.target, 0.4))).toBe('amber'); // rounds back to the target
    // Exactly half a step rounds away from zero (upwards for these positive figures): one step
    // better when higher is better, back to the target when lower is better.
    expect(status(better(kpi.target, 0.5))).toBe(up ? 'green' : 'amber');
    expect(status(worse(kpi.target))).toBe('amber');
    expect(status(kpi.failure)).toBe('amber'); // equal to the failure level: not failing
    expect(status(worse(kpi.failure, 0.4))).toBe('amber'); // still shows the failure level
    expect(status(worse(kpi.failure))).toBe('red');
    expect(status(better(kpi.failure))).toBe('amber');
    expect(thresholdProblems(t)).toEqual([]);
    expect(thresholdDirection(t)).toBe(kpi.polarity);
  });
});

describe('monotonic ratings (property)', () => {
  const rank = (s: RagStatus) => statusRank(s) ?? -1;
  const config = fc
    .record({
      failure: fc.integer({ min: -1000, max: 1000 }),
      gap: fc.integer({ min: 0, max: 500 }),
      targetStrict: fc.boolean(),
      failureStrict: fc.boolean(),
      precision: fc.integer({ min: 0, max: 3 }),
    })
    .filter(({ gap, targetStrict, failureStrict }) => gap > 0 || targetStrict || failureStrict);
  const value = fc.double({ min: -2000, max: 2000, noNaN: true });

  it('higher is better: a larger value never gets a worse status', () => {
    fc.assert(
      fc.property(config, value, value, (c, a, b) => {
        const t = threshold(c.targetStrict ? '>' : '>=', c.failure + c.gap, c.failureStrict ? '<' : '<=', c.failure);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const sLo = rate(lo, 'percent', c.precision, t).status;
        const sHi = rate(hi, 'percent', c.precision, t).status;
        expect(sLo).not.toBe('no_data');
        expect(rank(sHi)).toBeGreaterThanOrEqual(rank(sLo));
      }),
    );
  });

  it('lower is better: a larger value never gets a better status', () => {
    fc.assert(
      fc.property(config, value, value, (c, a, b) => {
        const t = threshold(c.targetStrict ? '<' : '<=', c.failure - c.gap, c.failureStrict ? '>' : '>=', c.failure);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const sLo = rate(lo, 'count', c.precision, t).status;
        const sHi = rate(hi, 'count', c.precision, t).status;
        expect(rank(sHi)).toBeLessThanOrEqual(rank(sLo));
      }),
    );
  });

  it('the status agrees with the figure shown: equal display → equal status', () => {
    fc.assert(
      fc.property(value, value, fc.integer({ min: 0, max: 2 }), (a, b, p) => {
        if (formatValue(a, 'percent', p) !== formatValue(b, 'percent', p)) return;
        expect(rate(a, 'percent', p, PI1).status).toBe(rate(b, 'percent', p, PI1).status);
      }),
    );
  });
});
