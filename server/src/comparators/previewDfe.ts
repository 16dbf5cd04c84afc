import {
  areaOfTidyRow,
  isWorkforceFile,
  SUPPORTED_TIME_IDENTIFIERS,
  TIDY_KEY_COLUMNS,
  type TidyTable,
} from '@kpi/readers';
import type { DfeColumn, DfePreviewResponse } from '@kpi/shared';
import { dfeReportingYearRange, parseDfeValue } from '@kpi/shared';
import { type KnownAreas, UnknownAreas } from './areaNames';

const STORED_LEVELS = new Set(['National', 'Regional', 'Local authority']);
const MAX_CATEGORY_VALUES = 30;
const MAX_INVALID_LISTED = 5;
const SAMPLE_ROWS = 5;

function periodSupported(timePeriod: string, timeIdentifier: string): boolean {
  if (!(SUPPORTED_TIME_IDENTIFIERS as readonly string[]).includes(timeIdentifier)) return false;
  try {
    dfeReportingYearRange(timePeriod);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a DfE tidy CSV holds, so a person can map its columns (pure): each column with its
 * numbers, symbols and bad cells; the levels, periods and areas; a few rows.
 */
export function previewDfeTable(
  table: TidyTable,
  areas: KnownAreas,
): Omit<DfePreviewResponse, 'upload' | 'previousImports' | 'measures' | 'headlineAreas'> {
  const columns: DfeColumn[] = table.columns.map((name) => ({
    name,
    role: TIDY_KEY_COLUMNS.has(name) ? 'key' : 'category',
    numbers: 0,
    symbols: {},
    empty: 0,
    invalid: [],
    invalidCount: 0,
    values: [],
    example: null,
  }));
  const texts = columns.map(() => new Set<string>());
  const levels = new Map<string, number>();
  const periods = new Map<string, { timePeriod: string; timeIdentifier: string; rows: number }>();
  const unknown = new UnknownAreas();
  const knownAreas = new Set<string>();

  table.records.forEach((row, index) => {
    const rowNumber = table.rowNumbers[index]!;
    const level = row.geographic_level ?? '';
    levels.set(level, (levels.get(level) ?? 0) + 1);
    const periodKey = `${row.time_period}|${row.time_identifier}`;
    const period = periods.get(periodKey);
    if (period) period.rows++;
    else
      periods.set(periodKey, {
        timePeriod: row.time_period ?? '',
        timeIdentifier: row.time_identifier ?? '',
        rows: 1,
      });
    const area = areaOfTidyRow(row, areas);
    if (area.kind === 'area') knownAreas.add(area.areaCode);
    else if (area.kind === 'joint') {
      for (const code of area.areaCodes) knownAreas.add(code);
      for (const n of area.unknownLaNumbers) unknown.add(rowNumber, 'local_authority', n, area.label);
    } else if (area.kind === 'unknown') unknown.addRowArea(rowNumber, area);

    columns.forEach((column, c) => {
      if (column.role === 'key') return;
      const raw = row[column.name] ?? '';
      let parsed: ReturnType<typeof parseDfeValue> | null = null;
      try {
        parsed = parseDfeValue(raw);
      } catch {
        parsed = null;
      }
      if (parsed === null) {
        column.invalidCount++;
        if (column.invalid.length < MAX_INVALID_LISTED) column.invalid.push({ row: rowNumber, value: raw });
        const set = texts[c]!;
        if (set.size <= MAX_CATEGORY_VALUES) set.add(raw.trim());
      } else if (parsed.symbol) {
        column.symbols[parsed.symbol] = (column.symbols[parsed.symbol] ?? 0) + 1;
      } else if (parsed.value === null) {
        column.empty++;
      } else {
        column.numbers++;
        if (column.example === null) column.example = raw.trim();
      }
    });
  });

  columns.forEach((column, c) => {
    if (column.role === 'key') return;
    if (column.numbers > 0) {
      column.role = 'measure';
      return;
    }
    // No numbers at all: a text column (a category to filter on), not bad cells in a measure.
    column.values = [...texts[c]!].slice(0, MAX_CATEGORY_VALUES);
    column.example = column.values[0] ?? null;
    column.invalid = [];
    column.invalidCount = 0;
  });

  const warnings: string[] = [];
  for (const column of columns) {
    if (column.role === 'measure' && column.invalidCount > 0) {
      const first = column.invalid[0]!;
      warnings.push(
        `Column ${column.name} has ${column.invalidCount} cell${column.invalidCount === 1 ? '' : 's'} that are neither numbers nor suppression symbols (first: row ${first.row}, ${JSON.stringify(first.value)}); it cannot be imported until they are fixed.`,
      );
    }
  }
  const otherLevels = [...levels.keys()].filter((l) => !STORED_LEVELS.has(l));
  if (otherLevels.length > 0) {
    warnings.push(
      `Rows at ${otherLevels.join(', ')} level are not stored: the dashboard keeps England, regions and local authorities.`,
    );
  }
  const unsupported = [...periods.values()].filter((p) => !periodSupported(p.timePeriod, p.timeIdentifier));
  if (unsupported.length > 0) {
    warnings.push(
      `Periods the dashboard cannot place (it uses April–March reporting or financial years): ${unsupported
        .slice(0, 5)
        .map((p) => `${p.timePeriod} ${p.timeIdentifier}`)
        .join(', ')}${unsupported.length > 5 ? ' …' : ''}.`,
    );
  }
  const unknownList = unknown.list();
  if (unknownList.length > 0) {
    warnings.push(
      `${unknownList.length} area${unknownList.length === 1 ? ' is' : 's are'} not known to the dashboard and will be skipped: ${unknownList
        .slice(0, 5)
        .map((a) => `${a.name || a.code} (${a.code}, row ${a.row})`)
        .join(', ')}${unknownList.length > 5 ? ' …' : ''}.`,
    );
  }

  return {
    rowCount: table.records.length,
    columns,
    geographicLevels: [...levels].map(([level, rows]) => ({ level, rows, imported: STORED_LEVELS.has(level) })),
    periods: [...periods.values()]
      .map((p) => ({ ...p, supported: periodSupported(p.timePeriod, p.timeIdentifier) }))
      .sort((a, b) => b.timePeriod.localeCompare(a.timePeriod)),
    areas: { known: knownAreas.size, unknown: unknownList },
    workforceFile: isWorkforceFile(table.columns),
    sample: table.records.slice(0, SAMPLE_ROWS),
    warnings,
  };
}
