import { describe, expect, it } from 'vitest';
import type { ReturnChangeKind } from '../contracts/returns';
import { type EffectFigure, type FigureEffectResult, figureEffect, sameAtPrecision } from './figureEffect';
import type { ThresholdVersion } from './rag';

// PI4-like bands: green above 85%, red below 75%, from April 2018; none before.
const BANDS: ThresholdVersion[] = [
  {
    effectiveFrom: '2018-04-01',
    effectiveTo: null,
    targetOperator: '>',
    targetValue: 85,
    failureOperator: '<',
    failureValue: 75,
  },
];

const v = (value: number): EffectFigure => ({ value, symbol: null });
const c: EffectFigure = { value: null, symbol: 'c' };

const cases: [string, ReturnChangeKind, EffectFigure | null, EffectFigure, string, FigureEffectResult][] = [
  [
    'nothing held: new, rated but no rating change',
    'new',
    null,
    v(81.5),
    '2024-03',
    { effect: 'new', rating: { before: null, after: 'amber', changed: false } },
  ],
  [
    'an illustrative 53.1 replaced by an uploaded 53.1: confirmed',
    'changed',
    v(53.1),
    v(53.1),
    '2024-03',
    { effect: 'confirmed', rating: { before: 'red', after: 'red', changed: false } },
  ],
  [
    'equal at the precision, different in float: confirmed',
    'changed',
    v(53.1),
    v(53.10000001),
    '2024-03',
    { effect: 'confirmed', rating: { before: 'red', after: 'red', changed: false } },
  ],
  [
    'green 85.9 → amber 81.5: value and rating change',
    'changed',
    v(85.9),
    v(81.5),
    '2024-03',
    { effect: 'value_changed', rating: { before: 'green', after: 'amber', changed: true } },
  ],
  [
    'a value that changes within its band: no rating change',
    'changed',
    v(80.2),
    v(81.5),
    '2024-03',
    { effect: 'value_changed', rating: { before: 'amber', after: 'amber', changed: false } },
  ],
  [
    'a change at the precision (53.1 → 53.2): value changes',
    'changed',
    v(53.1),
    v(53.2),
    '2024-03',
    { effect: 'value_changed', rating: { before: 'red', after: 'red', changed: false } },
  ],
  [
    'a suppressed figure replaced by a number: value and rating change',
    'changed',
    c,
    v(90),
    '2024-03',
    { effect: 'value_changed', rating: { before: 'no_data', after: 'green', changed: true } },
  ],
  [
    'no bands in force for the month: unrated both sides',
    'changed',
    v(90),
    v(60),
    '2017-03',
    { effect: 'value_changed', rating: { before: 'no_data', after: 'no_data', changed: false } },
  ],
  [
    'the same figure already reported: unchanged',
    'unchanged',
    v(85.9),
    v(85.9),
    '2024-03',
    { effect: 'unchanged', rating: { before: 'green', after: 'green', changed: false } },
  ],
  [
    'a held row with no value nor symbol counts as nothing held',
    'new',
    { value: null, symbol: null },
    v(70),
    '2024-03',
    { effect: 'new', rating: { before: null, after: 'red', changed: false } },
  ],
];

describe('figureEffect', () => {
  it.each(cases)('%s', (_name, change, old, figure, month, expected) => {
    expect(figureEffect({ change, old, new: figure, unit: 'percent', precision: 1, month, thresholds: BANDS })).toEqual(
      expected,
    );
  });

  it('compares at the KPI precision, so a count of 9 and 9.4 are the same whole number', () => {
    expect(sameAtPrecision(v(9), v(9.4), 0)).toBe(true);
    expect(sameAtPrecision(v(9), v(9.5), 0)).toBe(false);
    expect(sameAtPrecision(c, { value: null, symbol: 'x' }, 1)).toBe(false);
    expect(sameAtPrecision(c, v(0), 1)).toBe(false);
  });
});
