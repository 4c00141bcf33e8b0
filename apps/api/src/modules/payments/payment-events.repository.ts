import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { PaymentEvent } from './payment-event.entity';

export type NewPaymentEvent = Pick<
  PaymentEvent,
  'actor' | 'data' | 'paymentId' | 'summary' | 'type'
> & {
  /** When it happened, if not now (a request sent before its answer is recorded). */
  at?: Date;
};

/** The payment_events table: each payment's timeline. */
@Injectable()
export class PaymentEventsRepository {
  /** In one statement, in the given order (the timeline is ordered by id). */
  async insert(manager: EntityManager, events: NewPaymentEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO payment_events (payment_id, type, actor, summary, data, created_at)
       SELECT payment_id, type, actor, summary, data, coalesce(at, now())
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[])
              WITH ORDINALITY AS e(payment_id, type, actor, summary, data, at, position)
        ORDER BY position`,
      [
        events.map((e) => e.paymentId),
        events.map((e) => e.type),
        events.map((e) => e.actor),
        events.map((e) => e.summary),
        events.map((e) => (e.data === null ? null : JSON.stringify(e.data))),
        events.map((e) => e.at ?? null),
      ],
    );
  }

  timeline(manager: EntityManager, paymentId: string): Promise<PaymentEvent[]> {
    return manager.getRepository(PaymentEvent).find({ order: { id: 'ASC' }, where: { paymentId } });
  }
}
