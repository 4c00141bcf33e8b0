import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { notesKeys } from './keys';

export const updateNote = ({
  organizationId,
  noteId,
  body,
}: {
  organizationId: string;
  noteId: string;
  body: string;
}) =>
  unwrap(
    api.PATCH('/api/v1/organizations/{organizationId}/notes/{noteId}', {
      params: { path: { organizationId, noteId } },
      body: { body },
    }),
  );

export function useUpdateNote({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateNote> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateNote,
    onSuccess: (data, variables, ...args) => {
      void queryClient.invalidateQueries({ queryKey: notesKeys.lists(variables.organizationId) });
      onSuccess?.(data, variables, ...args);
    },
  });
}
