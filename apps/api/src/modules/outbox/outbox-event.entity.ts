import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Domain events written in the same transaction as the change they announce; receipts and
 * notifications are sent from here, so an event is never lost nor sent for a rolled-back change.
 */
@Entity('outbox_events')
@Index('IDX_outbox_events_unpublished', ['id'], { where: 'published_at IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ length: 60 })
  type: string;

  @Column({ length: 40 })
  aggregateType: string;

  @Column('uuid')
  aggregateId: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ nullable: true, type: 'timestamptz' })
  publishedAt: Date | null;
}
