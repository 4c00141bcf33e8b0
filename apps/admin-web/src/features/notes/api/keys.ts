export interface NotesListParams {
  page: number;
  pageSize: number;
}

export const notesKeys = {
  all: ['notes'] as const,
  lists: (organizationId: string) => [...notesKeys.all, organizationId, 'list'] as const,
  list: (organizationId: string, params: NotesListParams) =>
    [...notesKeys.lists(organizationId), params] as const,
};
