import { type SeriesResponse, type SeriesView, seriesResponseSchema } from '@kpi/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { indicatorKeys } from './getIndicator';

export type SeriesParams = {
  view: SeriesView;
  /** Omitted: the server chooses (the 36 months to the latest figure). */
  from?: string | undefined;
  to?: string | undefined;
};

export const seriesKeys = {
  all: (code: string) => [...indicatorKeys.detail(code), 'series'] as const,
  range: (code: string, params: SeriesParams) =>
    [...seriesKeys.all(code), { view: params.view, from: params.from ?? null, to: params.to ?? null }] as const,
};

/** A KPI series' API address, its query in the order the server's preload writes it. */
export function indicatorSeriesPath(code: string, params: SeriesParams): string {
  const query = new URLSearchParams({ view: params.view });
  if (params.from) query.set('from', params.from);
  if (params.to) query.set('to', params.to);
  return `/api/indicators/${encodeURIComponent(code)}/series?${query}`;
}

export function getIndicatorSeries(
  code: string,
  params: SeriesParams,
  { signal }: { signal?: AbortSignal } = {},
): Promise<SeriesResponse> {
  return apiFetch(indicatorSeriesPath(code, params), seriesResponseSchema, { signal });
}

export const getIndicatorSeriesQueryOptions = (code: string, params: SeriesParams) =>
  queryOptions({
    queryKey: seriesKeys.range(code, params),
    queryFn: ({ signal }) => getIndicatorSeries(code, params, { signal }),
  });

/** Keeps the chart on screen while another view or range loads. */
export const useIndicatorSeries = (code: string, params: SeriesParams) =>
  useQuery({ ...getIndicatorSeriesQueryOptions(code, params), placeholderData: keepPreviousData });
