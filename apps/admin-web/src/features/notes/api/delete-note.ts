import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { notesKeys } from './keys';

export const deleteNote = ({
  organizationId,
  noteId,
}: {
  organizationId: string;
  noteId: string;
}) =>
  unwrap(
    api.DELETE('/api/v1/organizations/{organizationId}/notes/{noteId}', {
      params: { path: { organizationId, noteId } },
    }),
  );

export function useDeleteNote({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof deleteNote> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: deleteNote,
    onSuccess: (data, variables, ...args) => {
      void queryClient.invalidateQueries({ queryKey: notesKeys.lists(variables.organizationId) });
      onSuccess?.(data, variables, ...args);
    },
  });
}
