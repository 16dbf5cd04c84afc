import { formatMonth, type ScorecardItem } from '@kpi/shared';
import type { ReactNode } from 'react';
import { THEME_LABELS } from '../../../components/kpiLabels';
import { groupByTheme, type SortKey, type SortOrder, sortItems } from '../compactModel';
import {
  ComparatorCell,
  DirectionCell,
  FailureCell,
  KpiCell,
  LatestCell,
  RatingCell,
  StreakCell,
  TargetCell,
  TrendCell,
} from './CompactScorecardCells';
import { SpcGlyphsWithWords } from './SpcGlyphsWithWords';
import '../compactScorecard.css';

type Column = {
  /** Also the sort key, when the column can be sorted. */
  id: SortKey | 'target' | 'failure' | 'trend';
  heading: ReactNode | ((month: string) => ReactNode);
  className?: string;
  cell: (item: ScorecardItem, month: string, markIllustrative: boolean) => ReactNode;
};

/*
 * The columns, in order. Each is one small cell component; a later column (SPC variation and
 * assurance, the API's comparator judgement) is one more entry here.
 */
const COLUMNS: readonly Column[] = [
  { id: 'kpi', heading: 'KPI', cell: (item, month) => <KpiCell key="kpi" item={item} month={month} /> },
  {
    id: 'latest',
    heading: (month) => formatMonth(month, 'short'),
    className: 'numeric',
    cell: (item, month, markIllustrative) => (
      <LatestCell key="latest" item={item} month={month} markIllustrative={markIllustrative} />
    ),
  },
  { id: 'rating', heading: 'Rating', cell: (item, month) => <RatingCell key="rating" item={item} month={month} /> },
  { id: 'target', heading: 'Target', cell: (item, month) => <TargetCell key="target" item={item} month={month} /> },
  {
    id: 'failure',
    heading: 'Failure',
    cell: (item, month) => <FailureCell key="failure" item={item} month={month} />,
  },
  {
    id: 'streak',
    heading: (
      <>
        Months<span className="visually-hidden"> in this rating</span>
      </>
    ),
    cell: (item, month) => <StreakCell key="streak" item={item} month={month} />,
  },
  {
    id: 'direction',
    heading: 'Direction',
    cell: (item, month) => <DirectionCell key="direction" item={item} month={month} />,
  },
  {
    id: 'sn',
    heading: (
      <>
        <abbr title="Statistical neighbours' average">SN</abbr>
        <span className="visually-hidden"> average</span>
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
  {
    id: 'trend',
    heading: (
      <>
        Trend, <abbr title="Statistical process control: variation and assurance icons">SPC</abbr>
      </>
    ),
    cell: (item, month) => <TrendCell key="trend" item={item} month={month} spc={<SpcGlyphsWithWords item={item} />} />,
  },
];

const SORTABLE = new Set<string>(['kpi', 'latest', 'rating', 'streak', 'direction', 'sn', 'england']);

function headingOf(column: Column, month: string): ReactNode {
  return typeof column.heading === 'function' ? column.heading(month) : column.heading;
}

function SortButton({
  column,
  month,
  order,
  onSort,
}: {
  column: Column;
  month: string;
  order: SortOrder;
  onSort: (key: SortKey) => void;
}) {
  const active = order.key === column.id;
  return (
    <button type="button" className="sort-button" onClick={() => onSort(column.id as SortKey)}>
      {headingOf(column, month)}
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
  /** Each cell's detail in words under it, not only on hover. */
  detailsShown?: boolean;
  /** Replaces the visible caption, e.g. in the board pack. */
  caption?: string;
  /** Every KPI of the month is illustrative, and a notice beside the table says so for all. */
  allIllustrative?: boolean;
};

/**
 * Every KPI of the month on one row: an accessible table whose column headers are buttons that
 * sort (aria-sort says which and which way), grouped by theme in row-group headers. On a narrow
 * screen the same table reads as a list, rating and direction on each KPI's first line.
 */
export function CompactScorecard({
  items,
  month,
  order,
  onSort,
  grouped,
  detailsShown = false,
  caption,
  allIllustrative = false,
}: CompactScorecardProps) {
  const markIllustrative = !allIllustrative;
  const groups = grouped
    ? groupByTheme(items, order).map((group) => ({
        key: group.theme,
        label: THEME_LABELS[group.theme],
        items: group.items,
      }))
    : [{ key: 'all', label: null, items: sortItems(items, order) }];
  return (
    // Wider figures (a long band, "no consequence") scroll the table inside its frame, never the page.
    <div className="compact-scorecard__frame">
      <table className={detailsShown ? 'compact-scorecard compact-scorecard--details' : 'compact-scorecard'}>
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
                  {sortable ? (
                    <SortButton column={column} month={month} order={order} onSort={onSort} />
                  ) : (
                    headingOf(column, month)
                  )}
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
                {COLUMNS.map((column) => column.cell(item, month, markIllustrative))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
