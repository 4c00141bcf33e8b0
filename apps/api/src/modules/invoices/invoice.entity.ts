import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';
import { Organization } from '../organizations';

export const INVOICE_STATUSES = ['open', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

@Entity('invoices')
@Index('UQ_invoices_source_external_id', ['source', 'externalId'], { unique: true })
@Index('IDX_invoices_organization_due', ['organizationId', 'dueDate'])
@Index('IDX_invoices_organization_status_due', ['organizationId', 'status', 'dueDate'])
@Index('IDX_invoices_status_due', ['status', 'dueDate'])
@Index('IDX_invoices_number', ['number'])
@Index('IDX_invoices_issue_date', ['issueDate'])
@Index('UQ_invoices_accounting_external_id', ['accountingSource', 'accountingExternalId'], {
  unique: true,
  where: 'accounting_external_id IS NOT NULL',
})
// The aging report on a past day sums these columns of the open invoices: an index-only scan
// read in organization order, so the sums stream without a hash table.
@Index(
  'IDX_invoices_open_aging',
  ['currency', 'organizationId', 'issueDate', 'dueDate', 'openBalance'],
  { where: `status = 'open' AND open_balance > 0` },
)
export class Invoice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  organization?: Organization;

  @Column({ length: 60 })
  number: string;

  @Column({ type: 'date' })
  issueDate: string;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ length: 60, nullable: true, type: 'varchar' })
  terms: string | null;

  @Column({ length: 60, nullable: true, type: 'varchar' })
  poNumber: string | null;

  @Column({ length: 3 })
  currency: string;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  total: number;

  /** What the source system last said is owed. */
  @Column({ transformer: bigintMoney, type: 'bigint' })
  sourceBalance: number;

  /**
   * Allocations of Settle payments that are processing or succeeded, net of refunds, and not yet
   * reflected in the source. Changed only through InvoicesService.shiftSettlePending, under the
   * invoice's row lock.
   */
  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  settlePending: number;

  /** What a customer may still pay: sourceBalance less settlePending, never below zero. */
  @Column({ transformer: bigintMoney, type: 'bigint' })
  openBalance: number;

  /**
   * What settlePending holds beyond what the source says is owed: money taken twice, or a Settle
   * payment the source already has. Normally 0; staff are shown every invoice where it is not.
   */
  @Column({ default: 0, transformer: bigintMoney, type: 'bigint' })
  overAllocated: number;

  @Column({ length: 8, type: 'varchar' })
  status: InvoiceStatus;

  @Column({ length: 40 })
  source: string;

  @Column({ length: 120 })
  externalId: string;

  /**
   * The accounting package that also has this (PSA) invoice, matched by number, and its id
   * there: its source balance comes from accounting, no longer from the PSA.
   */
  @Column({ length: 40, nullable: true, type: 'varchar' })
  accountingSource: string | null;

  @Column({ length: 120, nullable: true, type: 'varchar' })
  accountingExternalId: string | null;

  @Column({ length: 500, nullable: true, type: 'varchar' })
  pdfUrl: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
