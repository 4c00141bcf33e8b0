import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { useInvalidatingMutation, type MutationConfig, type QueryConfig } from '@/lib/react-query';

import { webhooksKeys, type WebhookDeliveriesParams } from './keys';

export const getWebhookDeliveries = (endpointId: string, params: WebhookDeliveriesParams) =>
  unwrap(
    api.GET('/api/v1/webhook-endpoints/{id}/deliveries', {
      params: { path: { id: endpointId }, query: params },
    }),
  );

export const getWebhookDeliveriesQueryOptions = (
  endpointId: string,
  params: WebhookDeliveriesParams,
) =>
  queryOptions({
    queryKey: webhooksKeys.deliveryPage(endpointId, params),
    queryFn: () => getWebhookDeliveries(endpointId, params),
    placeholderData: keepPreviousData,
  });

/** An endpoint's delivery log, newest first, a page at a time. */
export function useWebhookDeliveries({
  endpointId,
  params,
  queryConfig,
}: {
  endpointId: string;
  params: WebhookDeliveriesParams;
  queryConfig?: QueryConfig<typeof getWebhookDeliveriesQueryOptions>;
}) {
  return useQuery({ ...getWebhookDeliveriesQueryOptions(endpointId, params), ...queryConfig });
}

export const getWebhookDelivery = (endpointId: string, deliveryId: string) =>
  unwrap(
    api.GET('/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}', {
      params: { path: { id: endpointId, deliveryId } },
    }),
  );

/** One delivery: the body sent and each attempt with its headers and answer. */
export function useWebhookDelivery({
  endpointId,
  deliveryId,
}: {
  endpointId: string;
  deliveryId: string;
}) {
  return useQuery({
    queryKey: webhooksKeys.delivery(endpointId, deliveryId),
    queryFn: () => getWebhookDelivery(endpointId, deliveryId),
  });
}

/** Sends a delivery again now (same event id); the log and the endpoint's counts refresh. */
export const redeliverWebhook = ({
  endpointId,
  deliveryId,
}: {
  endpointId: string;
  deliveryId: string;
}) =>
  unwrap(
    api.POST('/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver', {
      params: { path: { id: endpointId, deliveryId } },
    }),
  );

export function useRedeliverWebhook({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof redeliverWebhook> } = {}) {
  return useInvalidatingMutation(redeliverWebhook, [webhooksKeys.all], mutationConfig);
}
