import { PaymentDomainEvent, SyncDomainEvent } from '../outbox';

/**
 * The outbox events an endpoint may subscribe to: every change of a payment, the end of an
 * AutoPay run, and a failed sync run. Portal access requests carry a visitor's personal details and stay internal.
 */
export const WEBHOOK_EVENT_TYPES = [
  'payment.succeeded',
  'payment.failed',
  'payment.scheduled',
  'payment.rescheduled',
  'payment.cancelled',
  'payment.adjusted',
  'payment.pending_approval',
  'payment.rejected',
  'payment.returned',
  'payment.refunded',
  'payment.accounting_sync_failed',
  'autopay.run_finished',
  'sync_run.failed',
] as const satisfies readonly (PaymentDomainEvent | 'autopay.run_finished' | SyncDomainEvent)[];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}
