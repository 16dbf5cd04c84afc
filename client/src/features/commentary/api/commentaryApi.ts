import {
  type ActionListResponse,
  actionListResponseSchema,
  type CreateActionRequest,
  type ExceptionReport,
  exceptionReportSchema,
  type KpiAction,
  type KpiMonthCommentary,
  kpiActionSchema,
  kpiMonthCommentarySchema,
  type UpdateActionRequest,
} from '@kpi/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';

export const commentaryKeys = {
  all: ['commentary'] as const,
  month: (code: string, month: string) => [...commentaryKeys.all, code, month] as const,
  actions: (code: string) => [...commentaryKeys.all, code, 'actions'] as const,
  exceptions: (meetingId: number) => [...commentaryKeys.all, 'exceptions', meetingId] as const,
};

const commentaryPath = (code: string, month: string) =>
  `/api/indicators/${encodeURIComponent(code)}/commentary/${encodeURIComponent(month)}`;

export const useKpiCommentary = (code: string, month: string) =>
  useQuery({
    queryKey: commentaryKeys.month(code, month),
    queryFn: ({ signal }): Promise<KpiMonthCommentary> =>
      apiFetch(commentaryPath(code, month), kpiMonthCommentarySchema, { signal }),
  });

export type CommentaryStepRequest =
  | { step: 'draft'; body: { body: string; basedOn: number | null } }
  | { step: 'submit'; body: { body?: string; basedOn: number | null } }
  | { step: 'agree'; body: { basedOn: number } }
  | { step: 'send-back'; body: { basedOn: number; reason: string } };

/** Every step answers with the KPI-month's commentary as it now stands; other views refresh. */
export function useCommentaryStep(code: string, month: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ step, body }: CommentaryStepRequest) =>
      apiFetch(`${commentaryPath(code, month)}/${step}`, kpiMonthCommentarySchema, { method: 'POST', body }),
    onSuccess: (data) => {
      queryClient.setQueryData(commentaryKeys.month(code, month), data);
      void queryClient.invalidateQueries({ queryKey: ['indicators', code] });
      void queryClient.invalidateQueries({ queryKey: [...commentaryKeys.all, 'exceptions'] });
    },
  });
}

export const useKpiActions = (code: string) =>
  useQuery({
    queryKey: commentaryKeys.actions(code),
    queryFn: ({ signal }): Promise<ActionListResponse> =>
      apiFetch(`/api/indicators/${encodeURIComponent(code)}/actions`, actionListResponseSchema, { signal }),
  });

export function useSaveAction(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id: number | null;
      body: CreateActionRequest | UpdateActionRequest;
    }): Promise<KpiAction> =>
      id === null
        ? apiFetch(`/api/indicators/${encodeURIComponent(code)}/actions`, kpiActionSchema, { method: 'POST', body })
        : apiFetch(`/api/indicators/${encodeURIComponent(code)}/actions/${id}`, kpiActionSchema, {
            method: 'PATCH',
            body,
          }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: commentaryKeys.actions(code) });
      void queryClient.invalidateQueries({ queryKey: [...commentaryKeys.all, 'exceptions'] });
    },
  });
}

export const useExceptionReport = (meetingId: number) =>
  useQuery({
    queryKey: commentaryKeys.exceptions(meetingId),
    queryFn: ({ signal }): Promise<ExceptionReport> =>
      apiFetch(`/api/meetings/${meetingId}/exceptions`, exceptionReportSchema, { signal }),
  });
