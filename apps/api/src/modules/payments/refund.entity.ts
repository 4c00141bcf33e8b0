import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Money sent back on a payment; `amount` returns to invoices, `fee` is the fee's share. */
@Entity('refunds')
@Index('IDX_refunds_payment', ['paymentId'])
export class Refund {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  paymentId: string;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  amount: number;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  fee: number;

  @Column({ length: 16, type: 'varchar' })
  status: RefundStatus;

  /** Where the refunded amount goes back: [{invoiceId, amount}]. */
  @Column({ type: 'jsonb' })
  allocations: { invoiceId: string; amount: number }[];

  @Column({ length: 255, unique: true })
  gatewayIdempotencyKey: string;

  @Column({ length: 255, nullable: true, type: 'varchar' })
  gatewayRef: string | null;

  @Column({ length: 500, nullable: true, type: 'varchar' })
  failureMessage: string | null;

  @Column({ length: 500, nullable: true, type: 'varchar' })
  reason: string | null;

  @Column({ length: 200 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The process that sends it; once that process is gone, another sends it again at once. */
  @Column({ nullable: true, type: 'uuid' })
  ownerProcessId: string | null;
}
