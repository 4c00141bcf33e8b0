import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  JoinColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { WebhookEndpoint } from './webhook-endpoint.entity';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event for one endpoint, written by the outbox dispatcher in the event's batch (so none is
 * lost) and then tried until the endpoint answers 2xx or the retry window closes. A sender holds
 * it `delivering` under a lease; a sender that dies leaves the lease to run out, and the next
 * sweep sends it again.
 */
@Entity('webhook_deliveries')
@Index('UQ_webhook_deliveries_endpoint_event', ['endpointId', 'eventId'], { unique: true })
@Index('IDX_webhook_deliveries_due', ['nextAttemptAt'], {
  where: "status IN ('pending', 'delivering')",
})
@Index('IDX_webhook_deliveries_endpoint_created', ['endpointId', 'createdAt'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  endpointId: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpoint;

  /** The outbox event's id; the payload's id is `evt_<this>`. */
  @Column({ type: 'bigint' })
  eventId: string;

  @Column({ length: 60 })
  eventType: string;

  /** The exact JSON body sent on every attempt (each attempt signs it with a fresh timestamp). */
  @Column({ type: 'text' })
  body: string;

  @Column({ length: 12, type: 'varchar' })
  status: WebhookDeliveryStatus;

  @Column({ default: 0, type: 'int' })
  attempts: number;

  /** When the next attempt is due (pending), or when the lease of the current one ends. */
  @Column({ nullable: true, type: 'timestamptz' })
  nextAttemptAt: Date | null;

  /** The start of the retry window: creation, or the last redeliver. */
  @Column({ type: 'timestamptz' })
  retryingSince: Date;

  @Column({ nullable: true, type: 'timestamptz' })
  lastAttemptAt: Date | null;

  @Column({ nullable: true, type: 'int' })
  lastResponseStatus: number | null;

  @Column({ length: 500, nullable: true, type: 'varchar' })
  lastError: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
