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
}
