import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OutboxEvent } from './outbox-event.entity';

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
  /** Always inside the transaction of the change the event announces. */
  async add(
    manager: EntityManager,
    type: PaymentDomainEvent,
    aggregate: { type: string; id: string },
    payload: Record<string, unknown>,
  ): Promise<void> {
    await manager.getRepository(OutboxEvent).insert({
      aggregateId: aggregate.id,
      aggregateType: aggregate.type,
      payload: payload as never,
      type,
    });
  }
}
