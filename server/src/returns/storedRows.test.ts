import { describe, expect, it } from 'vitest';
import { restoreRows, storeRows } from './storedRows';
import type { CheckedRow } from './validate';

const base = {
  kpiCode: 'PI1',
  kpiTitle: 'Percent KPI',
  unit: 'percent' as const,
  precision: 1,
  comment: null,
  commentChanged: false,
  lockedMonth: false,
  changesReportedFigure: false,
  replacesIllustrative: false,
};

const ROWS: CheckedRow[] = [
  {
    ...base,
    indicatorId: 1,
    month: '2024-03',
    at: { row: 2, column: 'March 2024', col: 3, cell: 'C2', text: 'row 2, March 2024' },
    value: 12.5,
    symbol: null,
    numerator: 25,
    denominator: 200,
    change: 'new',
    old: null,
  },
  {
    ...base,
    indicatorId: 1,
    month: '2024-04',
    at: { row: 2, column: null, col: null, cell: null, text: 'row 2' },
    value: null,
    symbol: 'c',
    numerator: null,
    denominator: null,
    comment: 'Suppressed: fewer than five children',
    commentChanged: true,
    change: 'changed',
    old: {
      indicatorId: 1,
      month: '2024-04',
      value: 9.1,
      symbol: null,
      numerator: null,
      denominator: null,
      provenance: 'uploaded_return',
      status: 'provisional',
      fileName: 'april.csv',
      updatedAt: '2024-05-02T09:00:00.000Z',
    },
    lockedMonth: true,
    changesReportedFigure: true,
  },
  {
    ...base,
    indicatorId: 2,
    kpiCode: 'PI5',
    kpiTitle: 'Count KPI',
    unit: 'count',
    precision: 0,
    month: '2024-03',
    at: { row: 3, column: 'March 2024', col: 3, cell: null, text: 'row 3, March 2024' },
    value: 4,
    symbol: null,
    numerator: null,
    denominator: null,
    change: 'changed',
    old: {
      indicatorId: 2,
      month: '2024-03',
      value: 3,
      symbol: null,
      numerator: null,
      denominator: null,
      provenance: 'illustrative',
      status: 'provisional',
      fileName: null,
      updatedAt: '2024-01-01T00:00:00.000Z',
    },
    replacesIllustrative: true,
  },
];

describe('checked rows stored between preview and commit', () => {
  it('come back from the stored JSON exactly as they were checked', () => {
    const stored = JSON.parse(JSON.stringify(storeRows(ROWS)));
    expect(restoreRows(stored)).toEqual(ROWS);
  });

  it('hold each KPI once, not once per figure', () => {
    const stored = storeRows(ROWS);
    expect(Object.keys(stored.kpis)).toEqual(['1', '2']);
    expect(JSON.stringify(stored)).not.toMatch(/Percent KPI.*Percent KPI/);
  });
});
