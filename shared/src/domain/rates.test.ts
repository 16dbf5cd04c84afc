import { describe, expect, it } from 'vitest';
import { populationYearFor, ratePer10k } from './rates';
import { roundToPrecision } from './rounding';

/**
 * Real figures copied from data/reference/dfe:
 * - cla_number_and_rate_per_10k_children.csv ("Children looked after on 31 March each year"):
 *   time_period, population_estimate, children_count, rate_per_10000
 * - ons_mid-year_population_estimates_2012_to_2024.csv ("Children aged 0 to 17 years").
 */
const ONS_MID_YEAR = {
  Sandwell: { 2020: 85255, 2021: 84907, 2022: 85920, 2023: 87056, 2024: 88593 },
  England: { 2020: 11787794, 2021: 11762878, 2022: 11901267, 2023: 12059476, 2024: 12183016 },
  'West Midlands': { 2020: 1292667, 2021: 1291956, 2022: 1307725, 2023: 1330520, 2024: 1351245 },
} as const;

const CLA_AT_31_MARCH = [
  // area, reporting year, population_estimate, children_count, rate_per_10000
  ['Sandwell', 2025, 88593, 816, 92],
  ['Sandwell', 2024, 87056, 808, 93],
  ['Sandwell', 2023, 85920, 796, 93],
  ['Sandwell', 2022, 84907, 840, 99],
  ['Sandwell', 2021, 85255, 879, 103],
  ['England', 2025, 12183016, 81770, 67],
  ['England', 2021, 11787794, 80780, 69],
  ['West Midlands', 2025, 1351245, 11560, 86],
] as const;

describe('ratePer10k', () => {
  it.each(CLA_AT_31_MARCH)('%s %i: %i children of %i → %i per 10,000', (area, year, population, count, published) => {
    // DfE used the ONS mid-year estimate that populationYearFor names…
    expect(ONS_MID_YEAR[area][populationYearFor(year) as keyof (typeof ONS_MID_YEAR)[typeof area]]).toBe(population);
    // …and published the rate to the nearest whole number.
    expect(roundToPrecision(ratePer10k(count, population), 0)).toBe(published);
  });

  it('is unrounded', () => {
    expect(ratePer10k(816, 88593)).toBeCloseTo(92.1066, 4);
    expect(ratePer10k(1, 3)).toBeCloseTo(3333.3333333, 6);
    expect(ratePer10k(0, 100)).toBe(0);
    expect(ratePer10k(588, 100_000)).toBe(58.8);
  });

  it.each([
    [1, 0],
    [1, -5],
    [-1, 100],
    [Number.NaN, 100],
    [1, Number.POSITIVE_INFINITY],
  ])('rejects count %s over population %s', (count, population) => {
    expect(() => ratePer10k(count, population)).toThrow(RangeError);
  });
});

describe('populationYearFor', () => {
  it.each([
    [2025, 2024],
    ['2025', 2024],
    [2021, 2020],
    ['202425', 2024],
    ['2024/25', 2024],
    ['2024-25', 2024],
    ['2025-03', 2024], // March 2025 is in 2024-25: mid-2024
    ['2024-04', 2024],
    ['2024-06', 2024],
    ['2024-07', 2024],
    ['2024-03', 2023],
  ])('%j uses the mid-%i estimate', (period, year) => {
    expect(populationYearFor(period)).toBe(year);
  });

  it('agrees between a month and the DfE year containing it', () => {
    expect(populationYearFor('2021-03')).toBe(populationYearFor(2021));
    expect(populationYearFor('2020-04')).toBe(populationYearFor('2020/21'));
  });

  it.each(['2024/26', '25', 'mid-2024', ''])('rejects %j', (bad) => {
    expect(() => populationYearFor(bad)).toThrow(/population year/);
  });
});
