import { scorecardResponseSchema } from '@kpi/shared';
import type { QueryClient } from '@tanstack/react-query';
import { getScorecardQueryOptions, scorecardPath } from './api/getScorecard';
import { parseMonthParam } from './scorecardParams';

/**
 * Puts the scorecard for this address in the cache before the page is drawn, under the same
 * query key the page uses: the answer the server embedded in the HTML when there is one (no
 * request at all), else the read started now (the server's HTML has preloaded the same URL), so
 * the page finds it in the cache or on its way instead of asking after the session check.
 */
export function primeScorecard(
  queryClient: QueryClient,
  search: URLSearchParams,
  takeEmbedded: (url: string) => unknown = () => undefined,
): void {
  const { month } = parseMonthParam(search.get('month'));
  const options = getScorecardQueryOptions(month);
  const embedded = scorecardResponseSchema.safeParse(takeEmbedded(scorecardPath(month)));
  if (embedded.success) queryClient.setQueryData(options.queryKey, embedded.data);
  else void queryClient.prefetchQuery(options);
}
