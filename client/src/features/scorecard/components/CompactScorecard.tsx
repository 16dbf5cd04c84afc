import { formatMonth, type ScorecardItem } from '@kpi/shared';
import type { ReactNode } from 'react';
import { THEME_LABELS } from '../../../components/kpiLabels';
import { groupByTheme, type SortKey, type SortOrder, sortItems } from '../compactModel';
import {
  ComparatorCell,
  DirectionCell,
  KpiCell,
  LatestCell,
  LinesCell,
  RatingCell,
  StreakCell,
  TrendCell,
} from './CompactScorecardCells';
import '../compactScorecard.css';

type Column = {
  /** Also the sort key, when the column can be sorted. */
  id: SortKey | 'lines' | 'trend';
  heading: ReactNode;
  className?: string;
  cell: (item: ScorecardItem, month: string) => ReactNode;
};

/*
 * The columns, in order. Each is one small cell component; a later column (SPC variation and
 * assurance, the API's comparator judgement) is one more entry here.
 */
const COLUMNS: readonly Column[] = [
  { id: 'kpi', heading: 'KPI', cell: (item, month) => <KpiCell key="kpi" item={item} month={month} /> },
  {
    id: 'latest',
    heading: 'Latest',
    className: 'numeric',
    cell: (item, month) => <LatestCell key="latest" item={item} month={month} />,
  },
  { id: 'rating', heading: 'Rating', cell: (item, month) => <RatingCell key="rating" item={item} month={month} /> },
  {
    id: 'lines',
    heading: 'Target / failure',
    cell: (item, month) => <LinesCell key="lines" item={item} month={month} />,
  },
  {
    id: 'streak',
    heading: 'Months in rating',
    cell: (item, month) => <StreakCell key="streak" item={item} month={month} />,
  },
  {
    id: 'direction',
    heading: 'On last month',
    cell: (item, month) => <DirectionCell key="direction" item={item} month={month} />,
  },
  {
    id: 'sn',
    heading: (
      <>
        <abbr title="Statistical neighbours">SN</abbr> average
      </>
    ),
    cell: (item, month) => (
      <ComparatorCell key="sn" item={item} month={month} line="statistical_neighbours" label="Statistical neighbours" />
    ),
  },
  {
    id: 'england',
    heading: 'England',
    cell: (item, month) => <ComparatorCell key="england" item={item} month={month} line="england" label="England" />,
  },
  { id: 'trend', heading: '13 months', cell: (item, month) => <TrendCell key="trend" item={item} month={month} /> },
];

const SORTABLE = new Set<string>(['kpi', 'latest', 'rating', 'streak', 'direction', 'sn', 'england']);

function SortButton({ column, order, onSort }: { column: Column; order: SortOrder; onSort: (key: SortKey) => void }) {
  const active = order.key === column.id;
  return (
    <button type="button" className="sort-button" onClick={() => onSort(column.id as SortKey)}>
      {column.heading}
      <span className="sort-button__icon" aria-hidden="true">
        {active ? (order.direction === 'ascending' ? '▲' : '▼') : '↕'}
      </span>
    </button>
  );
}

type CompactScorecardProps = {
  items: readonly ScorecardItem[];
  month: string;
  order: SortOrder;
  onSort?: (key: SortKey) => void;
  /** Grouped under theme headings (the default), or one list in the order asked for. */
  grouped: boolean;
  /** Replaces the visible caption, e.g. in the board pack. */
  caption?: string;
};

/**
 * Every KPI of the month on one row: an accessible table whose column headers are buttons that
 * sort (aria-sort says which and which way), grouped by theme in row-group headers. On a narrow
 * screen the same table reads as a list, rating and direction on each KPI's first line.
 */
export function CompactScorecard({ items, month, order, onSort, grouped, caption }: CompactScorecardProps) {
  const groups = grouped
    ? groupByTheme(items, order).map((group) => ({
        key: group.theme,
        label: THEME_LABELS[group.theme],
        items: group.items,
      }))
    : [{ key: 'all', label: null, items: sortItems(items, order) }];
  return (
    <table className="compact-scorecard">
      <caption className="compact-scorecard__caption">
        {caption ?? `KPIs for ${formatMonth(month)}, one row each`}
        {onSort && <span className="visually-hidden">; column headers are buttons that sort the table</span>}
      </caption>
      <thead>
        <tr>
          {COLUMNS.map((column) => {
            const sortable = onSort && SORTABLE.has(column.id);
            return (
              <th
                key={column.id}
                scope="col"
                className={`compact__head compact__head--${column.id}${column.className ? ` ${column.className}` : ''}`}
                aria-sort={sortable && order.key === column.id ? order.direction : undefined}
              >
                {sortable ? <SortButton column={column} order={order} onSort={onSort} /> : column.heading}
              </th>
            );
          })}
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody key={group.key} className="compact__group">
          {group.label && (
            <tr className="compact__theme">
              <th scope="colgroup" colSpan={COLUMNS.length}>
                {group.label}
              </th>
            </tr>
          )}
          {group.items.map((item) => (
            <tr key={item.code} className={`compact__row compact__row--${item.current.status}`} data-kpi={item.code}>
              {COLUMNS.map((column) => column.cell(item, month))}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
