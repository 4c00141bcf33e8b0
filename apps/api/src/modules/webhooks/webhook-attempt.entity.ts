import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { WebhookDelivery } from './webhook-delivery.entity';

/** One HTTP request of a delivery and what came back: the delivery log staff read. */
@Entity('webhook_attempts')
@Index('IDX_webhook_attempts_delivery', ['deliveryId', 'id'])
export class WebhookAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: WebhookDelivery;

  @Column({ type: 'timestamptz' })
  attemptedAt: Date;

  /** The request's headers (the signature included; it is worthless without the secret). */
  @Column({ type: 'jsonb' })
  requestHeaders: Record<string, string>;

  @Column({ nullable: true, type: 'int' })
  responseStatus: number | null;

  /** The first 2,000 characters of the response body. */
  @Column({ length: 2000, nullable: true, type: 'varchar' })
  responseBody: string | null;

  /** Why no response came: timeout, refused connection, a private address. */
  @Column({ length: 500, nullable: true, type: 'varchar' })
  error: string | null;

  @Column({ type: 'int' })
  durationMs: number;
}
