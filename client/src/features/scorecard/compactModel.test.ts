import type { ComparatorComparison, ScorecardItem } from '@kpi/shared';
import { scorecardFixture } from '../../testing/scorecardFixtures';
import {
  comparisonTestFor,
  comparisonTestsSummary,
  DEFAULT_SORT,
  groupByTheme,
  judgementFor,
  nextSort,
  parseSort,
  sortItems,
  sortParam,
} from './compactModel';

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

describe('the comparator columns use the server’s comparison and say which test decided it', () => {
  const pi4 = items.find((i) => i.code === 'PI4')!;
  // 72.4% against 83.9% is "worse" by value; the server judged it by a wide interval instead.
  const byInterval: ComparatorComparison = {
    verdict: 'similar',
    phrase: 'similar to',
    basis: 'monthly',
    councilValue: 72.4,
    councilDisplayValue: '72.4%',
    councilLabel: 'Sandwell’s March 2021 figure',
    illustrative: false,
    sentence:
      'Sandwell’s March 2021 figure, 72.4%, is similar to the statistical neighbours’ average, 83.9% (2020/21).',
    test: 'confidence_interval',
    testNote: 'Compared by 95% confidence interval (Fingertips method)',
    councilInterval: { lower: 52.4, upper: 86.2 },
  };
  const withComparison: ScorecardItem = {
    ...pi4,
    comparators: pi4.comparators.map((c) =>
      c.line === 'statistical_neighbours' ? { ...c, comparison: byInterval } : c,
    ),
  };

  it('takes the server’s verdict and test where it sent one, else the value test', () => {
    expect(judgementFor(withComparison, 'statistical_neighbours')).toBe('similar');
    expect(comparisonTestFor(withComparison, 'statistical_neighbours')).toBe(
      'Compared by 95% confidence interval (Fingertips method)',
    );
    expect(judgementFor(pi4, 'statistical_neighbours')).toBe('worse');
    expect(comparisonTestFor(pi4, 'statistical_neighbours')).toBe(
      'Compared by value: no interval for this measure, so similar means within 5% of the comparator’s figure (the dashboard’s own rule)',
    );
  });

  it('sums up the tests used under the table', () => {
    expect(comparisonTestsSummary([withComparison])).toBe(
      'Better, worse or similar: by 95% confidence interval (Fingertips method) for 1 KPI; by value (no interval for this measure; within 5% is similar, the dashboard’s own rule) for 1 KPI.',
    );
    expect(comparisonTestsSummary([])).toBeNull();
  });
});
