import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { apiKeysKeys } from './keys';

export const createApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  role: z.enum(['admin', 'billing', 'viewer']),
});

export type CreateApiKeyInput = z.infer<typeof createApiKeyInputSchema>;

export const createApiKey = (body: CreateApiKeyInput) =>
  unwrap(api.POST('/api/v1/api-keys', { body }));

export function useCreateApiKey({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createApiKey> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createApiKey,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: apiKeysKeys.lists() });
      onSuccess?.(...args);
    },
  });
}
