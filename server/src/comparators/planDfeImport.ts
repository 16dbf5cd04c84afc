import {
  areaOfTidyRow,
  type CsvRow,
  type DfeMeasureMapping,
  type DfeTiming,
  describeMapping,
  evaluateMapping,
  isComputedMapping,
  isWorkforceFile,
  mappingColumns,
  passesFilter,
  periodOfRow,
  TIDY_KEY_COLUMNS,
  TidyCellError,
  type TidyTable,
} from '@kpi/readers';
import type { UnknownArea } from '@kpi/shared';
import {
  type ComparatorSource,
  parseDfeValue,
  populationYearFor,
  type SuppressionSymbol,
  type Unit,
} from '@kpi/shared';
import { areaName, type KnownAreas, LevelCounts, UnknownAreas } from './areaNames';
import { closestColumn, ProblemList } from './problems';

/**
 * Turns a DfE tidy CSV and a person's mappings into the area figures to store (pure). Refuses —
 * with every problem's row and column — a mapping that names a column the file lacks, a filter
 * value no row has, a cell that is neither a number nor a suppression symbol, a period it cannot
 * place, or two rows giving the same area and period (a file with several categories needs a
 * filter). Rows for areas the product does not know are skipped and reported, never guessed.
 */

export interface KnownMeasure {
  unit: Unit;
  timing: DfeTiming;
}

export interface PlanDfeInput {
  table: TidyTable;
  fileName: string;
  sourceRelease: string;
  mappings: DfeMeasureMapping[];
  areas: KnownAreas;
  /** The ONS 0–17 estimate for an area and mid-year, if loaded. */
  population: (areaCode: string, year: number) => number | null;
  knownMeasures: Readonly<Record<string, KnownMeasure>>;
  /** Indicators whose comparator is each measure, with their units. */
  indicatorsByMeasure: ReadonlyMap<string, ReadonlyArray<{ code: string; unit: Unit }>>;
}

export interface PlannedValue {
  measureCode: string;
  unit: Unit;
  areaCode: string;
  timePeriod: string;
  timeIdentifier: string;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  symbol: SuppressionSymbol | null;
  /** The counts behind a rate or percentage, where the mapping gives them (see `DfeFigure`). */
  numerator: number | null;
  denominator: number | null;
  source: ComparatorSource;
  sourceRelease: string;
  sourceFile: string;
  row: number;
}

export interface PlannedMeasure {
  mapping: DfeMeasureMapping;
  measureCode: string;
  unit: Unit;
  source: ComparatorSource;
  timing: DfeTiming;
  reads: string;
  usedBy: string[];
}

export interface DfePlan {
  measures: PlannedMeasure[];
  values: PlannedValue[];
  unknownAreas: UnknownArea[];
  otherLevels: Array<{ level: string; rows: number }>;
  noPopulation: Array<{
    measureCode: string;
    areaCode: string;
    areaName: string;
    timePeriod: string;
    populationYear: number;
  }>;
  empty: number;
  notes: string[];
}

export function valueKey(v: { measureCode: string; areaCode: string; timePeriod: string; timeIdentifier: string }) {
  return `${v.measureCode}|${v.areaCode}|${v.timePeriod}|${v.timeIdentifier}`;
}

function columnProblem(column: string, columns: readonly string[]): string {
  if (TIDY_KEY_COLUMNS.has(column)) return `${column} is a time or geography column, not a figure`;
  const near = closestColumn(column, columns);
  return `The file has no column ${JSON.stringify(column)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`;
}

