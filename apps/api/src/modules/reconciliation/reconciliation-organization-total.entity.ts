import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { bigintMoney } from '../../database/bigint.transformer';
import { ReconciliationRun } from './reconciliation-run.entity';

/**
 * A run's figures for one organization (null: records no organization in Settle is linked to):
 * each side's amount (accounting null when none is connected) and its differences.
 */
@Entity('reconciliation_organization_totals')
@Index('IDX_reconciliation_organization_totals_run', ['runId', 'differenceCount'])
export class ReconciliationOrganizationTotal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  runId: string;

  @ManyToOne(() => ReconciliationRun, { onDelete: 'CASCADE' })
  run?: ReconciliationRun;

  @Column({ nullable: true, type: 'uuid' })
  organizationId: string | null;

  @Column({ length: 300 })
  name: string;

  @Column({ length: 3 })
  currency: string;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  settleAmount: number;

  @Column({ nullable: true, transformer: bigintMoney, type: 'bigint' })
  accountingAmount: number | null;

  @Column({ transformer: bigintMoney, type: 'bigint' })
  gatewayAmount: number;

  @Column({ type: 'int' })
  differenceCount: number;
}
