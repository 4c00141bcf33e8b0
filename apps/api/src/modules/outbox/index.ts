export { OutboxModule } from './outbox.module';
export { OutboxService } from './outbox.service';
export type {
  AccessRequestedPayload,
  AccountingSyncFailingPayload,
  AutopayRunFinishedPayload,
  IntegrationSyncAlertPayload,
  PaymentDomainEvent,
  SyncDomainEvent,
  WebhookEndpointDisabledPayload,
} from './outbox.service';
export { PublishableEvent } from './outbox.repository';
export { OutboxDispatcher } from './outbox-dispatcher.service';
export type { OutboxBatch, OutboxSubscriber } from './outbox-dispatcher.service';
