import {
  areaOfTidyRow,
  isChildPopulationAgeGroup,
  TidyCellError,
  TidyCsvError,
  type TidyTable,
  tidyCell,
} from '@kpi/readers';
import type { SuppressionSymbol, UnknownArea } from '@kpi/shared';
import { areaName, type KnownAreas, LevelCounts, UnknownAreas } from './areaNames';
import { ProblemList } from './problems';

/**
 * ONS mid-year 0–17 population estimates in the tidy layout (time_period = the mid-year, one
 * `population_estimate` per area, `age_group` "Children aged 0 to 17 years") → the populations to
 * store (pure). A symbol (`x`: no estimate) is reported, never stored as zero; a cell that is not
 * a whole number, a year that is not a year, or two estimates for one area and year are refused.
 */

export interface PlannedPopulation {
  areaCode: string;
  year: number;
  population: number;
  row: number;
}

export interface PopulationPlan {
  populations: PlannedPopulation[];
  unknownAreas: UnknownArea[];
  otherLevels: Array<{ level: string; rows: number }>;
  otherAgeGroups: Array<{ ageGroup: string; rows: number }>;
  noEstimate: Array<{
    row: number;
    areaCode: string;
    areaName: string;
    year: number;
    symbol: SuppressionSymbol | null;
  }>;
}

export const POPULATION_COLUMNS = ['population_estimate', 'age_group'] as const;

export function planPopulations(table: TidyTable, areas: KnownAreas): PopulationPlan {
  const missing = POPULATION_COLUMNS.filter((c) => !table.columns.includes(c));
  if (missing.length > 0) {
    throw new TidyCsvError(
      'not_tidy',
      `The file is not an ONS population file in the tidy layout: it has no ${missing.join(' or ')} column. Use the ONS mid-year estimates of children aged 0 to 17 as DfE publishes them (ons_mid-year_population_estimates_… .csv).`,
      missing.map((c) => ({ path: 'file.columns', message: `No ${c} column` })),
    );
  }
  const problems = new ProblemList();
  const unknown = new UnknownAreas();
  const levels = new LevelCounts();
  const otherAges = new Map<string, number>();
  const noEstimate: PopulationPlan['noEstimate'] = [];
  const populations: PlannedPopulation[] = [];
  const seen = new Map<string, number>();

  table.records.forEach((row, index) => {
    const rowNumber = table.rowNumbers[index]!;
    const ageGroup = (row.age_group ?? '').trim();
    if (!isChildPopulationAgeGroup(ageGroup)) {
      otherAges.set(ageGroup, (otherAges.get(ageGroup) ?? 0) + 1);
      return;
    }
    const area = areaOfTidyRow(row, areas);
    if (area.kind === 'other_level') {
      levels.add(area.level);
      return;
    }
    const yearText = (row.time_period ?? '').trim();
    if (!/^\d{4}$/.test(yearText)) {
      problems.add(
        `file.row.${rowNumber}.time_period`,
        `Row ${rowNumber}: time_period ${JSON.stringify(yearText)} is not a year (the mid-year of the estimate, e.g. 2024)`,
      );
      return;
    }
    const year = Number(yearText);
    let cell: ReturnType<typeof tidyCell>;
    try {
      cell = tidyCell(row, 'population_estimate', rowNumber);
    } catch (error) {
      if (error instanceof TidyCellError) {
        problems.add(`file.row.${rowNumber}.population_estimate`, error.message);
        return;
      }
      throw error;
    }
    if (cell.value !== null && (!Number.isInteger(cell.value) || cell.value <= 0)) {
      problems.add(
        `file.row.${rowNumber}.population_estimate`,
        `Row ${rowNumber}, column population_estimate: ${cell.value} is not a population (a whole number above zero)`,
      );
      return;
    }
    if (area.kind === 'unknown') {
      unknown.addRowArea(rowNumber, area);
      return;
    }
    if (area.kind === 'joint') {
      // A population is never shared: a joint row says nothing about each authority.
      unknown.add(rowNumber, 'local_authority', row.old_la_code ?? '', area.label);
      return;
    }
    if (cell.value === null) {
      noEstimate.push({
        row: rowNumber,
        areaCode: area.areaCode,
        areaName: areaName(areas, area.areaCode),
        year,
        symbol: cell.symbol,
      });
      return;
    }
    const key = `${area.areaCode}|${year}`;
    const other = seen.get(key);
    if (other !== undefined) {
      problems.add(
        `file.row.${rowNumber}`,
        `Rows ${other} and ${rowNumber} both give the 0–17 population of ${areaName(areas, area.areaCode)} for mid-${year}`,
      );
      return;
    }
    seen.set(key, rowNumber);
    populations.push({ areaCode: area.areaCode, year, population: cell.value, row: rowNumber });
  });
  problems.throwIfAny('The population file cannot be imported');
  if (populations.length === 0) {
    throw new TidyCsvError(
      'file_empty',
      otherAges.size > 0
        ? `The file has no estimates for children aged 0 to 17 (its age groups are ${[...otherAges.keys()].map((a) => JSON.stringify(a)).join(', ')}).`
        : 'The file has no population estimates for areas the dashboard knows.',
    );
  }
  return {
    populations,
    unknownAreas: unknown.list(),
    otherLevels: levels.list(),
    otherAgeGroups: [...otherAges].map(([ageGroup, rows]) => ({ ageGroup, rows })),
    noEstimate,
  };
}
