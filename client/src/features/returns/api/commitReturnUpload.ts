import {
  type ReturnCommitBody,
  type ReturnCommitResponse,
  type ReturnUploadResponse,
  returnCommitResponseSchema,
} from '@kpi/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { authKeys } from '../../auth';
import { returnKeys } from './returnKeys';

export function commitReturnUpload(id: number, body: ReturnCommitBody): Promise<ReturnCommitResponse> {
  return apiFetch(`/api/returns/uploads/${id}/commit`, returnCommitResponseSchema, { method: 'POST', body });
}

/**
 * Loads a checked upload. `onCommitted` runs first, in the same render as the confirmation
 * appears (callbacks given to `mutate` would not: the form that calls it is gone by then).
 * On success every figure the app has cached may be out of date, so all
 * data queries are invalidated; the upload itself is fetched again before the mutation settles,
 * so its page turns straight into the confirmation.
 */
export function useCommitReturnUpload(id: number, { onCommitted }: { onCommitted?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReturnCommitBody) => commitReturnUpload(id, body),
    onSuccess: async (response) => {
      // Before the page turns into the confirmation (the form that started this is then gone).
      onCommitted?.();
      // The page shows the confirmation at once, even if fetching the upload again fails.
      queryClient.setQueryData(returnKeys.upload(id), (old: ReturnUploadResponse | undefined) =>
        old
          ? {
              ...old,
              upload: response.upload,
              commit: response.commit,
              message: response.message,
              canCommit: false,
              needsReason: false,
            }
          : old,
      );
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] !== authKeys.all[0] && query.queryKey[0] !== returnKeys.all[0],
      });
      await queryClient.invalidateQueries({ queryKey: returnKeys.all });
    },
  });
}
