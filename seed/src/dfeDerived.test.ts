import path from 'node:path';
import { evaluateMapping } from '@kpi/readers';
import { describe, expect, it } from 'vitest';
import { DEMO_DFE_SOURCES, ROUNDED_COUNTS_NOTE } from './dfeComparators';
import { readCsv } from './files';

const REFERENCE = path.resolve(import.meta.dirname, '../../data/reference/dfe');

/**
 * Derived comparators are computed as DfE computes them. ICPC timeliness is not a column in
 * DfE's file; DfE's published percentage divides by the conferences in the duration bands.
 */
describe('derived DfE comparators', () => {
  const icpc = DEMO_DFE_SOURCES.find((s) => s.mapping.measureCode === 'icpc_timeliness_pct')!;
  const rows = readCsv(path.join(REFERENCE, 'c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv'));
  const row = (year: string, level: string, name: string) =>
    rows.find(
      (r) =>
        r.time_period === year &&
        r.geographic_level === level &&
        (r.la_name === name || (level !== 'Local authority' && (r.region_name || r.country_name) === name)),
    )!;

  it('divides by the duration bands (0–10, 11–15, 16–20, 21+): West Midlands 2017 is 78.8, as DfE publishes, not 78.7', () => {
    const wm = row('2017', 'Regional', 'West Midlands');
    expect(evaluateMapping(icpc.mapping, wm, 2, null)).toEqual({
      value: 78.8,
      symbol: null,
      numerator: 6870,
      denominator: 8720,
    });
    // Over the ICPC count (8,730, rounded to 10 separately) it would be 78.7.
    expect(Math.round((6870 / Number(wm.ICPC)) * 1000) / 10).toBe(78.7);
  });

  it('says it is derived from rounded counts, with the formula', () => {
    expect(icpc.release).toContain(
      '÷ (Duration_0-10_days + Duration_11-15_days + Duration_16-20_days + Duration_21+_days)',
    );
    expect(icpc.release).toContain(ROUNDED_COUNTS_NOTE);
    for (const source of DEMO_DFE_SOURCES.filter((s) => s.release.startsWith('Computed'))) {
      expect(source.release, source.mapping.measureCode).toContain(ROUNDED_COUNTS_NOTE);
    }
  });

  it('a suppressed band suppresses the figure (never read as zero)', () => {
    const base = row('2017', 'Regional', 'West Midlands');
    expect(evaluateMapping(icpc.mapping, { ...base, 'Duration_21+_days': 'c' }, 2, null)).toEqual({
      value: null,
      symbol: 'c',
      numerator: null,
      denominator: null,
    });
  });
});
