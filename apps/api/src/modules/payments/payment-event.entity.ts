import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const PAYMENT_EVENT_TYPES = [
  'created',
  'scheduled',
  'approved',
  'adjusted',
  'attempt_sent',
  'gateway_response',
  'outcome_unknown',
  'reconciled',
  'succeeded',
  'submitted',
  'settled',
  'failed',
  'returned',
  'refund_requested',
  'refunded',
  'refund_failed',
  'cancelled',
  'rescheduled',
  'accounting_synced',
  'accounting_sync_failed',
  'accounting_sync_queued',
  'accounting_sync_dismissed',
  'hidden_from_portal',
  'shown_in_portal',
] as const;
export type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];

/** One step of a payment's timeline; rows are only ever inserted. */
@Entity('payment_events')
@Index('IDX_payment_events_payment', ['paymentId', 'id'])
export class PaymentEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  paymentId: string;

  @Column({ length: 30, type: 'varchar' })
  type: PaymentEventType;

  @Column({ length: 200 })
  actor: string;

  @Column({ length: 500 })
  summary: string;

  @Column({ nullable: true, type: 'jsonb' })
  data: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
