import { type OverviewResponse, overviewResponseSchema } from '@kpi/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';

export const overviewKeys = {
  all: ['overview'] as const,
};

export function getOverview({ signal }: { signal?: AbortSignal } = {}): Promise<OverviewResponse> {
  return apiFetch('/api/overview', overviewResponseSchema, { signal });
}

export const getOverviewQueryOptions = () =>
  queryOptions({
    queryKey: overviewKeys.all,
    queryFn: ({ signal }) => getOverview({ signal }),
  });

export const useOverview = () => useQuery(getOverviewQueryOptions());
