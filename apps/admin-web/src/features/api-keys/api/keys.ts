export interface ApiKeysListParams {
  page: number;
  pageSize: number;
}

export const apiKeysKeys = {
  all: ['api-keys'] as const,
  lists: () => [...apiKeysKeys.all, 'list'] as const,
  list: (params: ApiKeysListParams) => [...apiKeysKeys.lists(), params] as const,
};
