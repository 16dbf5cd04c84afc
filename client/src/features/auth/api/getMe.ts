import { type MeResponse, meResponseSchema } from '@kpi/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../../lib/apiClient';

/** Every auth query key starts here, so one invalidation reaches them all. */
export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
  /** Client-only: why the last session ended (see `markSignedOut`). */
  sessionEnd: () => [...authKeys.all, 'session-end'] as const,
};

/** The signed-in user, or `null` when there is no session (401 is an answer here, not an error). */
export async function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<MeResponse | null> {
  try {
    return await apiFetch('/api/auth/me', meResponseSchema, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => getMe({ signal }),
    // The session changes only through sign-in, sign-out or a 401 from another query,
    // and each of those writes this cache entry itself.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useMe = () => useQuery(getMeQueryOptions());
