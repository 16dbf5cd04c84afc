import { isSupportedMonth, isValidMonth, type RagStatus, type ScorecardItem } from '@kpi/shared';

/** `?status=` on the scorecard: every KPI, reds only, or reds and ambers (the exceptions). */
export const STATUS_FILTERS = ['all', 'red', 'red-amber'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

const SHOWN: Record<StatusFilter, readonly RagStatus[] | null> = {
  all: null,
  red: ['red'],
  'red-amber': ['red', 'amber'],
};

export function parseStatusFilter(value: string | null): StatusFilter {
  return STATUS_FILTERS.find((filter) => filter === value) ?? 'all';
}

export function filterItems(items: readonly ScorecardItem[], filter: StatusFilter): ScorecardItem[] {
  const shown = SHOWN[filter];
  return shown ? items.filter((item) => shown.includes(item.current.status)) : [...items];
}

/**
 * `?month=`: a valid YYYY-MM inside the years the dashboard covers, or nothing (the latest month).
 * `invalid` says the address had one that is not a month; `outOfRange` names a real month outside
 * those years (2099-01), which the API would refuse: the latest month is shown for both, and
 * neither is ever asked for.
 */
export function parseMonthParam(value: string | null): {
  month: string | undefined;
  invalid: boolean;
  outOfRange?: string;
} {
  if (value === null || value === '') return { month: undefined, invalid: false };
  if (!isValidMonth(value)) return { month: undefined, invalid: true };
  if (!isSupportedMonth(value)) return { month: undefined, invalid: true, outOfRange: value };
  return { month: value, invalid: false };
}

/** `?view=`: the compact table (the default, no parameter) or the detailed cards. */
export const SCORECARD_VIEWS = ['compact', 'cards'] as const;
export type ScorecardView = (typeof SCORECARD_VIEWS)[number];

export function parseView(value: string | null): ScorecardView {
  return SCORECARD_VIEWS.find((view) => view === value) ?? 'compact';
}
