import { type LoginRequest, type MeResponse, meResponseSchema } from '@kpi/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { markSignedIn } from '../session';

export function login(credentials: LoginRequest): Promise<MeResponse> {
  return apiFetch('/api/auth/login', meResponseSchema, { method: 'POST', body: credentials });
}

/** Signs in; on success the "me" query holds the new user, so no refetch is needed. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => markSignedIn(queryClient, me),
  });
}
