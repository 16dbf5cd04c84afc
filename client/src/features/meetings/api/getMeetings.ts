import { type MeetingListResponse, meetingListResponseSchema } from '@kpi/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';

export const meetingKeys = {
  all: ['meetings'] as const,
  list: () => [...meetingKeys.all, 'list'] as const,
  briefing: (id: number) => [...meetingKeys.all, id, 'briefing'] as const,
};

export function getMeetings({ signal }: { signal?: AbortSignal } = {}): Promise<MeetingListResponse> {
  return apiFetch('/api/meetings', meetingListResponseSchema, { signal });
}

export const getMeetingsQueryOptions = () =>
  queryOptions({
    queryKey: meetingKeys.list(),
    queryFn: ({ signal }) => getMeetings({ signal }),
  });

export const useMeetings = () => useQuery(getMeetingsQueryOptions());
