import { parseCsvCells, parseSnList, TidyCsvError } from '@kpi/readers';
import { describe, expect, it } from 'vitest';
import { knownAreas } from './areaNames';
import { planSnModel } from './planSnModel';
import { BenchmarkPlanError } from './problems';

const areas = knownAreas([
  { code: 'E08000028', name: 'Sandwell', oldLaCode: '333' },
  { code: 'E08000027', name: 'Dudley', oldLaCode: '332' },
  { code: 'E08000030', name: 'Walsall', oldLaCode: '335' },
]);

const HEADER = 'old_la_code,la_name,SN_1,SN_1P,SN_2,SN_2P';

function plan(...rows: string[]) {
  return planSnModel(parseSnList(parseCsvCells([HEADER, ...rows].join('\n'))), areas);
}

describe('planSnModel', () => {
  it.each([
    {
      name: 'LA numbers are matched to areas, closest first',
      rows: ['333,Sandwell,332,Very close,335,Close'],
      neighbours: [
        { areaCode: 'E08000028', neighbourAreaCode: 'E08000027', rank: 1, closeness: 'Very close' },
        { areaCode: 'E08000028', neighbourAreaCode: 'E08000030', rank: 2, closeness: 'Close' },
      ],
      unknownSubjects: 0,
      unknownNeighbours: 0,
    },
    {
      name: 'GSS codes are matched by area code',
      rows: ['E08000028,Sandwell,E08000027,Very close,E08000030,Close'],
      neighbours: [
        { areaCode: 'E08000028', neighbourAreaCode: 'E08000027', rank: 1, closeness: 'Very close' },
        { areaCode: 'E08000028', neighbourAreaCode: 'E08000030', rank: 2, closeness: 'Close' },
      ],
      unknownSubjects: 0,
      unknownNeighbours: 0,
    },
    {
      name: 'unknown subjects and neighbours are skipped and reported',
      rows: ['333,Sandwell,332,Very close,999,Close', '998,Nowhere,333,Close,332,Close'],
      neighbours: [{ areaCode: 'E08000028', neighbourAreaCode: 'E08000027', rank: 1, closeness: 'Very close' }],
      unknownSubjects: 1,
      unknownNeighbours: 1,
    },
  ])('$name', ({ rows, neighbours, unknownSubjects, unknownNeighbours }) => {
    const result = plan(...rows);
    expect(result.neighbours).toEqual(neighbours);
    expect(result.unknownSubjects).toHaveLength(unknownSubjects);
    expect(result.unknownNeighbours).toHaveLength(unknownNeighbours);
  });

  it.each([
    {
      name: 'an authority listed twice',
      rows: ['333,Sandwell,332,Close,335,Close', '333,Sandwell,332,Close,335,Close'],
    },
    { name: 'a neighbour listed twice in one list', rows: ['333,Sandwell,332,Close,332,Close'] },
    { name: 'an authority as its own neighbour', rows: ['333,Sandwell,333,Close,332,Close'] },
  ])('refuses $name', ({ rows }) => {
    expect(() => plan(...rows)).toThrow(BenchmarkPlanError);
  });

  it('refuses a list with no authority the dashboard knows', () => {
    expect(() => plan('998,Nowhere,997,Close,996,Close')).toThrow(TidyCsvError);
  });
});
