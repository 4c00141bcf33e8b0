import { isApiError } from '@settle/api-client';
import {
  MutationCache,
  QueryCache,
  QueryClient,
  useMutation,
  useQueryClient,
  type DefaultOptions,
  type QueryKey,
  type UseMutationOptions,
} from '@tanstack/react-query';

import { meQueryKey } from '@/api/auth/keys';

export const queryConfig = {
  queries: {
    retry: false,
    refetchOnWindowFocus: false,
    staleTime: 30_000,
  },
  mutations: {
    retry: false,
  },
} satisfies DefaultOptions;

/**
 * An admin required two-factor sign-in while this user was signed in without it: every answer is
 * now this 403. Reading "me" again tells the app, which takes them to the enrolment page.
 */
function isEnrolmentRequired(error: unknown): boolean {
  return (
    isApiError(error) &&
    error.status === 403 &&
    error.problem.type.endsWith('two_factor_enrolment_required')
  );
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: queryConfig,
    queryCache: new QueryCache({
      // /auth/me itself is never refused this way, so this cannot loop.
      onError: (error) => {
        if (isEnrolmentRequired(error)) void client.invalidateQueries({ queryKey: meQueryKey });
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isEnrolmentRequired(error)) void client.invalidateQueries({ queryKey: meQueryKey });
      },
    }),
  });
  return client;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiFnReturnType<FnType extends (...args: any) => Promise<any>> = Awaited<
  ReturnType<FnType>
>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type QueryConfig<T extends (...args: any[]) => any> = Omit<
  ReturnType<T>,
  'queryKey' | 'queryFn'
>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MutationConfig<MutationFnType extends (...args: any) => Promise<any>> =
  UseMutationOptions<ApiFnReturnType<MutationFnType>, Error, Parameters<MutationFnType>[0]>;

/**
 * A mutation that, once it succeeds, marks these queries stale, then runs the caller's own
 * onSuccess: for a screen whose every change moves the same lists.
 */
export function useInvalidatingMutation<TArgs, TResult>(
  mutationFn: (args: TArgs) => Promise<TResult>,
  queryKeys: readonly QueryKey[],
  mutationConfig: UseMutationOptions<TResult, Error, TArgs> = {},
) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig;
  return useMutation({
    ...rest,
    mutationFn,
    onSuccess: (...args) => {
      for (const queryKey of queryKeys) void queryClient.invalidateQueries({ queryKey });
      onSuccess?.(...args);
    },
  });
}
