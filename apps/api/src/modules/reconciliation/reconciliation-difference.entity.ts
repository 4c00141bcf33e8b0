import { ReconciliationDifferenceKind } from '@settle/domain';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';
import { ReconciliationRun } from './reconciliation-run.entity';

/** The inputs of a difference's words, beyond its columns. */
export interface ReconciliationDifferenceDetail {
  paymentReference?: string | null;
  organizationName?: string | null;
  customerName?: string | null;
  syncCause?: string | null;
  syncError?: string | null;
  syncAction?: string | null;
  syncStatus?: string | null;
  expectedAccountingAmount?: number | null;
  expectedGatewayAmount?: number | null;
  settleAmountRefunded?: number;
  gatewayAmountRefunded?: number | null;
  accountingVoided?: boolean;
  accountingRefNum?: string | null;
  possibleDoublePayment?: boolean;
  also?: ReconciliationDifferenceKind[];
}

/** One difference a run found, with each side's amount (minor units; null when absent there). */
@Entity('reconciliation_differences')
@Index('IDX_reconciliation_differences_run_org', ['runId', 'organizationId'])
@Index('IDX_reconciliation_differences_run_kind', ['runId', 'kind'])
export class ReconciliationDifference {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  runId: string;

  @ManyToOne(() => ReconciliationRun, { onDelete: 'CASCADE' })
  run?: ReconciliationRun;

  @Column({ length: 40, type: 'varchar' })
  kind: ReconciliationDifferenceKind;

  @Column({ nullable: true, type: 'uuid' })
  organizationId: string | null;

  @Column({ nullable: true, type: 'uuid' })
  paymentId: string | null;

  @Column({ length: 255, nullable: true, type: 'varchar' })
  accountingPaymentId: string | null;

  @Column({ length: 255, nullable: true, type: 'varchar' })
  gatewayChargeRef: string | null;

  @Column({ nullable: true, transformer: bigintMoney, type: 'bigint' })
  settleAmount: number | null;

  @Column({ nullable: true, transformer: bigintMoney, type: 'bigint' })
  accountingAmount: number | null;

  @Column({ nullable: true, transformer: bigintMoney, type: 'bigint' })
  gatewayAmount: number | null;

  @Column({ length: 3 })
  currency: string;

  @Column({ type: 'date' })
  occurredOn: string;

  @Column({ default: () => "'{}'", type: 'jsonb' })
  detail: ReconciliationDifferenceDetail;
}
