import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';

/**
 * Per-organization A/R, maintained in the same transaction as every invoice change so the
 * overview reads a few thousand rows instead of summing a million invoices. Past due depends on
 * the day, so each row records the day it was computed for and is refreshed when that changes.
 */
@Entity('organization_balances')
@Index('IDX_organization_balances_currency_balance', ['currency', 'balance'])
@Index('IDX_organization_balances_currency_past_due', ['currency', 'pastDue'])
export class OrganizationBalance {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn({ length: 3 })
  currency: string;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  balance: number;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  pastDue: number;

  @Column({ type: 'int' })
  openInvoices: number;

  /**
   * The balance by days past due on `asOf`, as libs/domain's agingBuckets counts them; they add
   * up to `balance`, and `pastDue` is all but `current`.
   */
  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  current: number;

  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  days1to30: number;

  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  days31to60: number;

  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  days61to90: number;

  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  days90plus: number;

  @Column({ nullable: true, type: 'date' })
  oldestDueDate: string | null;

  /** The MSP calendar day `pastDue` and the aging buckets were computed for. */
  @Column({ type: 'date' })
  asOf: string;
}
