import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { notesKeys } from './keys';

export const noteInputSchema = z.object({
  body: z.string().trim().min(1, 'is required').max(5000, 'must be at most 5000 characters'),
});

export const createNote = ({ organizationId, body }: { organizationId: string; body: string }) =>
  unwrap(
    api.POST('/api/v1/organizations/{organizationId}/notes', {
      params: { path: { organizationId } },
      body: { body },
    }),
  );

export function useCreateNote({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createNote> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createNote,
    onSuccess: (data, variables, ...args) => {
      void queryClient.invalidateQueries({ queryKey: notesKeys.lists(variables.organizationId) });
      onSuccess?.(data, variables, ...args);
    },
  });
}
