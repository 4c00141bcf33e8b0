import { PaymentStatus } from '@settle/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';
import { GatewayName } from '../gateways';

export const SYNC_STATES = ['pending', 'synced', 'failed', 'dismissed'] as const;
export type SyncState = (typeof SYNC_STATES)[number];
export const PAYMENT_ORIGINS = ['staff', 'api', 'portal', 'autopay'] as const;
export type PaymentOrigin = (typeof PAYMENT_ORIGINS)[number];

/**
 * Money from one payment method toward one or more invoices of one organization. `amount` goes to
 * the invoices; `total` (amount + fee) is what the gateway charges.
 */
@Entity('payments')
@Index('IDX_payments_organization_created', ['organizationId', 'createdAt'])
@Index('IDX_payments_status_scheduled_for', ['status', 'scheduledFor'])
@Index('IDX_payments_created', ['createdAt'])
// AutoPay charges an invoice at most once per run date, however many runs or workers try.
@Index('UQ_payments_autopay_invoice_run_date', ['autopayInvoiceId', 'autopayRunDate'], {
  unique: true,
  where: 'autopay_invoice_id IS NOT NULL',
})
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human reference, shown as PAY-000123. */
  @Column({ type: 'int', unique: true })
  @Generated('increment')
  sequence: number;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  paymentMethodId: string;

  @Column({ length: 16, type: 'varchar' })
  gateway: GatewayName;

  @Column({ length: 3 })
  currency: string;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  amount: number;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  fee: number;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  total: number;

  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  amountRefunded: number;

  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  feeRefunded: number;

  @Column({ length: 20, type: 'varchar' })
  status: PaymentStatus;

  @Column({ length: 60, nullable: true, type: 'varchar' })
  failureCode: string | null;

  @Column({ length: 500, nullable: true, type: 'varchar' })
  failureMessage: string | null;

  /** ACH return reason (R01…), when the bank sent the money back. */
  @Column({ length: 4, nullable: true, type: 'varchar' })
  returnCode: string | null;

  @Column({ nullable: true, type: 'date' })
  scheduledFor: string | null;

  @Column({ nullable: true, type: 'uuid' })
  installmentPlanId: string | null;

  @Column({ nullable: true, type: 'smallint' })
  installmentNumber: number | null;

  @Column({ nullable: true, type: 'smallint' })
  installmentCount: number | null;

  /** Set on payments AutoPay made: the rule that matched. */
  @Column({ nullable: true, type: 'uuid' })
  autopayRuleId: string | null;

  /** Set on payments AutoPay made: the one invoice it pays (with the run date, its identity). */
  @Column({ nullable: true, type: 'uuid' })
  autopayInvoiceId: string | null;

  /** Set on payments AutoPay made: the run date (MSP calendar) it was made for. */
  @Column({ nullable: true, type: 'date' })
  autopayRunDate: string | null;

  /** The gateway's id for the charge (Stripe PaymentIntent, sandbox charge). */
  @Column({ length: 255, nullable: true, type: 'varchar' })
  gatewayPaymentRef: string | null;

  @Column({ length: 16, type: 'varchar' })
  origin: PaymentOrigin;

  @Column({ length: 200 })
  createdBy: string;

  /** Extra receipt recipients typed at checkout, beyond the organization's receipt contacts. */
  @Column({ default: () => "'{}'", type: 'text', array: true })
  receiptRecipients: string[];

  @Column({ default: 'pending', length: 16, type: 'varchar' })
  syncState: SyncState;

  @Column({ nullable: true, type: 'timestamptz' })
  processedAt: Date | null;

  @Column({ nullable: true, type: 'timestamptz' })
  settledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
