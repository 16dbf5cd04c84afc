import { type DefaultOptions, hashKey, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './apiClient';
import { organisationInView } from './organisationInView';

type CreateQueryClientOptions = {
  /**
   * Called when a query fails with 401, i.e. the session ended while the user was on a page.
   * Queries that expect 401 (such as "who am I") should not throw it.
   */
  onUnauthorised?: (queryClient: QueryClient) => void;
  /** Merged over the defaults; tests turn retries off. */
  defaultOptions?: DefaultOptions;
};

const MAX_RETRIES = 2;

/** Retry only what might succeed next time: no answer or a server fault, never a 4xx. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && !error.isServiceProblem) return false;
  return failureCount < MAX_RETRIES;
}

export function createQueryClient({ onUnauthorised, defaultOptions }: CreateQueryClientOptions = {}): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isApiError(error) && error.status === 401) onUnauthorised?.(queryClient);
      },
    }),
    defaultOptions: {
      ...defaultOptions,
      queries: {
        retry: shouldRetry,
        // A query that failed before its page mounted (the route's prefetch, already retried as
        // far as is worth it) is not asked again on mount: a refused address was sent twice.
        // "Try again" on the page still asks.
        retryOnMount: false,
        // Every answer belongs to the organisation it was asked about: switching shows the other's
        // own answers (fetched afresh), never this one's.
        queryKeyHashFn: (queryKey) => hashKey([{ organisation: organisationInView() }, ...queryKey]),
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        ...defaultOptions?.queries,
      },
      mutations: { retry: false, ...defaultOptions?.mutations },
    },
  });
  return queryClient;
}
