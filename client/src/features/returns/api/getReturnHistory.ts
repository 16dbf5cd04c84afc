import { type ReturnHistoryResponse, returnHistoryResponseSchema } from '@kpi/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { returnKeys } from './returnKeys';

export function getReturnHistory(
  kpi: string,
  month: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<ReturnHistoryResponse> {
  return apiFetch(`/api/returns/history?${new URLSearchParams({ kpi, month })}`, returnHistoryResponseSchema, {
    signal,
  });
}

export const getReturnHistoryQueryOptions = (kpi: string, month: string) =>
  queryOptions({
    queryKey: returnKeys.history(kpi, month),
    queryFn: ({ signal }) => getReturnHistory(kpi, month, { signal }),
    staleTime: 0,
  });

export const useReturnHistory = (query: { kpi: string; month: string } | null) =>
  useQuery({ ...getReturnHistoryQueryOptions(query?.kpi ?? '', query?.month ?? ''), enabled: query !== null });
