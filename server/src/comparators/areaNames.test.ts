import { describe, expect, it } from 'vitest';
import { areaName, knownAreas, LevelCounts, UnknownAreas } from './areaNames';

const areas = knownAreas([
  { code: 'E92000001', name: 'England', oldLaCode: null },
  { code: 'E08000028', name: 'Sandwell', oldLaCode: '333' },
]);

describe('knownAreas', () => {
  it.each([
    { lookup: 'byCode', key: 'E08000028', found: 'E08000028' },
    { lookup: 'byOldLaCode', key: '333', found: 'E08000028' },
    { lookup: 'byOldLaCode', key: '999', found: undefined },
    { lookup: 'byCode', key: 'E06009999', found: undefined },
  ] as const)('$lookup $key → $found', ({ lookup, key, found }) => {
    expect(areas[lookup].get(key)).toBe(found);
  });

  it.each([
    { code: 'E08000028', name: 'Sandwell' },
    { code: 'E06009999', name: 'E06009999' },
  ])('names $code as $name', ({ code, name }) => {
    expect(areaName(areas, code)).toBe(name);
  });
});

describe('UnknownAreas and LevelCounts', () => {
  it('keeps one entry per unknown area, with its first row and row count, in row order', () => {
    const unknown = new UnknownAreas();
    unknown.add(9, 'local_authority', '999', 'Nowhere');
    unknown.add(4, 'region', 'E12000099', 'Elsewhere');
    unknown.add(12, 'local_authority', '999', 'Nowhere');
    expect(unknown.list()).toEqual([
      { row: 4, rows: 1, level: 'region', code: 'E12000099', name: 'Elsewhere' },
      { row: 9, rows: 2, level: 'local_authority', code: '999', name: 'Nowhere' },
    ]);
  });

  it('counts rows by level', () => {
    const levels = new LevelCounts();
    for (const level of ['Local authority district', 'Ward', 'Local authority district']) levels.add(level);
    expect(levels.list()).toEqual([
      { level: 'Local authority district', rows: 2 },
      { level: 'Ward', rows: 1 },
    ]);
  });
});
