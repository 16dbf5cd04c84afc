import { describe, expect, it } from 'vitest';
import { matchesAtPrecision } from './figureChecks';
import type { CellLocation, ReadRow, ReadValue } from './types';
import { type ExistingFigure, type KpiMeta, validateReturn } from './validate';

const at = (text: string): CellLocation => ({ row: 2, column: 'value', col: 3, cell: null, text });

const KPIS: KpiMeta[] = [
  {
    id: 1,
    code: 'PI1',
    title: 'Percent KPI',
    unit: 'percent',
    precision: 1,
    inForce: [{ setCode: 'S', from: '2018-04', to: '2024-03' }],
  },
  { id: 2, code: 'PI5', title: 'Count KPI', unit: 'count', precision: 0, inForce: [] },
];

function row(kpiCode: string, month: string, value: ReadValue, parts: [number, number] | null = null): ReadRow {
  const n = (v: number): ReadValue => ({
    kind: 'number',
    value: v,
    text: String(v),
    percentSign: false,
    percentFormat: false,
  });
  return {
    kpiCode,
    kpiAt: at(`${kpiCode} code`),
    month,
    monthAt: at(`${month} month`),
    value,
    valueAt: at(`${kpiCode} ${month}`),
    numerator: parts ? n(parts[0]) : { kind: 'empty' },
    numeratorAt: parts ? at('numerator') : null,
    denominator: parts ? n(parts[1]) : { kind: 'empty' },
    denominatorAt: parts ? at('denominator') : null,
    comment: null,
  };
}
const num = (value: number): ReadValue => ({
  kind: 'number',
  value,
  text: String(value),
  percentSign: false,
  percentFormat: false,
});
const context = (existing: ExistingFigure[] = []) => ({
  kpis: KPIS,
  existing,
  locks: new Map(),
  role: 'analyst' as const,
  today: '2021-05-15',
});
const held = (
  month: string,
  value: number,
  provenance: ExistingFigure['provenance'] = 'uploaded_return',
): ExistingFigure => ({
  indicatorId: 1,
  month,
  value,
  symbol: null,
  numerator: null,
  denominator: null,
  provenance,
  status: 'provisional',
  fileName: 'earlier.csv',
  updatedAt: '2021-04-10T09:00:00.000Z',
});

describe('validateReturn', () => {
  it('classifies new, changed and unchanged figures', () => {
    const result = validateReturn(
      [row('PI1', '2021-01', num(70)), row('PI1', '2021-02', num(71)), row('PI1', '2021-03', num(72))],
      context([held('2021-02', 71), held('2021-03', 75)]),
    );
    expect(result.rows.map((r) => [r.month, r.change])).toEqual([
      ['2021-01', 'new'],
      ['2021-02', 'unchanged'],
      ['2021-03', 'changed'],
    ]);
    expect(result.problems.map((p) => [p.code, p.severity])).toEqual([['changes_reported_value', 'warning']]);
  });

  it('replacing an illustrative figure is a change that needs no reason, even at the same value', () => {
    const result = validateReturn([row('PI1', '2021-03', num(75))], context([held('2021-03', 75, 'illustrative')]));
    expect(result.rows[0]).toMatchObject({
      change: 'changed',
      replacesIllustrative: true,
      changesReportedFigure: false,
    });
    expect(result.problems).toEqual([]);
  });

  it('a numerator and denominator are checked against the value at the KPI precision', () => {
    expect(validateReturn([row('PI1', '2021-03', num(75), [45, 60])], context()).problems).toEqual([]);
    const mismatch = validateReturn([row('PI1', '2021-03', num(72.5), [45, 60])], context()).problems;
    expect(mismatch.map((p) => p.code)).toEqual(['ratio_mismatch']);
    expect(mismatch[0]!.message).toContain('45 ÷ 60 × 100 = 75.0%');
  });

  it('symbols are kept as symbols', () => {
    const result = validateReturn([row('PI5', '2021-03', { kind: 'symbol', symbol: 'low', text: 'low' })], context());
    expect(result.rows[0]).toMatchObject({ value: null, symbol: 'low' });
  });
});

describe('matchesAtPrecision', () => {
  it('compares at the published precision', () => {
    expect(matchesAtPrecision(22.02, 524 / 23.8, 2)).toBe(true);
    expect(matchesAtPrecision(22.03, 524 / 23.8, 2)).toBe(false);
    expect(matchesAtPrecision(75, 75.04, 1)).toBe(true);
  });
});
