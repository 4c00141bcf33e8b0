import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OutboxBatch, OutboxDispatcher, OutboxSubscriber, PublishableEvent } from '../outbox';
import { PaymentQueriesService } from '../payments';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { isWebhookEventType } from './webhook-events';
import { WebhookSender } from './webhook-sender.service';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Outbox events become webhook deliveries, one per subscribed endpoint, in the dispatcher's
 * transaction: a process that dies after the commit loses nothing, and an event handled twice
 * adds no second delivery (unique per endpoint and event).
 */
@Injectable()
export class WebhookOutboxSubscriber implements OutboxSubscriber, OnModuleInit {
  readonly name = 'webhooks';

  constructor(
    private readonly dispatcher: OutboxDispatcher,
    private readonly webhooks: WebhooksRepository,
    private readonly payments: PaymentQueriesService,
    private readonly sender: WebhookSender,
  ) {}

  onModuleInit(): void {
    this.dispatcher.subscribe(this);
  }

  begin(): Promise<OutboxBatch> {
    // read with the batch's transaction, once, when its first event comes
    let endpoints: WebhookEndpoint[] | null = null;
    let written = 0;
    return Promise.resolve({
      afterCommit: async () => {
        if (written > 0) await this.sender.wake();
      },
      handle: async (manager: EntityManager, event: PublishableEvent) => {
        if (!isWebhookEventType(event.type)) return;
        endpoints ??= await this.webhooks.enabledEndpoints(manager);
        const subscribed = endpoints.filter((e) => e.events.includes(event.type));
        if (subscribed.length === 0) return;
        const body = JSON.stringify({
          createdAt: event.occurredAt.toISOString(),
          data: await this.data(manager, event),
          id: `evt_${event.id}`,
          type: event.type,
        });
        const inserted = await this.webhooks.insertDeliveries(
          manager,
          subscribed.map((e) => ({
            body,
            endpointId: e.id,
            eventId: event.id,
            eventType: event.type,
          })),
        );
        written += inserted.length;
      },
    });
  }

  /**
   * A payment event carries the payment as GET /payments/{id} shows it when the event is
   * dispatched (receivers act on the current state, as they should); other events their payload.
   */
  private async data(
    manager: EntityManager,
    event: PublishableEvent,
  ): Promise<Record<string, unknown>> {
    if (event.aggregateType === 'payment') {
      const payment = await this.payments.find(manager, event.aggregateId);
      return { object: payment, objectType: 'payment' };
    }
    return { object: event.payload, objectType: event.aggregateType };
  }
}
