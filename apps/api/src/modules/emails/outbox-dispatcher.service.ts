import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { OutboxService } from '../outbox';
import { EmailQueue } from './email-queue.service';
import { EmailWriter, WrittenEmail } from './email-writer.service';
import { EmailsRepository } from './emails.repository';
import { PaymentEmails } from './payment-emails';
import { StaffNotificationsService } from './staff-notifications';

const BATCH = 100;
/** Batches per run; what is left waits for the next run a few seconds later. */
const MAX_BATCHES = 10;

/**
 * The outbox's consumer: in one transaction it takes a batch of unpublished events (skipping
 * those another dispatcher holds), writes their emails with a dedupe key per event, type and
 * recipient, and marks the events published; then it queues the sends. Run twice, or again after
 * a crash between commit and queueing, it writes no second email (the sweep queues the first).
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger(OutboxDispatcher.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly writer: EmailWriter,
    private readonly paymentEmails: PaymentEmails,
    private readonly staffNotifications: StaffNotificationsService,
    private readonly queue: EmailQueue,
    private readonly emails: EmailsRepository,
  ) {}

  async dispatch(): Promise<{ events: number; emails: number }> {
    let events = 0;
    let emails = 0;
    for (let round = 0; round < MAX_BATCHES; round++) {
      const context = await this.writer.context();
      const batch = await this.dataSource.transaction(async (manager) => {
        const claimed = await this.outbox.claimUnpublished(manager, BATCH);
        const written: WrittenEmail[] = [];
        const handled: string[] = [];
        for (const event of claimed) {
          const handlers = [this.paymentEmails, this.staffNotifications].filter((h) =>
            h.handles(event),
          );
          try {
            for (const handler of handlers)
              written.push(
                ...(await this.emails.isolated(manager, async () =>
                  this.writer.write(
                    manager,
                    await handler.drafts(manager, event, context),
                    context,
                  ),
                )),
              );
            handled.push(event.id);
          } catch (error) {
            // Left unpublished, so it is tried again (and not lost) once what broke is fixed;
            // the other events of the batch go ahead. Emails already written for it are kept
            // and their dedupe keys stop a second copy on the retry.
            this.logger.error(
              { err: error, eventId: event.id, type: event.type },
              'Could not write the emails of an outbox event',
            );
          }
        }
        await this.outbox.markPublished(manager, handled);
        return { claimed: claimed.length, written };
      });
      await this.queue.enqueue(batch.written.filter((w) => w.status === 'queued').map((w) => w.id));
      events += batch.claimed;
      emails += batch.written.length;
      if (batch.claimed < BATCH) break;
    }
    if (events) this.logger.log({ emails, events }, 'Outbox events turned into emails');
    return { emails, events };
  }
}
