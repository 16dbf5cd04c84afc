import { readTidyCsv } from '@kpi/readers';
import { describe, expect, it } from 'vitest';
import { knownAreas } from './areaNames';
import { previewDfeTable } from './previewDfe';

const areas = knownAreas([
  { code: 'E92000001', name: 'England', oldLaCode: null },
  { code: 'E08000028', name: 'Sandwell', oldLaCode: '333' },
]);

const HEADER =
  'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,all_icpcs';
const table = readTidyCsv(
  [
    HEADER,
    '202425,Reporting year,National,E92000001,England,,,,,,Total,1000',
    '202425,Reporting year,Local authority,E92000001,England,E12000005,West Midlands,333,E08000028,Sandwell,Total,c',
    '202324,Reporting year,Local authority,E92000001,England,E12000005,West Midlands,999,E06009999,Nowhere,Total,7',
    '202425,Reporting year,Local authority district,E92000001,England,,,,,,Total,3',
  ].join('\n'),
);
const preview = previewDfeTable(table, areas);

describe('previewDfeTable', () => {
  it.each([
    { column: 'time_period', role: 'key' },
    { column: 'category', role: 'category' },
    { column: 'all_icpcs', role: 'measure' },
  ])('$column is a $role column', ({ column, role }) => {
    expect(preview.columns.find((c) => c.name === column)?.role).toBe(role);
  });

  it('counts numbers and symbols in a measure column', () => {
    expect(preview.columns.find((c) => c.name === 'all_icpcs')).toMatchObject({ numbers: 3, symbols: { c: 1 } });
  });

  it('lists levels (stored or not), periods newest first, and known and unknown areas', () => {
    expect(preview.rowCount).toBe(4);
    expect(preview.geographicLevels).toContainEqual({ level: 'Local authority district', rows: 1, imported: false });
    expect(preview.geographicLevels).toContainEqual({ level: 'National', rows: 1, imported: true });
    expect(preview.periods.map((p) => p.timePeriod)).toEqual(['202425', '202324']);
    expect(preview.areas.known).toBe(2);
    expect(preview.areas.unknown.map((a) => a.code)).toEqual(['999']);
    expect(preview.workforceFile).toBe(false);
  });
});
