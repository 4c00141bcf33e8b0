import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OutboxBatch, OutboxDispatcher, OutboxSubscriber, PublishableEvent } from '../outbox';
import { EmailQueue } from './email-queue.service';
import { EmailWriter, WrittenEmail } from './email-writer.service';
import { PaymentEmails } from './payment-emails';
import { StaffNotificationsService } from './staff-notifications';

/**
 * Outbox events become emails: receipts and notices to contacts, notes to staff. Each email has
 * a dedupe key per event, type and recipient, so an event handled twice (a retry, or again
 * after a crash between commit and queueing) writes no second email; the sweep queues the first.
 */
@Injectable()
export class EmailOutboxSubscriber implements OutboxSubscriber, OnModuleInit {
  readonly name = 'emails';

  constructor(
    private readonly dispatcher: OutboxDispatcher,
    private readonly writer: EmailWriter,
    private readonly paymentEmails: PaymentEmails,
    private readonly staffNotifications: StaffNotificationsService,
    private readonly queue: EmailQueue,
  ) {}

  onModuleInit(): void {
    this.dispatcher.subscribe(this);
  }

  async begin(): Promise<OutboxBatch> {
    const context = await this.writer.context();
    const written: WrittenEmail[] = [];
    return {
      afterCommit: () =>
        this.queue.enqueue(written.filter((w) => w.status === 'queued').map((w) => w.id)),
      handle: async (manager: EntityManager, event: PublishableEvent) => {
        for (const handler of [this.paymentEmails, this.staffNotifications])
          if (handler.handles(event))
            written.push(
              ...(await this.writer.write(
                manager,
                await handler.drafts(manager, event, context),
                context,
              )),
            );
      },
    };
  }
}
