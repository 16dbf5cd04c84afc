import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATORS, UNITS } from '../contracts/enums';
import {
  bandPhrase,
  checkTolerance,
  parseBandPhrase,
  parseBands,
  tolerancePhrase,
  withBandLabel,
} from './thresholdPhrase';

describe('parseBandPhrase reads the contract’s own words', () => {
  it.each([
    ['Target > 85%', 'target', '>', 85, 'percent'],
    ['Failure < 75%', 'failure', '<', 75, 'percent'],
    ['Target <= 12', 'target', '<=', 12, null],
    ['Target <= 12 days', 'target', '<=', 12, 'days'],
    ['Target ≥ 1 day', 'target', '>=', 1, 'days'],
    ['Failure ≤ 3.5', 'failure', '<=', 3.5, null],
    ['Target < 65 per 10,000', 'target', '<', 65, 'rate_per_10k'],
    ['Target < 65 per 10000', 'target', '<', 65, 'rate_per_10k'],
    ['Failure > 80 per 10k', 'failure', '>', 80, 'rate_per_10k'],
    ['Target < £1,200', 'target', '<', 1200, 'money'],
    ['Target < £ 1200.50', 'target', '<', 1200.5, 'money'],
    ['Target > 27,938', 'target', '>', 27938, null],
    ['  target   >   85 %  ', 'target', '>', 85, 'percent'],
    ['TARGET: >= 80%', 'target', '>=', 80, 'percent'],
    ['Tolerance > 65%', 'tolerance', '>', 65, 'percent'],
  ])('%s', (text, label, operator, value, unit) => {
    expect(parseBandPhrase(text)).toEqual({ ok: true, phrase: { label, operator, value, unit } });
  });

  it.each([
    ['', /is empty/],
    ['85%', /must start with Target/],
    ['Goal > 85%', /must start with Target/],
    ['Target 85%', /no comparison/],
    ['Target = 85%', /no comparison/],
    ['Target > -5', /negative/],
    ['Target > 85%%', /is not a band/],
    ['Target > 8,5', /is not a band/],
    ['Target > 1,00', /is not a band/],
    ['Target > 85% or better', /is not a band/],
    ['Target >> 85', /is not a band/],
    ['Target => 85', /is not a band/],
    ['Target > £85%', /two units/],
    ['Target > eighty', /is not a band/],
  ])('refuses %j', (text, problem) => {
    const result = parseBandPhrase(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });
});

describe('parseBands checks target and failure together against the KPI’s unit', () => {
  it('reads a higher-is-better pair with strict operators', () => {
    expect(parseBands('Target > 85%', 'Failure < 75%', 'percent')).toEqual({
      ok: true,
      bands: { targetOperator: '>', targetValue: 85, failureOperator: '<', failureValue: 75 },
    });
  });

  it.each([
    ['Target > 10', 'Failure < 5', 'lower_is_better', 'higher'],
    ['Target <= 12', 'Failure > 20', 'higher_is_better', 'lower'],
  ] as const)('refuses %j / %j for a KPI %s: the target is met by %s figures', (target, failure, polarity, by) => {
    const result = parseBands(target, failure, 'count', polarity);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toEqual([
        {
          field: 'target',
          message: expect.stringMatching(
            new RegExp(`this target \\(${target.replace(/[<>=]/g, '.')}\\) is met by ${by} figures`),
          ),
        },
      ]);
  });

  it.each([
    ['Target > 10', 'Failure < 5', 'higher_is_better'],
    ['Target < 5', 'Failure >= 10', 'lower_is_better'],
    ['Target < 5', 'Failure >= 10', 'none'],
    ['Target > 10', 'Failure < 5', undefined],
  ] as const)('reads %j / %j for a KPI %s', (target, failure, polarity) => {
    expect(parseBands(target, failure, 'count', polarity).ok).toBe(true);
  });

  it('reads a lower-is-better pair with no unit named', () => {
    expect(parseBands('Target <= 12', 'Failure > 20', 'days')).toEqual({
      ok: true,
      bands: { targetOperator: '<=', targetValue: 12, failureOperator: '>', failureValue: 20 },
    });
  });

  it.each([
    ['Failure < 75%', 'Failure < 75%', 'percent', ['target'], /must start with "Target"/],
    ['Target > 85%', 'Target < 75%', 'percent', ['failure'], /must start with "Failure"/],
    ['Target > 85 days', 'Failure < 75', 'percent', ['target'], /names a number of days, but the KPI is a percentage/],
    ['Target > 85%', 'Failure > 75%', 'percent', ['failure'], /point the same way/],
    ['Target > 75%', 'Failure < 85%', 'percent', ['failure'], /both on target .* and in failure/],
    ['Target >= 80%', 'Failure <= 80%', 'percent', ['failure'], /both on target .* and in failure/],
    ['nonsense', 'Failure', 'count', ['target', 'failure'], /./],
  ] as const)('refuses %s / %s (%s)', (target, failure, unit, fields, message) => {
    const result = parseBands(target, failure, unit);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.field)).toEqual(fields);
      expect(result.problems[0]!.message).toMatch(message);
    }
  });

  // The form's boxes and the schedule's columns are already labelled Target and Failure, so a
  // commissioner who types "< 40 per 10,000" into the Target box means the target.
  it.each([
    [
      '< 40 per 10,000',
      '> 46 per 10,000',
      'rate_per_10k',
      { targetOperator: '<', targetValue: 40, failureOperator: '>', failureValue: 46 },
    ],
    [
      '>= 85%',
      'Failure < 75%',
      'percent',
      { targetOperator: '>=', targetValue: 85, failureOperator: '<', failureValue: 75 },
    ],
    ['≤ 12 days', '> 20', 'days', { targetOperator: '<=', targetValue: 12, failureOperator: '>', failureValue: 20 }],
  ] as const)('reads %j / %j in their labelled boxes without the word', (target, failure, unit, bands) => {
    expect(parseBands(target, failure, unit)).toEqual({ ok: true, bands });
  });

  it('quotes what was typed, not a label it added, when a box holds no comparison', () => {
    const result = parseBands('85%', 'Failure < 75%', 'percent');
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'target', message: 'The target "85%" has no comparison: use >, >=, < or <=.' }],
    });
  });

  it('accepts touching strict bands: 80 is amber between > 80 and < 80', () => {
    expect(parseBands('Target > 80%', 'Failure < 80%', 'percent').ok).toBe(true);
  });
});

