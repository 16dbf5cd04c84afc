import { type DfeValue, ratePer10k, roundToPrecision, type Unit, withoutFloatNoise } from '@kpi/shared';
import type { DfeTiming } from './periods';
import { type CsvRow, tidyCell } from './tidyCsv';

/**
 * How a comparator measure is read from a file: one column, a sum of columns, a ratio of columns
 * (× 100 for a percentage, × 10,000 for a rate), or a count ÷ ONS 0–17 population × 10,000;
 * optionally only the rows where a column has a value (files with several categories).
 *
 * A rate or percentage also keeps the counts it stands on (the numerator and denominator), so
 * that the council's figure can be compared by its 95% confidence interval rather than by value:
 * a ratio's sums, a rate's count and population, or, for a rate or percentage DfE publishes
 * itself, the count columns named in `publishedCounts` (DfE's own figure is still the one stored).
 */
export interface DfeMeasureMapping {
  measureCode: string;
  unit: Unit;
  /** A column, or columns added together. */
  numerator?: string | string[] | undefined;
  /** A column, or columns added together (ICPC timeliness divides by the four duration bands). */
  denominator?: string | string[] | undefined;
  /** Multiplier of a ratio; by default 100 for a percentage, 10,000 for a rate, else 1. */
  scale?: 1 | 100 | 10000 | undefined;
  /** A count column: rate per 10,000 = count ÷ ONS 0–17 population of the right mid-year × 10,000. */
  rateFromCount?: string | undefined;
  /** Decimal places a computed figure is rounded to (default 1); a single column is stored as published. */
  decimals?: number | undefined;
  /**
   * For a published rate or percentage (`numerator` alone): the file's columns holding the counts
   * behind it, e.g. re-referrals: rereferral_count of referral_count; children in care per 10,000:
   * children_count of population_estimate.
   */
  publishedCounts?: { numerator: string; denominator: string } | undefined;
  filter?: { column: string; value: string } | undefined;
  timing?: DfeTiming | undefined;
}

export function numeratorColumns(mapping: DfeMeasureMapping): string[] {
  if (mapping.numerator === undefined) return [];
  return Array.isArray(mapping.numerator) ? mapping.numerator : [mapping.numerator];
}

export function denominatorColumns(mapping: DfeMeasureMapping): string[] {
  if (mapping.denominator === undefined) return [];
  return Array.isArray(mapping.denominator) ? mapping.denominator : [mapping.denominator];
}

/** Every column a mapping reads figures from. */
export function mappingColumns(mapping: DfeMeasureMapping): string[] {
  return [
    ...numeratorColumns(mapping),
    ...denominatorColumns(mapping),
    ...(mapping.rateFromCount ? [mapping.rateFromCount] : []),
    ...(mapping.publishedCounts ? [mapping.publishedCounts.numerator, mapping.publishedCounts.denominator] : []),
  ];
}

/** Whether the stored figure is computed from the file (sum, ratio, rate) rather than one published cell. */
export function isComputedMapping(mapping: DfeMeasureMapping): boolean {
  return (
    mapping.rateFromCount !== undefined ||
    mapping.denominator !== undefined ||
    numeratorColumns(mapping).length > 1 ||
    mapping.decimals !== undefined
  );
}

export function defaultScale(unit: Unit): 1 | 100 | 10000 {
  if (unit === 'percent') return 100;
  if (unit === 'rate_per_10k') return 10000;
  return 1;
}

/** In words, for the stored release: `(Duration_0-10_days + Duration_11-15_days) ÷ ICPC × 100, to 1 dp`. */
export function describeMapping(mapping: DfeMeasureMapping): string {
  const decimals = mapping.decimals ?? 1;
  if (mapping.rateFromCount) {
    return `${mapping.rateFromCount} ÷ ONS mid-year 0–17 estimate for the year's 30 June × 10,000, to ${decimals} dp`;
  }
  const nums = numeratorColumns(mapping);
  const top = nums.length > 1 ? `(${nums.join(' + ')})` : (nums[0] ?? '');
  if (!mapping.denominator) {
    const counts = mapping.publishedCounts
      ? ` (counts: ${mapping.publishedCounts.numerator} of ${mapping.publishedCounts.denominator})`
      : '';
    return `${mapping.decimals === undefined ? top : `${top}, to ${decimals} dp`}${counts}`;
  }
  const scale = mapping.scale ?? defaultScale(mapping.unit);
  const dens = denominatorColumns(mapping);
  const bottom = dens.length > 1 ? `(${dens.join(' + ')})` : (dens[0] ?? '');
  return `${top} ÷ ${bottom}${scale === 1 ? '' : ` × ${scale.toLocaleString('en-GB')}`}, to ${decimals} dp`;
}

