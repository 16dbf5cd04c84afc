import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/apiClient';
import { markSignedOut } from '../session';

export function logout(): Promise<void> {
  return apiSend('/api/auth/logout', { method: 'POST' });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => markSignedOut(queryClient, 'signed-out'),
  });
}