describe('properties', () => {
  const value = fc.oneof(
    fc.integer({ min: 0, max: 1_000_000 }),
    fc.double({ min: 0, max: 100_000, noNaN: true, noDefaultInfinity: true }).filter((v) => !/e/.test(String(v))),
  );

  it('reads back exactly what bandPhrase prints, for every operator, unit and value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('target', 'tolerance', 'failure' as const),
        fc.constantFrom(...OPERATORS),
        value,
        fc.constantFrom(...UNITS),
        (label, operator, v, unit) => {
          const result = parseBandPhrase(bandPhrase(label, operator, v, unit));
          const namedUnit = unit === 'count' || unit === 'average' ? null : unit;
          expect(result).toEqual({ ok: true, phrase: { label, operator, value: v, unit: namedUnit } });
        },
      ),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseBandPhrase(text);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('a pair that parses never rates one value both green and red', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPERATORS),
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom(...OPERATORS),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: -10, max: 210 }),
        (to, tv, fo, fv, x) => {
          const result = parseBands(`Target ${to} ${tv}`, `Failure ${fo} ${fv}`, 'count');
          if (!result.ok) return;
          const holds = (op: string, a: number, b: number) =>
            op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
          expect(holds(to, x, tv) && holds(fo, x, fv)).toBe(false);
        },
      ),
    );
  });
});

describe('checkTolerance: amber is between target and failure', () => {
  const higher = { targetOperator: '>', targetValue: 85, failureOperator: '<', failureValue: 75 } as const;
  const lower = { targetOperator: '<=', targetValue: 12, failureOperator: '>', failureValue: 20 } as const;
  it.each([
    ['Tolerance > 75%', higher, 'percent', 'Tolerance > 75%'],
    ['tolerance >= 75', higher, 'percent', 'Tolerance >= 75%'],
    ['Tolerance <= 20 days', lower, 'days', 'Tolerance <= 20 days'],
    ['Tolerance < 20', lower, 'days', 'Tolerance < 20 days'],
  ] as const)('%s agrees', (text, bands, unit, tolerance) => {
    expect(checkTolerance(text, bands, unit)).toEqual({ ok: true, tolerance });
  });

  it.each([
    ['Tolerance > 70%', higher, 'percent', /contradicts the bands Target > 85% and Failure < 75%.*"Tolerance >= 75%"/],
    ['Tolerance < 75%', higher, 'percent', /contradicts/],
    ['Tolerance > 12 days', lower, 'days', /"Tolerance <= 20 days"/],
    ['Tolerance > 75 days', higher, 'percent', /names a number of days, but the KPI is a percentage/],
    ['Target > 75%', higher, 'percent', /must start with "Tolerance"/],
    ['Tolerance about 75%', higher, 'percent', /has no comparison/],
  ] as const)('%s is refused', (text, bands, unit, message) => {
    const result = checkTolerance(text, bands, unit);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('tolerancePhrase: amber from where failure ends, the target’s way', () => {
  it.each([
    ['>', 85, '<', 75, 'percent', 'Tolerance >= 75%'],
    ['>=', 85, '<=', 75, 'percent', 'Tolerance > 75%'],
    ['<', 10, '>', 20, 'days', 'Tolerance <= 20 days'],
    ['<=', 10, '>=', 20, 'rate_per_10k', 'Tolerance < 20 per 10,000'],
  ] as const)(
    'target %s %s, failure %s %s (%s): %s',
    (targetOperator, targetValue, failureOperator, failureValue, unit, expected) => {
      const bands = { targetOperator, targetValue, failureOperator, failureValue };
      expect(tolerancePhrase(bands, unit)).toBe(expected);
      // What the download writes, the upload accepts as it is.
      expect(checkTolerance(expected, bands, unit)).toEqual({ ok: true, tolerance: expected });
    },
  );
});

describe('withBandLabel: the stored phrase names its band', () => {
  it.each([
    ['< 40 per 10,000', 'target', 'Target < 40 per 10,000'],
    ['  >=  75% ', 'failure', 'Failure >= 75%'],
    ['Target > 85%', 'target', 'Target > 85%'],
    ['failure < 60%', 'failure', 'failure < 60%'],
    ['', 'target', ''],
  ] as const)('%j in the %s box is kept as %j', (typed, label, kept) => {
    expect(withBandLabel(typed, label)).toBe(kept);
  });

  it('reads back as the band it was typed for (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPERATORS),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom('target', 'failure', 'tolerance' as const),
        (op, value, label) => {
          const read = parseBandPhrase(withBandLabel(`${op} ${value}`, label));
          expect(read.ok && read.phrase.label).toBe(label);
        },
      ),
    );
  });
});
