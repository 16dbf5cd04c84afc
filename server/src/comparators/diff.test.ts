import { describe, expect, it } from 'vitest';
import { diffComparators, diffComparatorsYielding, sameFigure, type Wanted } from './diff';
import type { StoredComparator } from './importedFigureRepository';

const base = {
  measureCode: 'icpc_timeliness_pct',
  kind: 'area' as const,
  areaCode: 'E08000028',
  snModelId: null,
  contributingCount: null,
  unit: 'percent' as const,
  timePeriod: '202425',
  timeIdentifier: 'Reporting year',
  periodStart: '2024-04-01',
  periodEnd: '2025-03-31',
  source: 'dfe_release' as const,
  sourceRelease: 'DfE CIN 2025',
  sourceFile: 'c4.csv',
  numerator: null,
  denominator: null,
};

function wanted(
  key: string,
  value: number | null,
  symbol: Wanted['symbol'] = null,
  extra: Partial<Wanted> = {},
): Wanted {
  return { ...base, key, value, symbol, ...extra };
}

function stored(
  id: number,
  key: string,
  value: number | null,
  extra: Partial<StoredComparator> = {},
): StoredComparator {
  return { ...base, id, timePeriod: key, value, symbol: null, ...extra };
}

const keyOf = (row: StoredComparator) => row.timePeriod;

describe('sameFigure', () => {
  it.each([
    { a: { value: 1, symbol: null }, b: { value: 1, symbol: null }, same: true },
    { a: { value: 85.1, symbol: null }, b: { value: 85.1 + 1e-12, symbol: null }, same: true },
    { a: { value: 85.1, symbol: null }, b: { value: 85.2, symbol: null }, same: false },
    { a: { value: null, symbol: 'c' as const }, b: { value: null, symbol: 'c' as const }, same: true },
    { a: { value: null, symbol: 'c' as const }, b: { value: null, symbol: 'x' as const }, same: false },
    { a: { value: null, symbol: null }, b: { value: 0, symbol: null }, same: false },
  ])('$a and $b → $same', ({ a, b, same }) => {
    expect(sameFigure(a, b)).toBe(same);
  });
});

describe('diffComparators', () => {
  it.each([
    {
      name: 'a new figure is inserted',
      want: [wanted('2024', 80)],
      have: [],
      expected: { inserted: ['2024'], changed: [], unchanged: [], updates: 0, deletes: [] },
    },
    {
      name: 'the same figure from the same release is unchanged and not written',
      want: [wanted('2024', 80)],
      have: [stored(1, '2024', 80)],
      expected: { inserted: [], changed: [], unchanged: ['2024'], updates: 0, deletes: [] },
    },
    {
      name: 'the same figure named by another release is unchanged but updated',
      want: [wanted('2024', 80, null, { sourceRelease: 'DfE CIN 2026' })],
      have: [stored(1, '2024', 80)],
      expected: { inserted: [], changed: [], unchanged: ['2024'], updates: 1, deletes: [] },
    },
    {
      name: 'the same figure now with the counts behind it is unchanged but updated',
      want: [wanted('2024', 80, null, { numerator: 400, denominator: 500 })],
      have: [stored(1, '2024', 80)],
      expected: { inserted: [], changed: [], unchanged: ['2024'], updates: 1, deletes: [] },
    },
    {
      name: 'the same figure with the same counts is unchanged and not written',
      want: [wanted('2024', 80, null, { numerator: 400, denominator: 500 })],
      have: [stored(1, '2024', 80, { numerator: 400, denominator: 500 })],
      expected: { inserted: [], changed: [], unchanged: ['2024'], updates: 0, deletes: [] },
    },
    {
      name: 'a revised figure is changed and updated',
      want: [wanted('2024', 81)],
      have: [stored(1, '2024', 80)],
      expected: { inserted: [], changed: ['2024'], unchanged: [], updates: 1, deletes: [] },
    },
    {
      name: 'older duplicates of a key are deleted, the newest kept',
      want: [wanted('2024', 80)],
      have: [stored(1, '2024', 79), stored(2, '2024', 80)],
      expected: { inserted: [], changed: [], unchanged: ['2024'], updates: 0, deletes: [1] },
    },
  ])('$name', ({ want, have, expected }) => {
    const diff = diffComparators(want, have, keyOf);
    expect(diff.inserted).toEqual(expected.inserted);
    expect(diff.changed.map((c) => c.key)).toEqual(expected.changed);
    expect(diff.unchanged).toEqual(expected.unchanged);
    expect(diff.updates).toHaveLength(expected.updates);
    expect(diff.deletes).toEqual(expected.deletes);
    for (const update of diff.updates) {
      const w = want.find((x) => x.key === have.find((h) => h.id === update.id)!.timePeriod)!;
      expect({ numerator: update.numerator, denominator: update.denominator }).toEqual({
        numerator: w.numerator ?? null,
        denominator: w.denominator ?? null,
      });
    }
  });

  it('leaves figures the file does not have alone unless asked to remove them', () => {
    const have = [stored(1, '2023', 70)];
    expect(diffComparators([], have, keyOf)).toMatchObject({ missing: have, deletes: [] });
    expect(diffComparators([], have, keyOf, { removeMissing: true })).toMatchObject({ missing: have, deletes: [1] });
  });

  it('gives the same answer when it lets other requests in between slices (25,000 rows)', async () => {
    // Years 0–24,999: every third held with the same figure, every third with another, the rest new.
    const want = Array.from({ length: 25_000 }, (_, i) => wanted(String(i), i));
    const have = want.flatMap((w, i) => (i % 3 === 2 ? [] : [stored(i + 1, w.key, i % 3 === 0 ? i : i + 0.5)]));
    have.push(stored(99_999, 'only held', 1));
    const yielding = await diffComparatorsYielding(want, have, keyOf, { removeMissing: true });
    expect(yielding).toEqual(diffComparators(want, have, keyOf, { removeMissing: true }));
    expect([yielding.inserted.length, yielding.changed.length, yielding.unchanged.length]).toEqual([8333, 8333, 8334]);
    expect(yielding.deletes).toEqual([99_999]);
  });
});
