import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export const logout = () => unwrap(api.POST('/api/v1/auth/logout'));

export function useLogout({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof logout> } = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: logout,
    // whatever the server said, this browser is signed out
    onSettled: (...args) => {
      queryClient.clear();
      onSettled?.(...args);
    },
  });
}
