import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { PaymentEvent } from './payment-event.entity';

/** The payment_events table: each payment's timeline. */
@Injectable()
export class PaymentEventsRepository {
  async insert(
    manager: EntityManager,
    event: Pick<PaymentEvent, 'actor' | 'data' | 'paymentId' | 'summary' | 'type'>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO payment_events (payment_id, type, actor, summary, data) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [
        event.paymentId,
        event.type,
        event.actor,
        event.summary,
        event.data && JSON.stringify(event.data),
      ],
    );
  }

  timeline(manager: EntityManager, paymentId: string): Promise<PaymentEvent[]> {
    return manager.getRepository(PaymentEvent).find({ order: { id: 'ASC' }, where: { paymentId } });
  }
}
