export interface WebhookDeliveriesParams {
  page: number;
  pageSize: number;
}

export const webhooksKeys = {
  all: ['webhook-endpoints'] as const,
  lists: () => [...webhooksKeys.all, 'list'] as const,
  deliveries: (endpointId: string) => [...webhooksKeys.all, endpointId, 'deliveries'] as const,
  deliveryPage: (endpointId: string, params: WebhookDeliveriesParams) =>
    [...webhooksKeys.deliveries(endpointId), params] as const,
  delivery: (endpointId: string, deliveryId: string) =>
    [...webhooksKeys.deliveries(endpointId), 'detail', deliveryId] as const,
};
