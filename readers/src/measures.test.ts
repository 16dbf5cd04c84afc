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
/** DfE's published re-referral percentage, with the counts behind it (table C1). */
const RE_REFERRALS: DfeMeasureMapping = {
  measureCode: 're_referral_pct',
  unit: 'percent',
  numerator: 'rereferral_percent',
  publishedCounts: { numerator: 'rereferral_count', denominator: 'referral_count' },
};
/** West Midlands 2017 in DfE's table C4 (counts rounded to the nearest 10). */
const WEST_MIDLANDS_2017 = {
  ICPC: '8730',
  'Duration_0-10_days': '1460',
  'Duration_11-15_days': '5410',
  'Duration_16-20_days': '840',
  'Duration_21+_days': '1010',
};

/** No counts behind the figure (a count, a sum, a published figure without count columns, a suppressed one). */
const NO_COUNTS = { numerator: null, denominator: null };

describe('evaluateMapping', () => {
  it('stores a single column as published', () => {
    const mapping: DfeMeasureMapping = { measureCode: 'icpc_count', unit: 'count', numerator: 'ICPC' };
    expect(evaluateMapping(mapping, WEST_MIDLANDS_2017, 2, null)).toEqual({ value: 8730, symbol: null, ...NO_COUNTS });
  });

  it('divides by the duration bands as DfE does: West Midlands 2017 is 78.8, not 78.7', () => {
    expect(evaluateMapping(ICPC_TIMELINESS, WEST_MIDLANDS_2017, 2, null)).toEqual({
      value: 78.8,
      symbol: null,
      numerator: 6870,
      denominator: 8720,
    });
  });

  it('a suppressed part suppresses the figure, an empty part gives none, a zero denominator is z', () => {
    expect(evaluateMapping(ICPC_TIMELINESS, { ...WEST_MIDLANDS_2017, 'Duration_21+_days': 'c' }, 2, null)).toEqual({
      value: null,
      symbol: 'c',
      ...NO_COUNTS,
    });
    expect(evaluateMapping(ICPC_TIMELINESS, { ...WEST_MIDLANDS_2017, 'Duration_16-20_days': '' }, 2, null)).toEqual({
      value: null,
      symbol: null,
      ...NO_COUNTS,
    });
    const zero = {
      'Duration_0-10_days': '0',
      'Duration_11-15_days': '0',
      'Duration_16-20_days': '0',
      'Duration_21+_days': '0',
    };
    expect(evaluateMapping(ICPC_TIMELINESS, zero, 2, null)).toEqual({ value: null, symbol: 'z', ...NO_COUNTS });
  });

  it('a rate from a count divides by the ONS 0–17 population, or says there is none', () => {
    const mapping: DfeMeasureMapping = { measureCode: 'icpc_rate', unit: 'rate_per_10k', rateFromCount: 'ICPC' };
    expect(evaluateMapping(mapping, { ICPC: '150' }, 2, 60_000)).toEqual({
      value: 25,
      symbol: null,
      numerator: 150,
      denominator: 60_000,
    });
    expect(evaluateMapping(mapping, { ICPC: '150' }, 2, null)).toBe('no_population');
    expect(evaluateMapping(mapping, { ICPC: 'x' }, 2, null)).toEqual({ value: null, symbol: 'x', ...NO_COUNTS });
  });

  it('adds columns without floating-point noise', () => {
    const mapping: DfeMeasureMapping = { measureCode: 'sum', unit: 'count', numerator: ['a', 'b'] };
    expect(evaluateMapping(mapping, { a: '0.1', b: '0.2' }, 2, null)).toEqual({
      value: 0.3,
      symbol: null,
      ...NO_COUNTS,
    });
  });

  // The counts behind a figure, so the council's own DfE figure can be compared by its 95% interval.
  const CHILDREN_IN_CARE_RATE: DfeMeasureMapping = {
    measureCode: 'children_in_care_rate',
    unit: 'rate_per_10k',
    numerator: 'rate_per_10000',
    publishedCounts: { numerator: 'children_count', denominator: 'population_estimate' },
  };
  it.each([
    // Sandwell 2022 in DfE's table C1: DfE's 19.2% is kept, with 857 re-referrals of 4,454.
    [
      'a published percentage keeps DfE’s figure and carries its named counts',
      RE_REFERRALS,
      { rereferral_percent: '19.2', rereferral_count: '857', referral_count: '4454' },
      null,
      { value: 19.2, symbol: null, numerator: 857, denominator: 4454 },
    ],
    [
      'a published rate carries its count and the file’s own population',
      CHILDREN_IN_CARE_RATE,
      { rate_per_10000: '71', children_count: '83840', population_estimate: '11886906' },
      null,
      { value: 71, symbol: null, numerator: 83_840, denominator: 11_886_906 },
    ],
    [
      'a suppressed count leaves the published figure with no counts',
      RE_REFERRALS,
      { rereferral_percent: '19.2', rereferral_count: 'c', referral_count: '4454' },
      null,
      { value: 19.2, symbol: null, ...NO_COUNTS },
    ],
    [
      'a suppressed figure carries no counts even where the counts are there',
      RE_REFERRALS,
      { rereferral_percent: 'c', rereferral_count: '857', referral_count: '4454' },
      null,
      { value: null, symbol: 'c', ...NO_COUNTS },
    ],
    [
      'counts that are not whole numbers (full-time equivalents) are no counts',
      { ...RE_REFERRALS, publishedCounts: { numerator: 'vacancy_fte', denominator: 'posts_fte' } },
      { rereferral_percent: '19.2', vacancy_fte: '10.5', posts_fte: '60.2' },
      null,
      { value: 19.2, symbol: null, ...NO_COUNTS },
    ],
    [
      'a zero denominator is no counts',
      RE_REFERRALS,
      { rereferral_percent: '0', rereferral_count: '0', referral_count: '0' },
      null,
      { value: 0, symbol: null, ...NO_COUNTS },
    ],
    // Sandwell's children on a plan at 31 March 2024 (table D5) over the ONS mid-2023 estimate.
    [
      'a rate from a count carries the count and the population',
      { measureCode: 'cp', unit: 'rate_per_10k', rateFromCount: 'CPP_At31' },
      { CPP_At31: '463' },
      87_056,
      { value: 53.2, symbol: null, numerator: 463, denominator: 87_056 },
    ],
    [
      'a ratio carries its sums',
      ICPC_TIMELINESS,
      WEST_MIDLANDS_2017,
      null,
      { value: 78.8, symbol: null, numerator: 6870, denominator: 8720 },
    ],
    [
      'a single published column without count columns carries none',
      { measureCode: 're_referral_pct', unit: 'percent', numerator: 'rereferral_percent' },
      { rereferral_percent: '19.2' },
      null,
      { value: 19.2, symbol: null, ...NO_COUNTS },
    ],
  ] as const)('%s', (_what, mapping, row, population, expected) => {
    expect(evaluateMapping(mapping as DfeMeasureMapping, row, 2, population)).toEqual(expected);
  });

  it('names the row and column of a count cell that is not a number', () => {
    expect(() =>
      evaluateMapping(
        RE_REFERRALS,
        { rereferral_percent: '19.2', rereferral_count: 'n/a', referral_count: '1' },
        5,
        null,
      ),
    ).toThrow(TidyCellError);
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
    expect(describeMapping(RE_REFERRALS)).toBe('rereferral_percent (counts: rereferral_count of referral_count)');
  });

  it('lists the columns read, and whether the figure is computed', () => {
    expect(mappingColumns({ measureCode: 'r', unit: 'rate_per_10k', rateFromCount: 'ICPC' })).toEqual(['ICPC']);
    expect(mappingColumns(ICPC_TIMELINESS)).toHaveLength(6);
    expect(isComputedMapping(ICPC_TIMELINESS)).toBe(true);
    expect(isComputedMapping({ measureCode: 'c', unit: 'count', numerator: 'ICPC' })).toBe(false);
    // Naming the counts behind a published figure reads them, but the figure stored is still DfE's own.
    expect(mappingColumns(RE_REFERRALS)).toEqual(['rereferral_percent', 'rereferral_count', 'referral_count']);
    expect(isComputedMapping(RE_REFERRALS)).toBe(false);
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
