import { type ReturnUploadResponse, returnUploadResponseSchema } from '@kpi/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { returnKeys } from './returnKeys';

export function getReturnUpload(id: number, { signal }: { signal?: AbortSignal } = {}): Promise<ReturnUploadResponse> {
  return apiFetch(`/api/returns/uploads/${id}`, returnUploadResponseSchema, { signal });
}

export const getReturnUploadQueryOptions = (id: number) =>
  queryOptions({
    queryKey: returnKeys.upload(id),
    queryFn: ({ signal }) => getReturnUpload(id, { signal }),
  });

export const useReturnUpload = (id: number) => useQuery(getReturnUploadQueryOptions(id));
