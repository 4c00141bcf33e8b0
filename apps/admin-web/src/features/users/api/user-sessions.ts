import { unwrap } from '@settle/api-client';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig, QueryConfig } from '@/lib/react-query';

import { usersKeys } from './keys';

export const getUserSessions = (id: string) =>
  unwrap(api.GET('/api/v1/users/{id}/sessions', { params: { path: { id } } }));

export const getUserSessionsQueryOptions = (id: string) =>
  queryOptions({ queryKey: usersKeys.sessions(id), queryFn: () => getUserSessions(id) });

export function useUserSessions({
  id,
  queryConfig,
}: {
  id: string;
  queryConfig?: QueryConfig<typeof getUserSessionsQueryOptions>;
}) {
  return useQuery({ ...getUserSessionsQueryOptions(id), ...queryConfig });
}

export const revokeUserSession = ({ id, sessionId }: { id: string; sessionId: string }) =>
  unwrap(
    api.DELETE('/api/v1/users/{id}/sessions/{sessionId}', {
      params: { path: { id, sessionId } },
    }),
  );

export function useRevokeUserSession({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof revokeUserSession> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: revokeUserSession,
    onSuccess: async (data, variables, ...args) => {
      await queryClient.invalidateQueries({ queryKey: usersKeys.sessions(variables.id) });
      onSuccess?.(data, variables, ...args);
    },
  });
}

/** Turns the user's two-factor sign-in off (a lost phone) and ends their sessions. */
export const resetUserTwoFactor = (id: string) =>
  unwrap(api.POST('/api/v1/users/{id}/two-factor/reset', { params: { path: { id } } }));

export function useResetUserTwoFactor({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof resetUserTwoFactor> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: resetUserTwoFactor,
    onSuccess: async (data, id, ...args) => {
      await queryClient.invalidateQueries({ queryKey: usersKeys.all });
      onSuccess?.(data, id, ...args);
    },
  });
}
