import {
  AccountingSyncAction,
  AccountingSyncCause,
  AccountingSyncStatus,
  PaymentStatus,
} from '@settle/domain';
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
// The push job's queue: pending syncs by when they are due (a lease or a retry's backoff).
@Index('IDX_payments_accounting_sync_due', ['accountingSyncNextAttemptAt'], {
  where: "accounting_sync_status = 'pending'",
})
// Payments failing to sync: the Overview's count and the Resolve Now list.
@Index('IDX_payments_accounting_sync_failed', ['createdAt'], {
  where: "accounting_sync_status = 'failed'",
})
// The 10% alert's window: payments accounting was asked to take lately.
@Index('IDX_payments_accounting_sync_last_attempt', ['accountingSyncLastAttemptAt'], {
  where: 'accounting_sync_last_attempt_at IS NOT NULL',
})
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

  /** Whether (and how) the payment still has to be recorded in the accounting package. */
  @Column({ default: 'not_applicable', length: 16, type: 'varchar' })
  accountingSyncStatus: AccountingSyncStatus;

  /** What a pending sync will do: push the payment, or reverse a pushed one. */
  @Column({ default: 'push', length: 8, type: 'varchar' })
  accountingSyncAction: AccountingSyncAction;

  /** The accounting package's id of the pushed payment. */
  @Column({ length: 255, nullable: true, type: 'varchar' })
  accountingExternalId: string | null;

  /** The accounting package's last refusal, in its own words. */
  @Column({ length: 1000, nullable: true, type: 'varchar' })
  accountingSyncError: string | null;

  @Column({ length: 32, nullable: true, type: 'varchar' })
  accountingSyncCause: AccountingSyncCause | null;

  /** Attempts of the current push (or reversal); a manual retry starts over. */
  @Column({ default: 0, type: 'smallint' })
  accountingSyncAttempts: number;

  /**
   * The current round's request key (QuickBooks' `requestid`): kept through automatic retries so
   * a retry replays, new when a round starts (attempts back at 0), as a refusal replays too.
   */
  @Column({ nullable: true, type: 'uuid' })
  accountingRequestKey: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  accountingSyncLastAttemptAt: Date | null;

  /** When a pending sync is due: now, a retry's backoff, or a claimed push's lease. */
  @Column({ nullable: true, type: 'timestamptz' })
  accountingSyncNextAttemptAt: Date | null;

  /** Staff hid it from the portal (recorded by hand in accounting, say). */
  @Column({ default: false })
  hiddenFromPortal: boolean;

  @Column({ nullable: true, type: 'timestamptz' })
  processedAt: Date | null;

  @Column({ nullable: true, type: 'timestamptz' })
  settledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
