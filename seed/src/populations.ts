import { parseDfeValue } from '@kpi/shared';
import type { AreaIndex } from './areas';
import type { CsvRow } from './files';
import type { PopulationSeed, SeedIssue } from './types';

export const ONS_POPULATION_RELEASE =
  'ONS mid-year population estimates, children aged 0 to 17 (mid-2012 to mid-2024 series, rebased after Census 2021), as used by DfE';

/** A population lookup: the ONS 0–17 estimate for an area at a mid-year, if there is one. */
export type PopulationLookup = (areaCode: string, year: number) => number | null;

/**
 * ONS 0–17 mid-year estimates for every area and year in the file. An `x` (no estimate, e.g. an
 * authority in a year after it was abolished) is skipped and counted, never stored as zero.
 */
export function loadPopulations(
  rows: CsvRow[],
  index: AreaIndex,
  issues: SeedIssue[],
): { populations: PopulationSeed[]; lookup: PopulationLookup } {
  const populations: PopulationSeed[] = [];
  const byKey = new Map<string, number>();
  const skipped: string[] = [];
  for (const row of rows) {
    const areaCode = index.areaOfRow(row);
    const year = Number.parseInt(row.time_period ?? '', 10);
    if (!areaCode) {
      skipped.push(`${row.la_name || row.region_name} ${row.time_period} (not an area)`);
      continue;
    }
    const { value, symbol } = parseDfeValue(row.population_estimate ?? '');
    if (value === null) {
      skipped.push(`${row.la_name || row.region_name || row.country_name} mid-${year} (${symbol ?? 'empty'})`);
      continue;
    }
    const key = `${areaCode}|${year}`;
    if (byKey.has(key)) {
      issues.push({
        kind: 'source_inconsistency',
        message: `Two ONS estimates for ${areaCode} mid-${year}; kept the first.`,
      });
      continue;
    }
    byKey.set(key, value);
    populations.push({ areaCode, year, ageGroup: '0-17', population: value, sourceRelease: ONS_POPULATION_RELEASE });
  }
  if (skipped.length > 0) {
    issues.push({
      kind: 'skipped_value',
      message: `${skipped.length} ONS population cells have no number and were not stored: ${skipped.join('; ')}.`,
    });
  }
  return { populations, lookup: (areaCode, year) => byKey.get(`${areaCode}|${year}`) ?? null };
}
