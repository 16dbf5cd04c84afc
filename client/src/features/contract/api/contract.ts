import {
  type IndicatorInput,
  type IndicatorUpdate,
  indicatorAdminListSchema,
  indicatorAdminSchema,
  indicatorBandsSchema,
  type KpiSetProposalInput,
  kpiSetAdminListSchema,
  type MeetingInput,
  meetingSchema,
  proposalListSchema,
  proposalSchema,
  type ReliefEventInput,
  reliefEventListSchema,
  reliefEventSchema,
  type ThresholdProposalInput,
} from '@kpi/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';

export const contractKeys = {
  all: ['contract'] as const,
  indicators: () => [...contractKeys.all, 'indicators'] as const,
  bands: (code: string) => [...contractKeys.all, 'bands', code] as const,
  sets: () => [...contractKeys.all, 'sets'] as const,
  proposals: () => [...contractKeys.all, 'proposals'] as const,
  relief: () => [...contractKeys.all, 'relief'] as const,
};

export const useIndicatorLibrary = () =>
  useQuery({
    queryKey: contractKeys.indicators(),
    queryFn: ({ signal }) =>
      apiFetch('/api/contract/indicators', indicatorAdminListSchema, { signal }).then((r) => r.indicators),
  });

/** An indicator's bands, version by version, and the first month a change may start. */
export const useIndicatorBands = (code: string) =>
  useQuery({
    queryKey: contractKeys.bands(code),
    queryFn: ({ signal }) =>
      apiFetch(`/api/contract/indicators/${encodeURIComponent(code)}/bands`, indicatorBandsSchema, { signal }),
    enabled: code !== '',
  });

export const useKpiSets = () =>
  useQuery({
    queryKey: contractKeys.sets(),
    queryFn: ({ signal }) =>
      apiFetch('/api/contract/kpi-sets', kpiSetAdminListSchema, { signal }).then((r) => r.kpiSets),
  });

export const useProposals = () =>
  useQuery({
    queryKey: contractKeys.proposals(),
    queryFn: ({ signal }) =>
      apiFetch('/api/contract/proposals', proposalListSchema, { signal }).then((r) => r.proposals),
  });

export const useReliefEvents = () =>
  useQuery({
    queryKey: contractKeys.relief(),
    queryFn: ({ signal }) =>
      apiFetch('/api/contract/relief-events', reliefEventListSchema, { signal }).then((r) => r.reliefEvents),
  });

/**
 * Every change refreshes everything read from the server: an approved proposal changes sets,
 * bands and scorecards alike, and the server decides what they now look like.
 */
function useContractMutation<T, R>(mutationFn: (variables: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries() });
}

export const useCreateIndicator = () =>
  useContractMutation((body: IndicatorInput) =>
    apiFetch('/api/contract/indicators', indicatorAdminSchema, { method: 'POST', body }),
  );

export const useUpdateIndicator = (code: string) =>
  useContractMutation((body: IndicatorUpdate) =>
    apiFetch(`/api/contract/indicators/${encodeURIComponent(code)}`, indicatorAdminSchema, { method: 'PATCH', body }),
  );

export const useProposeSet = () =>
  useContractMutation((body: KpiSetProposalInput) =>
    apiFetch('/api/contract/proposals/kpi-set', proposalSchema, { method: 'POST', body }),
  );

export const useProposeBands = () =>
  useContractMutation((body: ThresholdProposalInput) =>
    apiFetch('/api/contract/proposals/threshold', proposalSchema, { method: 'POST', body }),
  );

export const useDecideProposal = () =>
  useContractMutation(({ id, verb, note }: { id: number; verb: 'approve' | 'reject'; note?: string }) =>
    apiFetch(`/api/contract/proposals/${id}/${verb}`, proposalSchema, { method: 'POST', body: note ? { note } : {} }),
  );

export const useCreateReliefEvent = () =>
  useContractMutation((body: ReliefEventInput) =>
    apiFetch('/api/contract/relief-events', reliefEventSchema, { method: 'POST', body }),
  );

export const useCreateMeeting = () =>
  useContractMutation((body: MeetingInput) =>
    apiFetch('/api/contract/meetings', meetingSchema, { method: 'POST', body }),
  );
