import { type IndicatorListResponse, indicatorListResponseSchema } from '@kpi/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';

// Its own key: 'indicators' + a code is one indicator's detail.
export const indicatorListKey = ['indicator-list'] as const;

export function getIndicatorList({ signal }: { signal?: AbortSignal } = {}): Promise<IndicatorListResponse> {
  return apiFetch('/api/indicators', indicatorListResponseSchema, { signal });
}

export const useIndicatorList = () =>
  useQuery(queryOptions({ queryKey: indicatorListKey, queryFn: ({ signal }) => getIndicatorList({ signal }) }));
