import type { DfeMeasureMapping } from '@kpi/readers';
import { readTidyCsv } from '@kpi/readers';
import { describe, expect, it } from 'vitest';
import { knownAreas } from './areaNames';
import { planDfeImport, valueKey } from './planDfeImport';
import { BenchmarkPlanError } from './problems';

const areas = knownAreas([
  { code: 'E92000001', name: 'England', oldLaCode: null },
  { code: 'E08000028', name: 'Sandwell', oldLaCode: '333' },
  { code: 'E08000027', name: 'Dudley', oldLaCode: '332' },
]);

const HEADER =
  'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,on_time,all_icpcs,children';
const ROWS = [
  '202425,Reporting year,National,E92000001,England,,,,,,700,1000,2000',
  '202425,Reporting year,Local authority,E92000001,England,E12000005,West Midlands,333,E08000028,Sandwell,85,100,400',
  '202425,Reporting year,Local authority,E92000001,England,E12000005,West Midlands,332,E08000027,Dudley,c,50,z',
  '202425,Reporting year,Local authority,E92000001,England,E12000005,West Midlands,999,E06009999,Nowhere,1,2,3',
];

const populations: Record<string, number> = { 'E08000028|2024': 80000 };

function plan(mappings: DfeMeasureMapping[], rows = ROWS) {
  return planDfeImport({
    table: readTidyCsv([HEADER, ...rows].join('\n')),
    fileName: 'c4.csv',
    sourceRelease: 'DfE CIN 2025',
    mappings,
    areas,
    population: (areaCode, year) => populations[`${areaCode}|${year}`] ?? null,
    knownMeasures: {},
    indicatorsByMeasure: new Map(),
  });
}

/** Each planned figure as `area: value or symbol`. */
function figures(result: ReturnType<typeof plan>) {
  return Object.fromEntries(result.values.map((v) => [v.areaCode, v.value ?? v.symbol]));
}

describe('planDfeImport', () => {
  it.each([
    {
      name: 'a column as published',
      mapping: { measureCode: 'icpc_count', unit: 'count', numerator: 'all_icpcs', timing: 'yearToMarch' },
      source: 'dfe_release',
      figures: { E92000001: 1000, E08000028: 100, E08000027: 50 },
    },
    {
      name: 'a ratio × 100, a suppressed part giving its symbol',
      mapping: {
        measureCode: 'icpc_timeliness_pct',
        unit: 'percent',
        numerator: 'on_time',
        denominator: 'all_icpcs',
        timing: 'yearToMarch',
      },
      source: 'computed',
      figures: { E92000001: 70, E08000028: 85, E08000027: 'c' },
    },
    {
      name: 'a rate from a count, only where a population is held',
      mapping: { measureCode: 'icpc_rate', unit: 'rate_per_10k', rateFromCount: 'all_icpcs', timing: 'yearToMarch' },
      source: 'computed',
      figures: { E08000028: 12.5 },
    },
  ] as Array<{ name: string; mapping: DfeMeasureMapping; source: string; figures: Record<string, unknown> }>)(
    '$name',
    ({ mapping, source, figures: expected }) => {
      const result = plan([mapping]);
      expect(result.measures.map((m) => m.source)).toEqual([source]);
      expect(figures(result)).toEqual(expected);
      expect(result.unknownAreas.map((a) => a.code)).toEqual(['999']);
    },
  );

  it.each([
    {
      name: 'a ratio carries its numerator and denominator',
      mapping: {
        measureCode: 'icpc_timeliness_pct',
        unit: 'percent',
        numerator: 'on_time',
        denominator: 'all_icpcs',
        timing: 'yearToMarch',
      },
      counts: { E92000001: [700, 1000], E08000028: [85, 100], E08000027: [null, null] },
    },
    {
      name: 'a rate from a count carries the count and the ONS population',
      mapping: { measureCode: 'icpc_rate', unit: 'rate_per_10k', rateFromCount: 'all_icpcs', timing: 'yearToMarch' },
      counts: { E08000028: [100, 80_000] },
    },
    {
      name: 'a published percentage carries the count columns it names',
      mapping: {
        measureCode: 'icpc_timeliness_pct',
        unit: 'percent',
        numerator: 'on_time',
        publishedCounts: { numerator: 'on_time', denominator: 'all_icpcs' },
        timing: 'yearToMarch',
      },
      counts: { E92000001: [700, 1000], E08000028: [85, 100], E08000027: [null, null] },
    },
  ] as Array<{ name: string; mapping: DfeMeasureMapping; counts: Record<string, unknown> }>)(
    '$name',
    ({ mapping, counts }) => {
      const result = plan([mapping]);
      expect(Object.fromEntries(result.values.map((v) => [v.areaCode, [v.numerator, v.denominator]]))).toEqual(counts);
    },
  );

  it('keys a figure by measure, area and period', () => {
    expect(
      valueKey({ measureCode: 'm', areaCode: 'E08000028', timePeriod: '202425', timeIdentifier: 'Reporting year' }),
    ).toBe('m|E08000028|202425|Reporting year');
  });

  it.each([
    {
      name: 'a column the file lacks, naming the nearest',
      mapping: { measureCode: 'icpc_count', unit: 'count', numerator: 'all_icpc', timing: 'yearToMarch' },
      message: /did you mean "all_icpcs"/,
    },
    {
      name: 'a key column as a figure',
      mapping: { measureCode: 'icpc_count', unit: 'count', numerator: 'la_name', timing: 'yearToMarch' },
      message: /is a time or geography column/,
    },
    {
      name: 'a count column the file lacks',
      mapping: {
        measureCode: 'icpc_timeliness_pct',
        unit: 'percent',
        numerator: 'on_time',
        publishedCounts: { numerator: 'on_time', denominator: 'all_icpc' },
        timing: 'yearToMarch',
      },
      message: /did you mean "all_icpcs"/,
    },
    {
      name: 'an unknown measure without a timing',
      mapping: { measureCode: 'icpc_count', unit: 'count', numerator: 'all_icpcs' },
      message: /The mappings do not fit the file/,
    },
  ] as Array<{ name: string; mapping: DfeMeasureMapping; message: RegExp }>)(
    'refuses $name',
    ({ mapping, message }) => {
      let error: unknown;
      try {
        plan([mapping]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BenchmarkPlanError);
      const problems = (error as BenchmarkPlanError).problems.map((p) => p.message).join('\n');
      expect(`${(error as Error).message}\n${problems}`).toMatch(message);
    },
  );

  it('refuses two rows for the same area and period', () => {
    expect(() =>
      plan(
        [{ measureCode: 'icpc_count', unit: 'count', numerator: 'all_icpcs', timing: 'yearToMarch' }],
        [ROWS[1]!, ROWS[1]!],
      ),
    ).toThrow(BenchmarkPlanError);
  });
});
