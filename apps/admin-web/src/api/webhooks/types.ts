import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type WebhookEndpoint = Schemas['WebhookEndpointResponseDto'];
export type CreatedWebhookEndpoint = Schemas['CreatedWebhookEndpointResponseDto'];
export type WebhookEventType = Schemas['WebhookEventType'];
export type WebhookDelivery = Schemas['WebhookDeliveryResponseDto'];
export type WebhookDeliveryStatus = Schemas['WebhookDeliveryStatus'];

/** The event types an endpoint may subscribe to, in the API's order, with what each means. */
export const WEBHOOK_EVENT_TYPES: readonly { value: WebhookEventType; label: string }[] = [
  { value: 'payment.succeeded', label: 'payment.succeeded — went through' },
  { value: 'payment.failed', label: 'payment.failed — declined or failed' },
  { value: 'payment.scheduled', label: 'payment.scheduled — for a later day' },
  { value: 'payment.rescheduled', label: 'payment.rescheduled — date moved' },
  { value: 'payment.cancelled', label: 'payment.cancelled — before it ran' },
  { value: 'payment.adjusted', label: 'payment.adjusted — allocations changed' },
  { value: 'payment.pending_approval', label: 'payment.pending_approval — awaits staff' },
  { value: 'payment.rejected', label: 'payment.rejected — approval refused' },
  { value: 'payment.returned', label: 'payment.returned — bank debit returned' },
  { value: 'payment.refunded', label: 'payment.refunded — money refunded' },
  { value: 'autopay.run_finished', label: 'autopay.run_finished — AutoPay run ended' },
  { value: 'sync_run.failed', label: 'sync_run.failed — a sync with the PSA failed' },
];
