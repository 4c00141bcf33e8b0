import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type WebhookEndpoint = Schemas['WebhookEndpointResponseDto'];
export type CreatedWebhookEndpoint = Schemas['CreatedWebhookEndpointResponseDto'];
export type WebhookEventType = Schemas['WebhookEventType'];
export type WebhookDelivery = Schemas['WebhookDeliveryResponseDto'];
export type WebhookDeliveryStatus = Schemas['WebhookDeliveryStatus'];

/** The event types an endpoint may subscribe to, in the API's order, with what each means. */
export const WEBHOOK_EVENT_TYPES: readonly { value: WebhookEventType; label: string }[] = [
  { value: 'payment.succeeded', label: 'payment.succeeded — a payment went through' },
  { value: 'payment.failed', label: 'payment.failed — a payment was declined or failed' },
  { value: 'payment.scheduled', label: 'payment.scheduled — a payment was scheduled' },
  { value: 'payment.rescheduled', label: 'payment.rescheduled — its date changed' },
  { value: 'payment.cancelled', label: 'payment.cancelled — a scheduled payment was cancelled' },
  { value: 'payment.adjusted', label: 'payment.adjusted — its allocations changed' },
  {
    value: 'payment.pending_approval',
    label: 'payment.pending_approval — it waits for a staff approval',
  },
  { value: 'payment.rejected', label: 'payment.rejected — an approval was refused' },
  { value: 'payment.returned', label: 'payment.returned — a bank debit came back' },
  { value: 'payment.refunded', label: 'payment.refunded — money was refunded' },
  { value: 'autopay.run_finished', label: 'autopay.run_finished — an AutoPay run ended' },
];