/**
 * One area's figure with the counts behind it where it is a rate or percentage that has them
 * (null otherwise: a count, a sum, a published figure with no count columns, a suppressed count).
 */
export interface DfeFigure extends DfeValue {
  numerator: number | null;
  denominator: number | null;
}

const NO_COUNTS = { numerator: null, denominator: null } as const;

/** A figure computed from several cells: suppressed with the first symbol if any part is, empty if any part is. */
function combine(parts: DfeValue[], compute: (values: number[]) => number | null): DfeValue {
  const symbol = parts.find((p) => p.symbol !== null)?.symbol ?? null;
  if (symbol) return { value: null, symbol };
  if (parts.some((p) => p.value === null)) return { value: null, symbol: null };
  const value = compute(parts.map((p) => p.value as number));
  return value === null ? { value: null, symbol: 'z' } : { value, symbol: null };
}

export type MappingResult = DfeFigure | 'no_population';

/** Counts are whole, non-negative numbers: anything else (an FTE, a suppressed cell) gives none. */
function countsOf(numerator: DfeValue, denominator: DfeValue): Pick<DfeFigure, 'numerator' | 'denominator'> {
  const n = numerator.value;
  const d = denominator.value;
  if (n === null || d === null || !Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d <= 0) return NO_COUNTS;
  return { numerator: n, denominator: d };
}

/**
 * One row's figure for a mapping, with its counts (see `DfeFigure`). Suppression symbols stay
 * symbols (a sum or ratio with a suppressed part takes that part's symbol); an empty part gives no
 * figure; a ratio over zero is `z` (not applicable). `population` is the ONS 0–17 estimate the
 * row's rate uses (rates only).
 */
export function evaluateMapping(
  mapping: DfeMeasureMapping,
  row: CsvRow,
  rowNumber: number,
  population: number | null,
): MappingResult {
  const cell = (column: string) => tidyCell(row, column, rowNumber);
  const decimals = mapping.decimals ?? 1;
  if (mapping.rateFromCount) {
    const count = cell(mapping.rateFromCount);
    if (count.value === null) return { ...count, ...NO_COUNTS };
    if (population === null) return 'no_population';
    return {
      value: roundToPrecision(ratePer10k(count.value, population), decimals),
      symbol: null,
      ...countsOf(count, { value: population, symbol: null }),
    };
  }
  const nums = numeratorColumns(mapping).map(cell);
  if (mapping.denominator) {
    const scale = mapping.scale ?? defaultScale(mapping.unit);
    const dens = denominatorColumns(mapping).map(cell);
    const ratio = combine([...nums, ...dens], (values) => {
      const total = withoutFloatNoise(values.slice(nums.length).reduce((a, b) => a + b, 0));
      if (total === 0) return null;
      const sum = withoutFloatNoise(values.slice(0, nums.length).reduce((a, b) => a + b, 0));
      // Multiply before dividing so an exact half stays exact (6870 × 100 ÷ 8720).
      return roundToPrecision((sum * scale) / total, decimals);
    });
    if (ratio.value === null) return { ...ratio, ...NO_COUNTS };
    return { ...ratio, ...countsOf(combine(nums, sumOf), combine(dens, sumOf)) };
  }
  const figure =
    nums.length === 1 && mapping.decimals === undefined
      ? nums[0]!
      : combine(nums, (values) => {
          const sum = sumOf(values);
          return mapping.decimals === undefined ? sum : roundToPrecision(sum, decimals);
        });
  if (figure.value === null || !mapping.publishedCounts) return { ...figure, ...NO_COUNTS };
  return {
    ...figure,
    ...countsOf(cell(mapping.publishedCounts.numerator), cell(mapping.publishedCounts.denominator)),
  };
}

function sumOf(values: number[]): number {
  return withoutFloatNoise(values.reduce((a, b) => a + b, 0));
}

/** Does a row pass a mapping's filter? */
export function passesFilter(mapping: DfeMeasureMapping, row: CsvRow): boolean {
  if (!mapping.filter) return true;
  return (row[mapping.filter.column] ?? '').trim() === mapping.filter.value.trim();
}
