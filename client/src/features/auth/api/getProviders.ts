import { authProvidersResponseSchema } from '@kpi/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { authKeys } from './getMe';

/** Whether single sign-on is offered, and the council's words for its button. */
export const getProvidersQueryOptions = () =>
  queryOptions({
    queryKey: [...authKeys.all, 'providers'] as const,
    queryFn: ({ signal }) => apiFetch('/api/auth/providers', authProvidersResponseSchema, { signal }),
    // Set by the server's configuration, which changes only on restart.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useAuthProviders = () => useQuery(getProvidersQueryOptions());
