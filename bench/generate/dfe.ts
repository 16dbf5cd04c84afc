import type { Unit } from '../../shared/src/index';
import { Prng } from '../lib/prng';
import type { BenchArea, BenchAreas } from './areas';
import { DFE_YEARS, KPI_COUNT, MEASURES_PER_FILE } from './config';
import { csvText } from './csv';
import { DFE_UNITS, kpiUnit, measureCode } from './kpis';

/**
 * Generated DfE release files in the Explore Education Statistics "tidy CSV" layout of the real
 * files in data/reference/dfe/ (b1, c1, c4, d3 …): the same key columns in the same order,
 * one row per year and area (England, every region incl. Inner/Outer London, every local
 * authority), newest year first, a `category` column, then the measure columns. Counts are
 * whole numbers that add up (regions and England are sums of their authorities), percentages
 * and rates have one decimal place, and a few cells carry DfE's symbols (c, x, z, low) or are
 * empty, as in the real files.
 */

export interface DfeMeasureDef {
  /** The column heading in the file. */
  column: string;
  measureCode: string;
  unit: Unit;
  timing: 'yearToMarch' | 'at31March';
  base: number;
  trend: number;
}

export interface DfeMapping {
  measureCode: string;
  unit: Unit;
  numerator: string;
  timing: 'yearToMarch' | 'at31March';
}

export interface GeneratedDfeFile {
  fileName: string;
  sourceRelease: string;
  text: string;
  rows: number;
  measures: DfeMeasureDef[];
  /** What the benchmark import is told: each column as published, under its measure code. */
  mappings: DfeMapping[];
}

const DFE_UNIT_CYCLE: Unit[] = ['count', 'percent', 'rate_per_10k'];
/** The key columns of a DfE tidy CSV, before its measures: time, then geography. */
export const DFE_AREA_KEY_COLUMNS = [
  'time_period',
  'time_identifier',
  'geographic_level',
  'country_code',
  'country_name',
  'region_code',
  'region_name',
  'old_la_code',
  'new_la_code',
  'la_name',
] as const;
const KEY_COLUMNS = [...DFE_AREA_KEY_COLUMNS, 'category'];

/** The unit of the n-th generated measure: the KPI's own for the first 60 (so it can be its comparator). */
export function measureUnit(index: number): Unit {
  if (index < KPI_COUNT && DFE_UNITS.has(kpiUnit(index))) return kpiUnit(index);
  return DFE_UNIT_CYCLE[index % DFE_UNIT_CYCLE.length]!;
}

export function measureDefs(fileIndex: number): DfeMeasureDef[] {
  const prng = new Prng(`dfe-measures-${fileIndex}`);
  return Array.from({ length: MEASURES_PER_FILE }, (_, j) => {
    const index = fileIndex * MEASURES_PER_FILE + j;
    const unit = measureUnit(index);
    const code = measureCode(index);
    const suffix = unit === 'count' ? 'count' : unit === 'percent' ? 'percent' : 'rate_per_10000';
    return {
      column: `${code.replace('bench_', '')}_${suffix}`,
      measureCode: code,
      unit,
      timing: unit === 'rate_per_10k' ? 'at31March' : 'yearToMarch',
      base:
        unit === 'count' ? prng.between(30, 1500) : unit === 'percent' ? prng.between(8, 92) : prng.between(15, 500),
      trend: prng.between(-0.03, 0.03),
    };
  });
}

/** A cell for a local authority: mostly a number, sometimes a DfE symbol or empty. */
function symbolOrNull(prng: Prng): string | null {
  const r = prng.next();
  if (r < 0.004) return 'c';
  if (r < 0.008) return 'x';
  if (r < 0.01) return 'z';
  if (r < 0.012) return '';
  return null;
}

export function generateDfeFile(areas: BenchAreas, fileIndex: number): GeneratedDfeFile {
  const measures = measureDefs(fileIndex);
  const prng = new Prng(`dfe-file-${fileIndex}`);
  // Each authority's size (children's population relative to the average), fixed across files.
  const sizes = new Map(
    areas.authorities.map((a) => [a.code, Math.exp(new Prng(`size-${a.code}`).between(Math.log(0.25), Math.log(3)))]),
  );
  const tilt = new Map(areas.authorities.map((a) => [a.code, measures.map(() => prng.between(0.7, 1.3))]));
  const number = `${String(fileIndex + 1).padStart(2, '0')}`;
  const rows: (string | number)[][] = [[...KEY_COLUMNS, ...measures.map((m) => m.column)]];

  for (const year of DFE_YEARS) {
    const yearsFromLatest = DFE_YEARS[0]! - year;
    // Authority figures first (they are summed into regions and England), written after them.
    const laCells = new Map<string, (string | number)[]>();
    const laNumbers = new Map<string, (number | null)[]>();
    for (const la of areas.authorities) {
      const size = sizes.get(la.code)!;
      const cells: (string | number)[] = [];
      const numbers: (number | null)[] = [];
      measures.forEach((m, j) => {
        const level = m.base * tilt.get(la.code)![j]! * (1 + m.trend) ** -yearsFromLatest * (1 + 0.06 * prng.normal());
        let value: number;
        if (m.unit === 'count') value = Math.max(0, Math.round(level * size));
        else if (m.unit === 'percent') value = Math.min(100, Math.max(0, Math.round(level * 10) / 10));
        else value = Math.max(0, Math.round(level * 10) / 10);
        const symbol = symbolOrNull(prng);
        if (symbol !== null) {
          cells.push(symbol);
          numbers.push(null);
        } else if (m.unit === 'count' && value > 0 && value < 5) {
          cells.push('low');
          numbers.push(null);
        } else {
          cells.push(value);
          numbers.push(value);
        }
      });
      laCells.set(la.code, cells);
      laNumbers.set(la.code, numbers);
    }
    const aggregate = (members: BenchArea[]) =>
      measures.map((m, j) => {
        const values = members.map((la) => laNumbers.get(la.code)![j]).filter((v): v is number => v !== null);
        if (values.length === 0) return 'x';
        const sum = values.reduce((a, b) => a + b, 0);
        return m.unit === 'count' ? sum : Math.round((sum / values.length) * 10) / 10;
      });
    const key = (a: BenchArea) => [
      year,
      'Reporting year',
      a.level,
      'E92000001',
      'England',
      a.level === 'National' ? '' : a.regionCode,
      a.level === 'National' ? '' : a.regionName,
      a.level === 'Local authority' ? a.oldLaCode : '',
      a.level === 'Local authority' ? a.code : '',
      a.level === 'Local authority' ? a.name : '',
      `Benchmark release ${number}`,
    ];
    rows.push([...key(areas.england), ...aggregate(areas.authorities)]);
    for (const region of areas.regions) {
      // London (E12000007) is Inner + Outer London; the others are their authorities' region.
      const members = areas.authorities.filter((la) =>
        region.code === 'E12000007' ? la.regionCode.startsWith('E13') : la.regionCode === region.code,
      );
      rows.push([...key(region), ...aggregate(members)]);
    }
    for (const la of areas.authorities) rows.push([...key(la), ...laCells.get(la.code)!]);
  }

  return {
    fileName: `bench_release_${number}_2016_to_2025.csv`,
    sourceRelease: `Generated benchmark release ${number} (bench, seed ${fileIndex})`,
    text: csvText(rows),
    rows: rows.length - 1,
    measures,
    mappings: measures.map((m) => ({
      measureCode: m.measureCode,
      unit: m.unit,
      numerator: m.column,
      timing: m.timing,
    })),
  };
}
