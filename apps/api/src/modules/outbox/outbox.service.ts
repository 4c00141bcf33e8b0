import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OutboxRepository } from './outbox.repository';

export type PaymentDomainEvent =
  | 'payment.succeeded'
  | 'payment.failed'
  | 'payment.scheduled'
  | 'payment.rescheduled'
  | 'payment.cancelled'
  | 'payment.adjusted'
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
}
