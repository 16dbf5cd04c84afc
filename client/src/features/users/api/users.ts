import {
  type AddMembershipRequest,
  type CreateUserRequest,
  type UpdateUserRequest,
  type UserSummary,
  userListResponseSchema,
  userSummarySchema,
} from '@kpi/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiSend } from '../../../lib/apiClient';

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

export const usersQueryOptions = () =>
  queryOptions({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => apiFetch('/api/users', userListResponseSchema, { signal }).then((r) => r.users),
  });

export const useUsers = () => useQuery(usersQueryOptions());

/** Every change refreshes the list: the server decides what the account now looks like. */
function useUserMutation<T>(mutationFn: (variables: T) => Promise<UserSummary | undefined>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export const useCreateUser = () =>
  useUserMutation((body: CreateUserRequest) => apiFetch('/api/users', userSummarySchema, { method: 'POST', body }));

export const useUpdateUser = (id: number) =>
  useUserMutation((body: UpdateUserRequest) =>
    apiFetch(`/api/users/${id}`, userSummarySchema, { method: 'PATCH', body }),
  );

export const useResetPassword = (id: number) =>
  useUserMutation(async (password: string) => {
    await apiSend(`/api/users/${id}/password`, { method: 'POST', body: { password } });
    return undefined;
  });

/** A person with an account in councils the administrator also administers, given a role in this one. */
export const useAddExistingPerson = () =>
  useUserMutation((body: AddMembershipRequest) =>
    apiFetch('/api/users/memberships', userSummarySchema, { method: 'POST', body }),
  );
