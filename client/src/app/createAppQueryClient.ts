import type { DefaultOptions } from '@tanstack/react-query';
import { markSignedOut } from '../features/auth/session';
import { createQueryClient } from '../lib/queryClient';

/** The app's query client: a 401 from any page's query means the session has ended. */
export function createAppQueryClient(defaultOptions?: DefaultOptions) {
  return createQueryClient({ onUnauthorised: (queryClient) => markSignedOut(queryClient, 'expired'), defaultOptions });
}
