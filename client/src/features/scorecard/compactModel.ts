import {
  COMPARISON_TEST_NOTES,
  type ComparatorLine,
  type ComparatorPoint,
  type ComparisonJudgement,
  type ComparisonTest,
  comparisonJudgement,
  type RagStatus,
  type ScorecardItem,
  THEMES,
  type Theme,
} from '@kpi/shared';

/**
 * What the compact scorecard sorts and groups by. Kept apart from the components so the order of
 * rows is tested on its own, and so columns added later (SPC, monitored indicators) sort the same way.
 */
export const SORT_KEYS = ['kpi', 'latest', 'rating', 'streak', 'direction', 'sn', 'england'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  key: SortKey;
  direction: SortDirection;
}

/** The contract's order (as the API lists KPIs) is the default: no sort parameter in the address. */
export const DEFAULT_SORT: SortOrder = { key: 'kpi', direction: 'ascending' };

export function parseSort(value: string | null): SortOrder {
  if (!value) return DEFAULT_SORT;
  const [key, direction] = value.split('-');
  const sortKey = SORT_KEYS.find((k) => k === key);
  if (!sortKey) return DEFAULT_SORT;
  return { key: sortKey, direction: direction === 'desc' ? 'descending' : 'ascending' };
}

export function sortParam(order: SortOrder): string | null {
  if (order.key === DEFAULT_SORT.key && order.direction === DEFAULT_SORT.direction) return null;
  return `${order.key}-${order.direction === 'descending' ? 'desc' : 'asc'}`;
}

/** Clicking a column's button: a new column starts with the order that puts the worst first. */
export function nextSort(current: SortOrder, key: SortKey): SortOrder {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: key === 'kpi' || key === 'latest' ? 'ascending' : 'descending' };
}

/** Red is the most severe, then amber, green, and no data (nothing to act on). */
const RATING_SEVERITY: Record<RagStatus, number> = { red: 3, amber: 2, green: 1, no_data: 0 };

/** Worse ranks above similar, better and higher/lower; not compared last. */
const JUDGEMENT_SEVERITY: Record<ComparisonJudgement, number> = {
  worse: 3,
  similar: 2,
  higher: 1.5,
  lower: 1.5,
  better: 1,
  not_compared: 0,
};

const DIRECTION_SEVERITY: Record<ScorecardItem['direction']['previousMonth']['direction'], number> = {
  worsening: 3,
  increasing: 2,
  decreasing: 2,
  no_change: 1.5,
  improving: 1,
  not_available: 0,
};

export function comparatorFor(item: ScorecardItem, line: ComparatorLine): ComparatorPoint | null {
  return item.comparators.find((c) => c.line === line) ?? null;
}

/**
 * Better/worse/similar against one comparator line: the server's comparison (the shared rule, by
 * the council's 95% confidence interval where its figure has one), or the same rule by value when
 * the API sent none without saying why not.
 */
export function judgementFor(item: ScorecardItem, line: ComparatorLine): ComparisonJudgement {
  const comparator = comparatorFor(item, line);
  if (comparator?.comparison) return comparator.comparison.verdict;
  // The server said why not (another definition than DfE's): never judged by value instead.
  if (comparator?.notCompared) return 'not_compared';
  return comparisonJudgement(
    item.current.symbol ? null : item.current.value,
    comparator?.value ?? null,
    item.polarity,
    item.precision,
  );
}

/** Which test decided a comparator's judgement, in words. */
export function comparisonTestFor(item: ScorecardItem, line: ComparatorLine): string {
  const comparator = comparatorFor(item, line);
  return comparator?.comparison?.testNote ?? COMPARISON_TEST_NOTES.value;
}

/** How each test reads inside the note under the table. */
const TEST_IN_SUMMARY: Record<ComparisonTest, string> = {
  confidence_interval: 'by 95% confidence interval (Fingertips method)',
  value: 'by value (no interval for this measure; within 5% is similar, the dashboard’s own rule)',
};

/**
 * Which tests decided the comparator columns, for a note under the table: "Better, worse or
 * similar: by 95% confidence interval (Fingertips method) for 2 KPIs; by value (no interval for
 * this measure) for 8 KPIs." Null when nothing was compared.
 */
export function comparisonTestsSummary(items: ScorecardItem[]): string | null {
  const counts = new Map<ComparisonTest, number>();
  for (const item of items) {
    const tests = (['statistical_neighbours', 'england'] as const)
      .filter((line) => judgementFor(item, line) !== 'not_compared')
      .map((line) => comparatorFor(item, line)?.comparison?.test ?? 'value');
    // One KPI counts once per test, however many of its comparators that test decided.
    for (const test of new Set(tests)) counts.set(test, (counts.get(test) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const parts = [...counts].map(([test, n]) => `${TEST_IN_SUMMARY[test]} for ${n} KPI${n === 1 ? '' : 's'}`);
  return `Better, worse or similar: ${parts.join('; ')}.`;
}

/** Severity value of a column: higher means "needs attention more". */
function sortValue(item: ScorecardItem, key: SortKey, position: number): number {
  switch (key) {
    case 'kpi':
      return position;
    case 'latest':
      return item.current.value ?? Number.NEGATIVE_INFINITY;
    case 'rating':
      return (
        RATING_SEVERITY[item.current.status] * 1000 + (item.streak.persistentFailure ? 500 : 0) + item.streak.months
      );
    case 'streak':
      return (
        (item.streak.persistentFailure ? 1000 : 0) +
        RATING_SEVERITY[item.streak.status ?? 'no_data'] * 100 +
        item.streak.months
      );
    case 'direction':
      return DIRECTION_SEVERITY[item.direction.previousMonth.direction];
    case 'sn':
      return JUDGEMENT_SEVERITY[judgementFor(item, 'statistical_neighbours')];
    case 'england':
      return JUDGEMENT_SEVERITY[judgementFor(item, 'england')];
  }
}

/** A new array in the order asked for; ties keep the contract's order (a stable sort). */
export function sortItems(items: readonly ScorecardItem[], order: SortOrder): ScorecardItem[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  return items
    .map((item, position) => ({ item, position, value: sortValue(item, order.key, position) }))
    .sort((a, b) => (a.value === b.value ? a.position - b.position : (a.value - b.value) * sign))
    .map(({ item }) => item);
}

export interface ThemeGroup {
  theme: Theme;
  items: ScorecardItem[];
}

/** Themes in their fixed order, empty ones left out, each sorted as asked. */
export function groupByTheme(items: readonly ScorecardItem[], order: SortOrder): ThemeGroup[] {
  return THEMES.map((theme) => ({
    theme,
    items: sortItems(
      items.filter((item) => item.theme === theme),
      order,
    ),
  })).filter((group) => group.items.length > 0);
}
