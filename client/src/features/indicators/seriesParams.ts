import {
  COMPARATOR_LINES,
  type ComparatorLine,
  isSupportedMonth,
  isValidMonth,
  type SeriesView,
  seriesViewSchema,
} from '@kpi/shared';
import { LINE_PARAMS } from '../../components/kpiLabels';

export type Display = 'chart' | 'table';

export type IndicatorViewState = {
  view: SeriesView;
  from: string | undefined;
  to: string | undefined;
  lines: ComparatorLine[];
  display: Display;
  /**
   * What the address asked for that is not shown, so the page can say so: a month outside the
   * years the dashboard covers (dropped, as a garbled one is), or a range the wrong way round
   * (its first month dropped).
   */
  ignored: { outOfRange: { from?: string; to?: string }; reversed: { from: string; to: string } | null };
};

/**
 * The KPI page's state from its address:
 * `?view=monthly|rolling12|fytd&from=YYYY-MM&to=YYYY-MM&comparators=sn,region,england|none&display=chart|table`.
 * Anything missing or not understood falls back to the default (monthly, the server's range, all
 * comparators, chart).
 */
export function parseIndicatorParams(params: URLSearchParams): IndicatorViewState {
  const view = seriesViewSchema.safeParse(params.get('view'));
  const from = params.get('from');
  const to = params.get('to');
  const comparators = params.get('comparators');
  let lines: ComparatorLine[] = [...COMPARATOR_LINES];
  if (comparators !== null) {
    const wanted = comparators.split(',');
    lines = COMPARATOR_LINES.filter((line) => wanted.includes(LINE_PARAMS[line]));
  }
  const inRange = (month: string | null) => isValidMonth(month) && isSupportedMonth(month);
  const validFrom = inRange(from) ? (from as string) : undefined;
  const validTo = inRange(to) ? (to as string) : undefined;
  const outOfRange: { from?: string; to?: string } = {};
  if (isValidMonth(from) && !validFrom) outOfRange.from = from;
  if (isValidMonth(to) && !validTo) outOfRange.to = to;
  const reversed = validFrom && validTo && validFrom > validTo ? { from: validFrom, to: validTo } : null;
  return {
    view: view.success ? view.data : 'monthly',
    // A range the wrong way round is ignored rather than sent.
    from: validFrom && validTo && validFrom > validTo ? undefined : validFrom,
    to: validTo,
    lines,
    display: params.get('display') === 'table' ? 'table' : 'chart',
    ignored: { outOfRange, reversed },
  };
}

/** `comparators=` for a choice of lines; null (the default, all three) leaves it out of the address. */
export function comparatorsParam(lines: readonly ComparatorLine[]): string | null {
  if (lines.length === COMPARATOR_LINES.length) return null;
  if (lines.length === 0) return 'none';
  return lines.map((line) => LINE_PARAMS[line]).join(',');
}
