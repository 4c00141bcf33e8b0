import { unwrap, type components, type paths } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { z } from 'zod';

import { organizationsKeys } from '@/api/organizations/keys';
import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import { useInvalidatingMutation, type MutationConfig, type QueryConfig } from '@/lib/react-query';

export type Entity = components['schemas']['EntityResponseDto'];
export type EntityType = components['schemas']['ExternalEntityType'];
export type EntitiesParams = NonNullable<paths['/api/v1/entities']['get']['parameters']['query']>;

export const ENTITY_TYPE_LABELS: Record<EntityType, string> = {
  company: 'Company',
  contact: 'Contact',
  invoice: 'Invoice',
  payment: 'Payment',
  credit_memo: 'Credit memo',
};

export const entitiesKeys = {
  all: ['entities'] as const,
  list: (params: EntitiesParams) => [...entitiesKeys.all, 'list', params] as const,
};

export const getEntities = (params: EntitiesParams) =>
  unwrap(api.GET('/api/v1/entities', { params: { query: clean(params) } }));

export const getEntitiesQueryOptions = (params: EntitiesParams) =>
  queryOptions({
    queryKey: entitiesKeys.list(params),
    queryFn: () => getEntities(params),
    placeholderData: keepPreviousData,
  });

/** Records the integrations brought in, a page at a time. */
export function useEntities({
  params,
  queryConfig,
}: {
  params: EntitiesParams;
  queryConfig?: QueryConfig<typeof getEntitiesQueryOptions>;
}) {
  return useQuery({ ...getEntitiesQueryOptions(params), ...queryConfig });
}

export type EntityAction = 'unmap' | 'hide' | 'unhide' | 'resync';

export const actOnEntity = ({ id, action }: { id: string; action: EntityAction }) => {
  const options = { params: { path: { id } } };
  switch (action) {
    case 'unmap':
      return unwrap(api.POST('/api/v1/entities/{id}/unmap', options));
    case 'hide':
      return unwrap(api.POST('/api/v1/entities/{id}/hide', options));
    case 'unhide':
      return unwrap(api.POST('/api/v1/entities/{id}/unhide', options));
    case 'resync':
      return unwrap(api.POST('/api/v1/entities/{id}/resync', options));
  }
};

export const mapEntityInputSchema = z.object({
  organizationId: z.string().min(1, 'Choose an organization'),
});

export const mapEntity = ({ id, organizationId }: { id: string; organizationId: string }) =>
  unwrap(
    api.POST('/api/v1/entities/{id}/map', { params: { path: { id } }, body: { organizationId } }),
  );

/** A record's change moves organizations too (a hidden company hides its organization). */
const ENTITY_QUERIES = [entitiesKeys.all, organizationsKeys.all];

export function useEntityAction({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof actOnEntity> } = {}) {
  return useInvalidatingMutation(actOnEntity, ENTITY_QUERIES, mutationConfig);
}

export function useMapEntity({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof mapEntity> } = {}) {
  return useInvalidatingMutation(mapEntity, ENTITY_QUERIES, mutationConfig);
}
