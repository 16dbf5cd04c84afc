import { describe, expect, it } from 'vitest';
import {
  type DfeMeasureMapping,
  describeMapping,
  evaluateMapping,
  isComputedMapping,
  mappingColumns,
  passesFilter,
} from './measures';
import { TidyCellError } from './tidyCsv';

/** DfE's ICPC timeliness: the first two duration bands over all four. */
const ICPC_TIMELINESS: DfeMeasureMapping = {
  measureCode: 'icpc_timeliness_pct',
  unit: 'percent',
  numerator: ['Duration_0-10_days', 'Duration_11-15_days'],
  denominator: ['Duration_0-10_days', 'Duration_11-15_days', 'Duration_16-20_days', 'Duration_21+_days'],
  scale: 100,
};
/** West Midlands 2017 in DfE's table C4 (counts rounded to the nearest 10). */
const WEST_MIDLANDS_2017 = {
  ICPC: '8730',
  'Duration_0-10_days': '1460',
  'Duration_11-15_days': '5410',
  'Duration_16-20_days': '840',
  'Duration_21+_days': '1010',
};

describe('evaluateMapping', () => {
  it('stores a single column as published', () => {
    const mapping: DfeMeasureMapping = { measureCode: 'icpc_count', unit: 'count', numerator: 'ICPC' };
    expect(evaluateMapping(mapping, WEST_MIDLANDS_2017, 2, null)).toEqual({ value: 8730, symbol: null });
  });

  it('divides by the duration bands as DfE does: West Midlands 2017 is 78.8, not 78.7', () => {
    expect(evaluateMapping(ICPC_TIMELINESS, WEST_MIDLANDS_2017, 2, null)).toEqual({ value: 78.8, symbol: null });
  });

  it('a suppressed part suppresses the figure, an empty part gives none, a zero denominator is z', () => {
    expect(evaluateMapping(ICPC_TIMELINESS, { ...WEST_MIDLANDS_2017, 'Duration_21+_days': 'c' }, 2, null)).toEqual({
      value: null,
      symbol: 'c',
    });
    expect(evaluateMapping(ICPC_TIMELINESS, { ...WEST_MIDLANDS_2017, 'Duration_16-20_days': '' }, 2, null)).toEqual({
      value: null,
      symbol: null,
    });
    const zero = {
      'Duration_0-10_days': '0',
      'Duration_11-15_days': '0',
      'Duration_16-20_days': '0',
      'Duration_21+_days': '0',
    };
    expect(evaluateMapping(ICPC_TIMELINESS, zero, 2, null)).toEqual({ value: null, symbol: 'z' });
  });

  it('a rate from a count divides by the ONS 0–17 population, or says there is none', () => {
    const mapping: DfeMeasureMapping = { measureCode: 'icpc_rate', unit: 'rate_per_10k', rateFromCount: 'ICPC' };
    expect(evaluateMapping(mapping, { ICPC: '150' }, 2, 60_000)).toEqual({ value: 25, symbol: null });
    expect(evaluateMapping(mapping, { ICPC: '150' }, 2, null)).toBe('no_population');
    expect(evaluateMapping(mapping, { ICPC: 'x' }, 2, null)).toEqual({ value: null, symbol: 'x' });
  });

  it('adds columns without floating-point noise', () => {
    const mapping: DfeMeasureMapping = { measureCode: 'sum', unit: 'count', numerator: ['a', 'b'] };
    expect(evaluateMapping(mapping, { a: '0.1', b: '0.2' }, 2, null)).toEqual({ value: 0.3, symbol: null });
  });

  it('names the row and column of a cell that is not a number', () => {
    expect(() =>
      evaluateMapping(ICPC_TIMELINESS, { ...WEST_MIDLANDS_2017, 'Duration_0-10_days': 'n/a' }, 12, null),
    ).toThrow(TidyCellError);
  });
});

describe('mappings in words and columns', () => {
  it('describes a ratio, a rate from a count and a single column', () => {
    expect(describeMapping(ICPC_TIMELINESS)).toBe(
      '(Duration_0-10_days + Duration_11-15_days) ÷ (Duration_0-10_days + Duration_11-15_days + Duration_16-20_days + Duration_21+_days) × 100, to 1 dp',
    );
    expect(describeMapping({ measureCode: 'r', unit: 'rate_per_10k', rateFromCount: 'ICPC' })).toBe(
      "ICPC ÷ ONS mid-year 0–17 estimate for the year's 30 June × 10,000, to 1 dp",
    );
    expect(describeMapping({ measureCode: 'c', unit: 'count', numerator: 'ICPC' })).toBe('ICPC');
  });

  it('lists the columns read, and whether the figure is computed', () => {
    expect(mappingColumns({ measureCode: 'r', unit: 'rate_per_10k', rateFromCount: 'ICPC' })).toEqual(['ICPC']);
    expect(mappingColumns(ICPC_TIMELINESS)).toHaveLength(6);
    expect(isComputedMapping(ICPC_TIMELINESS)).toBe(true);
    expect(isComputedMapping({ measureCode: 'c', unit: 'count', numerator: 'ICPC' })).toBe(false);
  });

  it('filters rows on a column’s value, trimmed', () => {
    const mapping: DfeMeasureMapping = {
      measureCode: 'c',
      unit: 'count',
      numerator: 'number',
      filter: { column: 'population_count', value: 'Children looked after at 31 March each year' },
    };
    expect(passesFilter(mapping, { population_count: ' Children looked after at 31 March each year ' })).toBe(true);
    expect(passesFilter(mapping, { population_count: 'Children starting to be looked after each year' })).toBe(false);
    expect(passesFilter({ measureCode: 'c', unit: 'count', numerator: 'n' }, {})).toBe(true);
  });
});
