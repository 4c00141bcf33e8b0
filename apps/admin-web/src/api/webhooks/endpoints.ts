import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import { useInvalidatingMutation, type MutationConfig, type QueryConfig } from '@/lib/react-query';

import { webhooksKeys } from './keys';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './types';

const EVENT_VALUES = WEBHOOK_EVENT_TYPES.map((e) => e.value) as [
  WebhookEventType,
  ...WebhookEventType[],
];

/** What the create and edit forms check before any request (the API checks the same). */
export const webhookEndpointInputSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(2000, 'must be at most 2000 characters')
    .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), 'must be an http(s) URL'),
  events: z.array(z.enum(EVENT_VALUES)).min(1, 'must name at least one event type'),
  description: z.string().trim().max(200, 'must be at most 200 characters'),
});

export type WebhookEndpointInput = z.input<typeof webhookEndpointInputSchema>;
export type WebhookEndpointValues = z.output<typeof webhookEndpointInputSchema>;

export const getWebhookEndpoints = () => unwrap(api.GET('/api/v1/webhook-endpoints'));

export const getWebhookEndpointsQueryOptions = () =>
  queryOptions({ queryKey: webhooksKeys.lists(), queryFn: getWebhookEndpoints });

export function useWebhookEndpoints({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getWebhookEndpointsQueryOptions> } = {}) {
  return useQuery({ ...getWebhookEndpointsQueryOptions(), ...queryConfig });
}

/** Every change to an endpoint refreshes the list (its health and counts may move too). */
const ENDPOINT_QUERIES = [webhooksKeys.all];

/** The answer holds the signing secret: the only time it is shown. */
export const createWebhookEndpoint = (body: WebhookEndpointValues) =>
  unwrap(api.POST('/api/v1/webhook-endpoints', { body }));

export function useCreateWebhookEndpoint({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createWebhookEndpoint> } = {}) {
  return useInvalidatingMutation(createWebhookEndpoint, ENDPOINT_QUERIES, mutationConfig);
}

export const updateWebhookEndpoint = ({
  id,
  body,
}: {
  id: string;
  body: Partial<WebhookEndpointValues> & { enabled?: boolean };
}) => unwrap(api.PATCH('/api/v1/webhook-endpoints/{id}', { params: { path: { id } }, body }));

export function useUpdateWebhookEndpoint({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateWebhookEndpoint> } = {}) {
  return useInvalidatingMutation(updateWebhookEndpoint, ENDPOINT_QUERIES, mutationConfig);
}

export const deleteWebhookEndpoint = ({ id }: { id: string }) =>
  unwrap(api.DELETE('/api/v1/webhook-endpoints/{id}', { params: { path: { id } } }));

export function useDeleteWebhookEndpoint({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof deleteWebhookEndpoint> } = {}) {
  return useInvalidatingMutation(deleteWebhookEndpoint, ENDPOINT_QUERIES, mutationConfig);
}

/** A new signing secret, in this answer only; the old one stops at once. */
export const rotateWebhookSecret = ({ id }: { id: string }) =>
  unwrap(api.POST('/api/v1/webhook-endpoints/{id}/rotate-secret', { params: { path: { id } } }));

export function useRotateWebhookSecret({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof rotateWebhookSecret> } = {}) {
  return useInvalidatingMutation(rotateWebhookSecret, ENDPOINT_QUERIES, mutationConfig);
}
