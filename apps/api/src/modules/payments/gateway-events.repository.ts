import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { GatewayEvent } from './gateway-event.entity';

/** The gateway_events table: each webhook event, stored once by the gateway's id. */
@Injectable()
export class GatewayEventsRepository {
  /** Whether this call stored it: false when the event was already recorded (a redelivery). */
  async insertOnce(
    manager: EntityManager,
    event: Pick<GatewayEvent, 'eventId' | 'gateway' | 'payload' | 'type'>,
  ): Promise<boolean> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO gateway_events (gateway, event_id, type, payload) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (gateway, event_id) DO NOTHING RETURNING id`,
      [event.gateway, event.eventId, event.type, JSON.stringify(event.payload)],
    );
    return inserted.length > 0;
  }
}
