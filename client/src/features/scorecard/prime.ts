import type { QueryClient } from '@tanstack/react-query';
import { getScorecardQueryOptions } from './api/getScorecard';
import { parseMonthParam } from './scorecardParams';

/**
 * Starts the scorecard's read for this address before the page is drawn, under the same query
 * key the page uses, so the page finds it in the cache (or on its way) instead of asking after
 * the session check. The server's HTML has already preloaded the same URL.
 */
export function primeScorecard(queryClient: QueryClient, search: URLSearchParams): void {
  const { month } = parseMonthParam(search.get('month'));
  void queryClient.prefetchQuery(getScorecardQueryOptions(month));
}
