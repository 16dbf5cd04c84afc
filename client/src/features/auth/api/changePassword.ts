import type { ChangeOwnPasswordRequest } from '@kpi/shared';
import { useMutation } from '@tanstack/react-query';
import { apiSend } from '../../../lib/apiClient';

/** The server ends the person's other sessions and gives this browser a new session cookie. */
export function changePassword(body: ChangeOwnPasswordRequest): Promise<void> {
  return apiSend('/api/auth/password', { method: 'POST', body });
}

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
