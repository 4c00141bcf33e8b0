import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { PublishableEvent } from './outbox.repository';
import { OutboxService } from './outbox.service';

const BATCH = 100;
/** Batches per run; what is left waits for the next run a few seconds later. */
const MAX_BATCHES = 10;

/** One subscriber's work on one claimed batch of events. */
export interface OutboxBatch {
  /**
   * Writes the subscriber's rows for the event with the dispatcher's transaction's manager.
   * Must be idempotent per event (a dedupe key, a unique constraint): an event another
   * subscriber failed on stays unpublished and comes again.
   */
  handle(manager: EntityManager, event: PublishableEvent): Promise<void>;
  /** After the commit: queue what was written. Losing this step is made good by a sweep. */
  afterCommit(): Promise<void>;
}

/** A module that turns outbox events into its own rows (emails, webhook deliveries). */
export interface OutboxSubscriber {
  readonly name: string;
  /** Before the batch's transaction opens: read what the batch needs (settings, say). */
  begin(): Promise<OutboxBatch>;
}

/**
 * The outbox's one consumer: in one transaction it takes a batch of unpublished events
 * (skipping those another dispatcher holds), lets every subscriber write its rows for each, and
 * marks the events published; then each subscriber queues its work. Subscribers register
 * themselves when their module starts, so the outbox depends on none of them.
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly subscribers: OutboxSubscriber[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  subscribe(subscriber: OutboxSubscriber): void {
    this.subscribers.push(subscriber);
  }

  async dispatch(): Promise<{ events: number }> {
    let events = 0;
    for (let round = 0; round < MAX_BATCHES; round++) {
      const batches = await Promise.all(this.subscribers.map((s) => s.begin()));
      const claimed = await this.dataSource.transaction(async (manager) => {
        const claimed = await this.outbox.claimUnpublished(manager, BATCH);
        const handled: string[] = [];
        for (const event of claimed) {
          try {
            await this.outbox.isolated(manager, async () => {
              for (const batch of batches) await batch.handle(manager, event);
            });
            handled.push(event.id);
          } catch (error) {
            // Left unpublished, so it is tried again (and not lost) once what broke is fixed;
            // the other events of the batch go ahead.
            this.logger.error(
              { err: error, eventId: event.id, type: event.type },
              'Could not handle an outbox event',
            );
          }
        }
        await this.outbox.markPublished(manager, handled);
        return claimed.length;
      });
      for (const batch of batches) await batch.afterCommit();
      events += claimed;
      if (claimed < BATCH) break;
    }
    if (events) this.logger.log({ events }, 'Outbox events dispatched');
    return { events };
  }
}
