import { type MeetingBriefing, meetingBriefingSchema } from '@kpi/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { meetingKeys } from './getMeetings';

export function getMeetingBriefing(id: number, { signal }: { signal?: AbortSignal } = {}): Promise<MeetingBriefing> {
  return apiFetch(`/api/meetings/${id}/briefing`, meetingBriefingSchema, { signal });
}

export const getMeetingBriefingQueryOptions = (id: number) =>
  queryOptions({
    queryKey: meetingKeys.briefing(id),
    queryFn: ({ signal }) => getMeetingBriefing(id, { signal }),
  });

export const useMeetingBriefing = (id: number, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getMeetingBriefingQueryOptions(id), enabled });
