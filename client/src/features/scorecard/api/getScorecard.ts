import { type ScorecardResponse, scorecardResponseSchema } from '@kpi/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';

export const scorecardKeys = {
  all: ['scorecard'] as const,
  /** No month asks for the latest month with data. */
  month: (month: string | undefined) => [...scorecardKeys.all, month ?? 'latest'] as const,
};

/** The scorecard's API address for a month (the latest without one). */
export const scorecardPath = (month: string | undefined) =>
  `/api/scorecard${month ? `?${new URLSearchParams({ month })}` : ''}`;

export function getScorecard(
  month: string | undefined,
  { signal }: { signal?: AbortSignal } = {},
): Promise<ScorecardResponse> {
  return apiFetch(scorecardPath(month), scorecardResponseSchema, { signal });
}

export const getScorecardQueryOptions = (month: string | undefined) =>
  queryOptions({
    queryKey: scorecardKeys.month(month),
    queryFn: ({ signal }) => getScorecard(month, { signal }),
  });

/** Keeps the previous month on screen while the next one loads, so the page does not jump. */
export const useScorecard = (month: string | undefined) =>
  useQuery({ ...getScorecardQueryOptions(month), placeholderData: keepPreviousData });
