import { indicatorDetailSchema, seriesResponseSchema } from '@kpi/shared';
import type { QueryClient } from '@tanstack/react-query';
import { preloadableLazy } from '../../lib/preloadableLazy';
import { getIndicatorQueryOptions, indicatorApiPath } from './api/getIndicator';
import { getIndicatorSeriesQueryOptions, indicatorSeriesPath } from './api/getIndicatorSeries';
import { parseIndicatorParams } from './seriesParams';

/** The KPI page, which carries the charting library: loaded only when a KPI is opened. */
export const LazyIndicatorPage = preloadableLazy(() => import('./routes/IndicatorPage'));

/**
 * The KPI page's code (the chart's chunk) starts loading at once, alongside the session check,
 * instead of after it; the route renders the same module, so it is fetched once. Resolves when it
 * has arrived, after which the page is drawn without suspending.
 */
export function primeIndicatorChunk(): Promise<void> {
  return LazyIndicatorPage.preload();
}

/**
 * Puts the KPI page's reads for this address in the cache under the query keys the page uses
 * (see IndicatorPage): the answers the server embedded in the HTML when there are, else the
 * reads started now, so they are in the cache (or on their way) when it is drawn.
 */
export function primeIndicatorData(
  queryClient: QueryClient,
  code: string,
  search: URLSearchParams,
  takeEmbedded: (url: string) => unknown = () => undefined,
): void {
  const state = parseIndicatorParams(search);
  const params = { view: state.view, from: state.from, to: state.to };
  const detail = getIndicatorQueryOptions(code);
  const embeddedDetail = indicatorDetailSchema.safeParse(takeEmbedded(indicatorApiPath(code)));
  if (embeddedDetail.success) queryClient.setQueryData(detail.queryKey, embeddedDetail.data);
  else void queryClient.prefetchQuery(detail);
  const series = getIndicatorSeriesQueryOptions(code, params);
  const embeddedSeries = seriesResponseSchema.safeParse(takeEmbedded(indicatorSeriesPath(code, params)));
  if (embeddedSeries.success) queryClient.setQueryData(series.queryKey, embeddedSeries.data);
  else void queryClient.prefetchQuery(series);
}
