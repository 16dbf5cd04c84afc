import { type IndicatorDetail, indicatorDetailSchema } from '@kpi/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';

export const indicatorKeys = {
  all: ['indicators'] as const,
  detail: (code: string) => [...indicatorKeys.all, code] as const,
};

/** A KPI's API address. */
export const indicatorApiPath = (code: string) => `/api/indicators/${encodeURIComponent(code)}`;

export function getIndicator(code: string, { signal }: { signal?: AbortSignal } = {}): Promise<IndicatorDetail> {
  return apiFetch(indicatorApiPath(code), indicatorDetailSchema, { signal });
}

export const getIndicatorQueryOptions = (code: string) =>
  queryOptions({
    queryKey: indicatorKeys.detail(code),
    queryFn: ({ signal }) => getIndicator(code, { signal }),
  });

export const useIndicator = (code: string) => useQuery(getIndicatorQueryOptions(code));
