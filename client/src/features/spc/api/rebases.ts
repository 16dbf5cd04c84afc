import { type SpcRebaseCreate, spcRebaseSchema } from '@kpi/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiSend } from '../../../lib/apiClient';
import { seriesKeys } from '../../indicators';

const path = (code: string) => `/api/indicators/${encodeURIComponent(code)}/spc-rebases`;

/** A rebase changes every view of the KPI's series, so all of them are fetched again. */
function useRebaseMutation<T>(code: string, mutationFn: (variables: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: seriesKeys.all(code) }),
  });
}

export const useCreateRebase = (code: string) =>
  useRebaseMutation(code, (body: SpcRebaseCreate) => apiFetch(path(code), spcRebaseSchema, { method: 'POST', body }));

export const useWithdrawRebase = (code: string) =>
  useRebaseMutation(code, (id: number) => apiSend(`${path(code)}/${id}`, { method: 'DELETE' }));
