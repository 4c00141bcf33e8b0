export { OutboxModule } from './outbox.module';
export { OutboxService } from './outbox.service';
export type { AccessRequestedPayload, AutopayRunFinishedPayload } from './outbox.service';
export { PublishableEvent } from './outbox.repository';
