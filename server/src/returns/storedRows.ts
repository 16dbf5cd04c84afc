import type { ReturnChangeKind, SuppressionSymbol, Unit } from '@kpi/shared';
import type { CellLocation } from './types';
import type { CheckedRow, ExistingFigure } from './validate';

/**
 * The checked rows of a preview as the upload's summary stores them until commit: one tuple per
 * figure, and each KPI's code, title, unit and precision once. A ten-year backfill's 7,200 rows
 * as objects were 2.8 MB of JSON, written at preview and read again at commit; as tuples they
 * are about a quarter of that.
 */

interface StoredKpi {
  code: string;
  title: string;
  unit: Unit;
  precision: number;
}

type StoredOld = [
  value: number | null,
  symbol: SuppressionSymbol | null,
  numerator: number | null,
  denominator: number | null,
  provenance: ExistingFigure['provenance'],
  status: ExistingFigure['status'],
  fileName: string | null,
  updatedAt: string,
];

type StoredRow = [
  indicatorId: number,
  month: string,
  at: [row: number, column: string | null, col: number | null, cell: string | null, text: string],
  value: number | null,
  symbol: SuppressionSymbol | null,
  numerator: number | null,
  denominator: number | null,
  comment: string | null,
  commentChanged: boolean,
  change: ReturnChangeKind,
  old: StoredOld | null,
  lockedMonth: boolean,
  changesReportedFigure: boolean,
  replacesIllustrative: boolean,
];

export interface StoredRows {
  kpis: Record<string, StoredKpi>;
  rows: StoredRow[];
}

export function storeRows(rows: readonly CheckedRow[]): StoredRows {
  const kpis: Record<string, StoredKpi> = {};
  const stored: StoredRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    kpis[r.indicatorId] ??= { code: r.kpiCode, title: r.kpiTitle, unit: r.unit, precision: r.precision };
    const o = r.old;
    stored[i] = [
      r.indicatorId,
      r.month,
      [r.at.row, r.at.column, r.at.col, r.at.cell, r.at.text],
      r.value,
      r.symbol,
      r.numerator,
      r.denominator,
      r.comment,
      r.commentChanged,
      r.change,
      o ? [o.value, o.symbol, o.numerator, o.denominator, o.provenance, o.status, o.fileName, o.updatedAt] : null,
      r.lockedMonth,
      r.changesReportedFigure,
      r.replacesIllustrative,
    ];
  }
  return { kpis, rows: stored };
}

export function restoreRows(stored: StoredRows): CheckedRow[] {
  return stored.rows.map((s) => {
    const [indicatorId, month, at, value, symbol, numerator, denominator, comment, commentChanged, change, o] = s;
    const kpi = stored.kpis[indicatorId]!;
    const location: CellLocation = { row: at[0], column: at[1], col: at[2], cell: at[3], text: at[4] };
    const old: ExistingFigure | null = o
      ? {
          indicatorId,
          month,
          value: o[0],
          symbol: o[1],
          numerator: o[2],
          denominator: o[3],
          provenance: o[4],
          status: o[5],
          fileName: o[6],
          updatedAt: o[7],
        }
      : null;
    return {
      indicatorId,
      kpiCode: kpi.code,
      kpiTitle: kpi.title,
      unit: kpi.unit,
      precision: kpi.precision,
      month,
      at: location,
      value,
      symbol,
      numerator,
      denominator,
      comment,
      commentChanged,
      change,
      old,
      lockedMonth: s[11],
      changesReportedFigure: s[12],
      replacesIllustrative: s[13],
    };
  });
}
