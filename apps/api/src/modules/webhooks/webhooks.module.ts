import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { OutboxModule } from '../outbox';
import { PaymentsModule } from '../payments';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookOutboxSubscriber } from './webhook-outbox.subscriber';
import { WebhookSender } from './webhook-sender.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksProcessor } from './webhooks.processor';
import { WebhooksRepository } from './webhooks.repository';

@Module({
  controllers: [WebhooksController],
  exports: [WebhooksProcessor],
  imports: [
    AuditModule,
    OutboxModule,
    PaymentsModule,
    TypeOrmModule.forFeature([WebhookAttempt, WebhookDelivery, WebhookEndpoint]),
  ],
  providers: [
    WebhookEndpointsService,
    WebhookOutboxSubscriber,
    WebhookSender,
    WebhooksProcessor,
    WebhooksRepository,
  ],
})
export class WebhooksModule {}
