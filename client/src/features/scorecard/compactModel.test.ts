import { scorecardFixture } from '../../testing/scorecardFixtures';
import { DEFAULT_SORT, groupByTheme, judgementFor, nextSort, parseSort, sortItems, sortParam } from './compactModel';

const items = scorecardFixture.items;

describe('compact scorecard order', () => {
  it.each([
    [null, DEFAULT_SORT],
    ['', DEFAULT_SORT],
    ['rating-desc', { key: 'rating', direction: 'descending' }],
    ['sn-asc', { key: 'sn', direction: 'ascending' }],
    ['england', { key: 'england', direction: 'ascending' }],
    ['colour-desc', DEFAULT_SORT],
  ] as const)('reads ?sort=%s', (value, order) => {
    expect(parseSort(value)).toEqual(order);
  });

  it('writes the order back, leaving the default out of the address', () => {
    expect(sortParam(DEFAULT_SORT)).toBeNull();
    expect(sortParam({ key: 'rating', direction: 'descending' })).toBe('rating-desc');
    expect(parseSort(sortParam({ key: 'streak', direction: 'ascending' }))).toEqual({
      key: 'streak',
      direction: 'ascending',
    });
  });

  it('puts the worst first on a new column and reverses on the same one', () => {
    expect(nextSort(DEFAULT_SORT, 'rating')).toEqual({ key: 'rating', direction: 'descending' });
    expect(nextSort({ key: 'rating', direction: 'descending' }, 'rating')).toEqual({
      key: 'rating',
      direction: 'ascending',
    });
    expect(nextSort({ key: 'rating', direction: 'descending' }, 'kpi')).toEqual(DEFAULT_SORT);
  });

  it('keeps the contract order by default and never changes its input', () => {
    const before = items.map((i) => i.code);
    expect(sortItems(items, DEFAULT_SORT).map((i) => i.code)).toEqual(before);
    sortItems(items, { key: 'rating', direction: 'descending' });
    expect(items.map((i) => i.code)).toEqual(before);
  });

  it('sorts reds first, persistent failures before other reds, and ties in contract order', () => {
    const sorted = sortItems(items, { key: 'rating', direction: 'descending' });
    const statuses = sorted.map((i) => i.current.status);
    const rank = { red: 3, amber: 2, green: 1, no_data: 0 };
    for (let i = 1; i < statuses.length; i++) expect(rank[statuses[i - 1]!]).toBeGreaterThanOrEqual(rank[statuses[i]!]);
    expect(sorted[0]?.streak.persistentFailure).toBe(true);
  });

  it('groups by theme in the fixed theme order, leaving out empty themes', () => {
    const groups = groupByTheme(items, DEFAULT_SORT);
    expect(groups.map((g) => g.theme)).toEqual([
      'front_door',
      'child_protection',
      'children_in_care',
      'workforce',
      'other',
    ]);
    expect(groups.flatMap((g) => g.items)).toHaveLength(items.length);
  });

  it('judges the KPI against a comparator from the figures and polarity', () => {
    const pi4 = items.find((i) => i.code === 'PI4')!;
    expect(judgementFor(pi4, 'statistical_neighbours')).toBe('worse');
    // The West Midlands figure is suppressed: not compared, never treated as zero.
    expect(judgementFor(pi4, 'region')).toBe('not_compared');
  });
});
