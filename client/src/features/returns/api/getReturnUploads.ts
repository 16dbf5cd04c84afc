import { type ReturnUploadListResponse, returnUploadListResponseSchema } from '@kpi/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { returnKeys } from './returnKeys';

export function getReturnUploads(
  limit: number,
  { signal }: { signal?: AbortSignal } = {},
): Promise<ReturnUploadListResponse> {
  return apiFetch(
    `/api/returns/uploads?${new URLSearchParams({ limit: String(limit) })}`,
    returnUploadListResponseSchema,
    {
      signal,
    },
  );
}

export const getReturnUploadsQueryOptions = (limit: number) =>
  queryOptions({
    queryKey: returnKeys.list(limit),
    queryFn: ({ signal }) => getReturnUploads(limit, { signal }),
    // Someone else may have uploaded since: the list is always fetched afresh on arrival.
    staleTime: 0,
  });

export const useReturnUploads = (limit: number) => useQuery(getReturnUploadsQueryOptions(limit));
