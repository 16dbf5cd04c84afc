import { readTidyCsv, TidyCsvError } from '@kpi/readers';
import { describe, expect, it } from 'vitest';
import { knownAreas } from './areaNames';
import { planPopulations } from './planPopulations';
import { BenchmarkPlanError } from './problems';

const areas = knownAreas([
  { code: 'E92000001', name: 'England', oldLaCode: null },
  { code: 'E08000028', name: 'Sandwell', oldLaCode: '333' },
]);

const HEADER =
  'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,age_group,population_estimate';
const CHILDREN = 'Children aged 0 to 17 years';

function plan(...rows: string[]) {
  return planPopulations(readTidyCsv([HEADER, ...rows].join('\n')), areas);
}

describe('planPopulations', () => {
  it.each([
    {
      name: 'England and a known authority are stored',
      rows: [
        `2024,Calendar year,National,E92000001,England,,,,,,${CHILDREN},12183016`,
        `2024,Calendar year,Local authority,E92000001,England,E12000005,West Midlands,333,E08000028,Sandwell,${CHILDREN},88593`,
      ],
      populations: [
        { areaCode: 'E92000001', year: 2024, population: 12183016 },
        { areaCode: 'E08000028', year: 2024, population: 88593 },
      ],
      unknownAreas: 0,
      noEstimate: 0,
      otherAgeGroups: 0,
    },
    {
      name: 'an unknown authority is skipped and reported',
      rows: [
        `2024,Calendar year,National,E92000001,England,,,,,,${CHILDREN},12183016`,
        `2024,Calendar year,Local authority,E92000001,England,E12000005,West Midlands,999,E06009999,Nowhere,${CHILDREN},1000`,
      ],
      populations: [{ areaCode: 'E92000001', year: 2024, population: 12183016 }],
      unknownAreas: 1,
      noEstimate: 0,
      otherAgeGroups: 0,
    },
    {
      name: 'an x is reported as no estimate, never stored as zero; other age groups are counted',
      rows: [
        `2024,Calendar year,National,E92000001,England,,,,,,${CHILDREN},12183016`,
        `2024,Calendar year,Local authority,E92000001,England,E12000005,West Midlands,333,E08000028,Sandwell,${CHILDREN},x`,
        `2024,Calendar year,National,E92000001,England,,,,,,All ages,57000000`,
      ],
      populations: [{ areaCode: 'E92000001', year: 2024, population: 12183016 }],
      unknownAreas: 0,
      noEstimate: 1,
      otherAgeGroups: 1,
    },
  ])('$name', ({ rows, populations, unknownAreas, noEstimate, otherAgeGroups }) => {
    const result = plan(...rows);
    expect(result.populations.map(({ areaCode, year, population }) => ({ areaCode, year, population }))).toEqual(
      populations,
    );
    expect(result.unknownAreas).toHaveLength(unknownAreas);
    expect(result.noEstimate).toHaveLength(noEstimate);
    expect(result.otherAgeGroups).toHaveLength(otherAgeGroups);
  });

  it.each([
    { name: 'a year that is not a year', row: `mid-2024,Calendar year,National,E92000001,England,,,,,,${CHILDREN},1` },
    {
      name: 'a population that is not a whole number',
      row: `2024,Calendar year,National,E92000001,England,,,,,,${CHILDREN},1.5`,
    },
  ])('refuses $name', ({ row }) => {
    expect(() => plan(row)).toThrow(BenchmarkPlanError);
  });

  it('refuses two estimates for one area and year', () => {
    const row = `2024,Calendar year,National,E92000001,England,,,,,,${CHILDREN},12183016`;
    expect(() => plan(row, row)).toThrow(/both give the 0–17 population of England for mid-2024/);
  });

  it('refuses a file without the population columns', () => {
    const table = readTidyCsv('time_period,time_identifier,geographic_level\n2024,Calendar year,National');
    expect(() => planPopulations(table, areas)).toThrow(TidyCsvError);
  });
});
