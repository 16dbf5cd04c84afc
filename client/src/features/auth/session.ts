import type { MeResponse } from '@kpi/shared';
import type { QueryClient } from '@tanstack/react-query';
import { authKeys } from './api/getMe';

/**
 * Why the last session in this tab ended: the user signed out, the server stopped accepting it,
 * or it reached its time limit while the tab was open (after the warning).
 */
export type SessionEnd = 'signed-out' | 'expired' | 'timed-out';

/** Router state passed to the sign-in page when a session has just ended. */
export type SignInLocationState = { sessionEnd?: SessionEnd };

const isAuthQuery = (queryKey: readonly unknown[]) => queryKey[0] === authKeys.all[0];

/** Record a new session and drop anything cached for whoever was signed in before. */
export function markSignedIn(queryClient: QueryClient, me: MeResponse): void {
  queryClient.removeQueries({ predicate: (query) => !isAuthQuery(query.queryKey) });
  queryClient.removeQueries({ queryKey: authKeys.sessionEnd(), exact: true });
  queryClient.setQueryData(authKeys.me(), me);
}

/**
 * Forget the session and every cached response, so nothing of the last user's data lingers.
 * The reason decides what the sign-in page says, and whether it returns the user to where they were.
 */
export function markSignedOut(queryClient: QueryClient, reason: SessionEnd): void {
  queryClient.setQueryData(authKeys.sessionEnd(), reason);
  queryClient.setQueryData(authKeys.me(), null);
  queryClient.removeQueries({ predicate: (query) => !isAuthQuery(query.queryKey) });
}

/** How the last session in this tab ended, if one did. */
export function sessionEnd(queryClient: QueryClient): SessionEnd | undefined {
  return queryClient.getQueryData<SessionEnd>(authKeys.sessionEnd());
}
