import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { notesKeys, type NotesListParams } from './keys';

/** Newest first. */
export const getNotes = (organizationId: string, params: NotesListParams) =>
  unwrap(
    api.GET('/api/v1/organizations/{organizationId}/notes', {
      params: { path: { organizationId }, query: params },
    }),
  );

export const getNotesQueryOptions = (
  organizationId: string,
  params: NotesListParams = { page: 1, pageSize: 10 },
) =>
  queryOptions({
    queryKey: notesKeys.list(organizationId, params),
    queryFn: () => getNotes(organizationId, params),
    placeholderData: keepPreviousData,
  });

export function useNotes({
  organizationId,
  params,
  queryConfig,
}: {
  organizationId: string;
  params: NotesListParams;
  queryConfig?: QueryConfig<typeof getNotesQueryOptions>;
}) {
  return useQuery({ ...getNotesQueryOptions(organizationId, params), ...queryConfig });
}