/** Checks each mapping against the file and what the product knows; every problem is listed. */
function checkMappings(input: PlanDfeInput, problems: ProblemList): PlannedMeasure[] {
  const { table, mappings, knownMeasures, indicatorsByMeasure } = input;
  const workforce = isWorkforceFile(table.columns);
  const seen = new Map<string, number>();
  const planned: PlannedMeasure[] = [];
  mappings.forEach((mapping, i) => {
    const at = `body.mappings.${i}`;
    const earlier = seen.get(mapping.measureCode);
    if (earlier !== undefined) {
      problems.add(`${at}.measureCode`, `${mapping.measureCode} is mapped twice (mappings ${earlier} and ${i})`);
    }
    seen.set(mapping.measureCode, i);
    const numerators = mapping.numerator === undefined ? [] : [mapping.numerator].flat();
    numerators.forEach((column, j) => {
      if (!table.columns.includes(column) || TIDY_KEY_COLUMNS.has(column)) {
        const path = Array.isArray(mapping.numerator) ? `${at}.numerator.${j}` : `${at}.numerator`;
        problems.add(path, columnProblem(column, table.columns));
      }
    });
    const denominators = mapping.denominator === undefined ? [] : [mapping.denominator].flat();
    denominators.forEach((column, j) => {
      if (!table.columns.includes(column) || TIDY_KEY_COLUMNS.has(column)) {
        const path = Array.isArray(mapping.denominator) ? `${at}.denominator.${j}` : `${at}.denominator`;
        problems.add(path, columnProblem(column, table.columns));
      }
    });
    const column = mapping.rateFromCount;
    if (column !== undefined && (!table.columns.includes(column) || TIDY_KEY_COLUMNS.has(column))) {
      problems.add(`${at}.rateFromCount`, columnProblem(column, table.columns));
    }
    for (const part of ['numerator', 'denominator'] as const) {
      const countColumn = mapping.publishedCounts?.[part];
      if (countColumn !== undefined && (!table.columns.includes(countColumn) || TIDY_KEY_COLUMNS.has(countColumn))) {
        problems.add(`${at}.publishedCounts.${part}`, columnProblem(countColumn, table.columns));
      }
    }
    if (mapping.filter) {
      const { column, value } = mapping.filter;
      if (!table.columns.includes(column)) {
        problems.add(`${at}.filter.column`, columnProblem(column, table.columns));
      } else {
        const values = new Set(table.records.map((r) => (r[column] ?? '').trim()));
        if (!values.has(value.trim())) {
          const list = [...values].slice(0, 10).map((v) => JSON.stringify(v));
          problems.add(
            `${at}.filter.value`,
            `No row has ${column} = ${JSON.stringify(value)}; the values are ${list.join(', ')}${values.size > 10 ? ' …' : ''}`,
          );
        }
      }
    }
    const known = knownMeasures[mapping.measureCode];
    if (known && known.unit !== mapping.unit) {
      problems.add(
        `${at}.unit`,
        `${mapping.measureCode} is a ${known.unit} measure, not ${mapping.unit}: check the measure code or the unit`,
      );
    }
    const users = indicatorsByMeasure.get(mapping.measureCode) ?? [];
    for (const indicator of users) {
      if (indicator.unit !== mapping.unit) {
        problems.add(
          `${at}.unit`,
          `${indicator.code} compares against ${mapping.measureCode} in ${indicator.unit}, so a ${mapping.unit} figure would never be shown`,
        );
      }
    }
    const timing = mapping.timing ?? known?.timing ?? (workforce ? 'workforceCensus' : null);
    if (!timing) {
      problems.add(
        `${at}.timing`,
        `Say when ${mapping.measureCode} applies: at31March (a position at 31 March), yearToMarch (events in the year to 31 March) or workforceCensus (30 September)`,
      );
    }
    const computed = isComputedMapping(mapping);
    planned.push({
      mapping,
      measureCode: mapping.measureCode,
      unit: mapping.unit,
      source: computed ? 'computed' : 'dfe_release',
      timing: timing ?? 'yearToMarch',
      reads: describeMapping(mapping),
      usedBy: users.map((u) => u.code),
    });
  });
  return planned;
}

function isFigure(cell: string | undefined): boolean {
  try {
    const parsed = parseDfeValue(cell ?? '');
    return parsed.value !== null || parsed.symbol !== null;
  } catch {
    return false;
  }
}

/** The text (category) columns in which two rows differ: the filter a person probably needs. */
function differingColumns(a: CsvRow, b: CsvRow, exclude: ReadonlySet<string>): string[] {
  return Object.keys(a).filter(
    (c) => !TIDY_KEY_COLUMNS.has(c) && !exclude.has(c) && a[c] !== b[c] && !isFigure(a[c]) && !isFigure(b[c]),
  );
}

