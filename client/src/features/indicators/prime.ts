import type { QueryClient } from '@tanstack/react-query';
import { getIndicatorQueryOptions } from './api/getIndicator';
import { getIndicatorSeriesQueryOptions } from './api/getIndicatorSeries';
import { parseIndicatorParams } from './seriesParams';

/**
 * The KPI page's code (the chart's chunk) starts loading at once, alongside the session check,
 * instead of after it; the same import the route's `lazy` makes, so it is fetched once.
 */
export function primeIndicatorChunk(): void {
  void import('./routes/IndicatorPage');
}

/**
 * Starts the KPI page's reads for this address under the query keys the page uses (see
 * IndicatorPage), so they are in the cache (or on their way) when it is drawn.
 */
export function primeIndicatorData(queryClient: QueryClient, code: string, search: URLSearchParams): void {
  const state = parseIndicatorParams(search);
  void queryClient.prefetchQuery(getIndicatorQueryOptions(code));
  void queryClient.prefetchQuery(
    getIndicatorSeriesQueryOptions(code, { view: state.view, from: state.from, to: state.to }),
  );
}
