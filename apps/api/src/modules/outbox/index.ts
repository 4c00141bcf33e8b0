export { OutboxModule } from './outbox.module';
export { OutboxService, PaymentDomainEvent } from './outbox.service';
