import { type ReturnAbandonResponse, type ReturnUploadResponse, returnAbandonResponseSchema } from '@kpi/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { returnKeys } from './returnKeys';

export function abandonReturnUpload(id: number): Promise<ReturnAbandonResponse> {
  return apiFetch(`/api/returns/uploads/${id}/abandon`, returnAbandonResponseSchema, { method: 'POST' });
}

/** Abandons a checked upload; its page turns into "Upload abandoned" at once, the list follows. */
export function useAbandonReturnUpload(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => abandonReturnUpload(id),
    onSuccess: async (response) => {
      queryClient.setQueryData(returnKeys.upload(id), (old: ReturnUploadResponse | undefined) =>
        old
          ? { ...old, upload: response.upload, abandon: response.abandon, message: response.message, canCommit: false }
          : old,
      );
      await queryClient.invalidateQueries({ queryKey: returnKeys.all });
    },
  });
}
