import { type ComparatorPoint, headerWithUnit, type MonthlyPoint, UNIT_HEADER_WORDS, type Unit } from '@kpi/shared';
import type { RequestContext } from '../http/requestContext';
import { type Cell, type ExportColumn, type ExportDocument, num } from './tabular';

/** What the export documents (scorecard, series, briefing) share: cells, words and names. */

/** A built export: the document, the stem of its file name and what the audit log records. */
export type BuiltExport = { doc: ExportDocument; fileStem: string; target: string };

export const STATUS_WORDS = { green: 'Green', amber: 'Amber', red: 'Red', no_data: 'No data' } as const;
export const PROVENANCE_WORDS = {
  uploaded_return: 'Monthly return',
  published_paper: 'Published paper',
  illustrative: 'Illustrative',
} as const;

export async function organisationName(context: RequestContext): Promise<string> {
  return (await context.requireOrganisation()).name;
}

/** An Excel table name: letters, digits and underscores, starting with a letter. */
export function tableName(...parts: string[]): string {
  const name = parts.join('_').replace(/[^A-Za-z0-9_]+/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `T_${name}`;
}

/** A figure as a number in its unit, or its suppression symbol, or empty. */
export function valueCell(point: Pick<MonthlyPoint, 'value' | 'symbol'>, unit: Unit, precision: number): Cell {
  if (point.symbol) return point.symbol;
  return point.value === null ? null : num(point.value, unit, precision);
}

/** A movement: percentages move in percentage points, so they are plain numbers. */
export function changeCell(difference: number | null, unit: Unit, precision: number): Cell {
  return difference === null ? null : num(difference, unit === 'percent' ? 'plain' : unit, precision);
}

/** Value, period, and in words how the council compares and anything a reader needs beside it. */
export function comparatorCells(point: ComparatorPoint | undefined, unit: Unit, precision: number): Cell[] {
  if (!point) return [null, null, null];
  // The test that decided it goes with the verdict: "similar" by value is the dashboard's own 5% rule.
  const test = point.comparison ? `${point.comparison.testNote}.` : null;
  const words = [point.comparison?.sentence, test, ...point.notes].filter(Boolean).join(' ');
  return [valueCell(point, unit, precision), point.timePeriod, words || null];
}

/** A comparator's three columns; the figure's header names its unit (`per_row` where KPIs are mixed). */
export function comparatorColumns(label: string, unit: Unit | 'per_row'): ExportColumn[] {
  return [
    { header: headerWithUnit(label, unit), width: 14 },
    { header: `${label} period` },
    { header: `${label}: compared`, width: 40 },
  ];
}

/** The unit in words, as the headers name it (shared `UNIT_HEADER_WORDS`). */
export function unitWords(unit: Unit): string {
  return UNIT_HEADER_WORDS[unit];
}
