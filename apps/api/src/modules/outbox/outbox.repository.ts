import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OutboxEvent } from './outbox-event.entity';

@Injectable()
export class OutboxRepository {
  async insert(
    manager: EntityManager,
    event: Pick<OutboxEvent, 'aggregateId' | 'aggregateType' | 'payload' | 'type'>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3, $4::jsonb)`,
      [event.type, event.aggregateType, event.aggregateId, JSON.stringify(event.payload)],
    );
  }

  /**
   * The oldest unpublished events, locked for the caller's transaction; rows another consumer
   * holds are skipped, so two dispatchers never take the same event.
   */
  async claimUnpublished(manager: EntityManager, limit: number): Promise<PublishableEvent[]> {
    const rows: {
      id: string;
      type: string;
      aggregate_type: string;
      aggregate_id: string;
      payload: Record<string, unknown>;
      occurred_at: Date;
    }[] = await manager.query(
      `SELECT id, type, aggregate_type, aggregate_id, payload, occurred_at FROM outbox_events
        WHERE published_at IS NULL
        ORDER BY id
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({
      aggregateId: r.aggregate_id,
      aggregateType: r.aggregate_type,
      id: String(r.id),
      occurredAt: r.occurred_at,
      payload: r.payload,
      type: r.type,
    }));
  }

  async isolated(manager: EntityManager, work: () => Promise<void>): Promise<void> {
    await manager.query('SAVEPOINT outbox_event');
    try {
      await work();
      await manager.query('RELEASE SAVEPOINT outbox_event');
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT outbox_event');
      throw error;
    }
  }

  async markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }
}

export type PublishableEvent = Pick<
  OutboxEvent,
  'aggregateId' | 'aggregateType' | 'id' | 'occurredAt' | 'payload' | 'type'
>;