export function planDfeImport(input: PlanDfeInput): DfePlan {
  const { table, fileName, sourceRelease, areas } = input;
  const problems = new ProblemList();
  const measures = checkMappings(input, problems);
  problems.throwIfAny('The mappings do not fit the file');

  const values: PlannedValue[] = [];
  const unknown = new UnknownAreas();
  const levels = new LevelCounts();
  const noPopulation: DfePlan['noPopulation'] = [];
  const notes: string[] = [];
  let empty = 0;
  const jointLabels = new Set<string>();

  // Where each row is, once: unknown areas and other levels are reported whatever the mappings read.
  const rowAreas = table.records.map((row, index) => {
    const area = areaOfTidyRow(row, areas);
    const rowNumber = table.rowNumbers[index]!;
    if (area.kind === 'other_level') levels.add(area.level);
    else if (area.kind === 'unknown') unknown.addRowArea(rowNumber, area);
    else if (area.kind === 'joint') {
      for (const n of area.unknownLaNumbers) unknown.add(rowNumber, 'local_authority', n, area.label);
    }
    return area;
  });

  for (const measure of measures) {
    const { mapping, timing } = measure;
    const release = measure.source === 'computed' ? `${sourceRelease} — computed: ${measure.reads}` : sourceRelease;
    const mapped = new Set(mappingColumns(mapping));
    /** Each key's row, so a second row for the same area and period is reported with both rows. */
    const rowOfKey = new Map<string, number>();
    const joint: Array<{ value: PlannedValue; label: string }> = [];
    table.records.forEach((row, index) => {
      const rowNumber = table.rowNumbers[index]!;
      const area = rowAreas[index]!;
      if (area.kind === 'other_level' || !passesFilter(mapping, row)) return;
      let period: ReturnType<typeof periodOfRow>;
      try {
        period = periodOfRow(row, rowNumber, timing);
      } catch (error) {
        problems.add(`file.row.${rowNumber}.time_period`, (error as Error).message);
        return;
      }
      const targets =
        area.kind === 'area' ? [area.areaCode] : area.kind === 'joint' ? area.areaCodes : ([] as string[]);
      // Cells are checked on every row the mapping reads, including rows that are then skipped.
      const populations = targets.map((code) =>
        mapping.rateFromCount ? input.population(code, populationYearFor(period.timePeriod)) : null,
      );
      let results: ReturnType<typeof evaluateMapping>[];
      try {
        results =
          targets.length === 0
            ? [evaluateMapping(mapping, row, rowNumber, null)]
            : targets.map((_, t) => evaluateMapping(mapping, row, rowNumber, populations[t] ?? null));
      } catch (error) {
        if (error instanceof TidyCellError) {
          problems.add(`file.row.${error.row}.${error.column}`, error.message);
          return;
        }
        throw error;
      }
      targets.forEach((areaCode, t) => {
        const result = results[t]!;
        if (result === 'no_population') {
          noPopulation.push({
            measureCode: mapping.measureCode,
            areaCode,
            areaName: areaName(areas, areaCode),
            timePeriod: period.timePeriod,
            populationYear: populationYearFor(period.timePeriod),
          });
          return;
        }
        if (result.value === null && result.symbol === null) {
          empty++;
          return;
        }
        const value: PlannedValue = {
          measureCode: mapping.measureCode,
          unit: mapping.unit,
          areaCode,
          ...period,
          value: result.value,
          symbol: result.symbol,
          numerator: result.numerator,
          denominator: result.denominator,
          source: measure.source,
          sourceRelease: release,
          sourceFile: fileName,
          row: rowNumber,
        };
        if (area.kind === 'joint') {
          joint.push({
            value: { ...value, sourceRelease: `${release} (joint return: ${area.label})` },
            label: area.label,
          });
          return;
        }
        const key = valueKey(value);
        const other = rowOfKey.get(key);
        if (other !== undefined) {
          const first = table.records[table.rowNumbers.indexOf(other)]!;
          const hint = differingColumns(first, row, mapped);
          problems.add(
            `file.row.${rowNumber}`,
            `Rows ${other} and ${rowNumber} both give ${mapping.measureCode} for ${areaName(areas, areaCode)} ${period.timePeriod}${
              hint.length > 0
                ? `: the file has several categories, so add a filter on ${hint.map((h) => JSON.stringify(h)).join(' or ')}`
                : ''
            }`,
          );
          return;
        }
        rowOfKey.set(key, rowNumber);
        values.push(value);
      });
    });
    // A joint return (e.g. Kingston upon Thames with Richmond upon Thames) fills in for each
    // authority it covers, unless the authority has its own row for the period.
    for (const { value, label } of joint) {
      const key = valueKey(value);
      if (rowOfKey.has(key)) continue;
      rowOfKey.set(key, value.row);
      values.push(value);
      jointLabels.add(label);
    }
  }
  problems.throwIfAny('The file cannot be imported with these mappings');
  if (jointLabels.size > 0) {
    notes.push(
      `Joint returns are stored against each authority they cover (the figure describes the joint service): ${[...jointLabels].join('; ')}.`,
    );
  }
  return {
    measures,
    values,
    unknownAreas: unknown.list(),
    otherLevels: levels.list(),
    noPopulation,
    empty,
    notes,
  };
}
