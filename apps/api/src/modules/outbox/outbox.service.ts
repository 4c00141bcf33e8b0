import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OutboxRepository, PublishableEvent } from './outbox.repository';

export type PaymentDomainEvent =
  | 'payment.succeeded'
  | 'payment.failed'
  | 'payment.scheduled'
  | 'payment.rescheduled'
  | 'payment.cancelled'
  | 'payment.adjusted'
  | 'payment.pending_approval'
  | 'payment.rejected'
  | 'payment.returned'
  | 'payment.refunded';

@Injectable()
export class OutboxService {
  constructor(private readonly events: OutboxRepository) {}

  /** Always inside the transaction of the change the event announces. */
  async add(
    manager: EntityManager,
    type: PaymentDomainEvent,
    aggregate: { type: string; id: string },
    payload: Record<string, unknown>,
  ): Promise<void> {
    await this.events.insert(manager, {
      aggregateId: aggregate.id,
      aggregateType: aggregate.type,
      payload,
      type,
    });
  }

  /**
   * Takes up to `limit` unpublished events for the caller's transaction (oldest first), skipping
   * those another consumer holds; the caller marks them published in the same transaction.
   */
  claimUnpublished(manager: EntityManager, limit: number): Promise<PublishableEvent[]> {
    return this.events.claimUnpublished(manager, limit);
  }

  markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    return this.events.markPublished(manager, ids);
  }
}
