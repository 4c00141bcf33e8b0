import { ReconciliationDifferenceKind } from '@settle/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const RECONCILIATION_RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ReconciliationRunStatus = (typeof RECONCILIATION_RUN_STATUSES)[number];
export const RECONCILIATION_STAGES = [
  'payments',
  'accounting',
  'gateway',
  'matching',
  'done',
] as const;
export type ReconciliationStage = (typeof RECONCILIATION_STAGES)[number];

export interface ReconciliationProgress {
  stage: ReconciliationStage;
  done: number;
  total: number;
}

export interface ReconciliationSideTotal {
  count: number;
  amount: number;
}

/** What a completed run found (amounts in minor units of `currency`). */
export interface ReconciliationRunTotals {
  currency: string;
  settle: ReconciliationSideTotal;
  accounting: ReconciliationSideTotal | null;
  gateway: ReconciliationSideTotal;
  matched: ReconciliationSideTotal;
  differences: { count: number; byKind: Record<ReconciliationDifferenceKind, number> };
}

/** The systems a run compared Settle with, fixed when it was asked for. */
export interface ReconciliationSources {
  accounting: { kind: 'quickbooks'; name: string; integrationId: string } | null;
  gateway: { kind: 'stripe' | 'sandbox' };
}

/**
 * One comparison of Settle's payments with the accounting package's and the gateway's over a
 * period, for one organization or all. At most one with the same period and scope is queued or
 * running at a time (`scope`: from, to and organization in one key).
 */
@Entity('reconciliation_runs')
@Index('IDX_reconciliation_runs_created', ['createdAt'])
@Index('UQ_reconciliation_runs_active_scope', ['scope'], {
  unique: true,
  where: "status IN ('queued', 'running')",
})
export class ReconciliationRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ nullable: true, type: 'uuid' })
  organizationId: string | null;

  /** `from/to/organization or all`: what makes two requests the same run. */
  @Column({ length: 90, type: 'varchar' })
  scope: string;

  @Column({ length: 12, type: 'varchar' })
  status: ReconciliationRunStatus;

  @Column({ type: 'jsonb' })
  progress: ReconciliationProgress;

  @Column({ type: 'jsonb' })
  sources: ReconciliationSources;

  @Column({ nullable: true, type: 'jsonb' })
  totals: ReconciliationRunTotals | null;

  @Column({ length: 1000, nullable: true, type: 'varchar' })
  error: string | null;

  @Column({ length: 200 })
  requestedBy: string;

  @Column({ nullable: true, type: 'timestamptz' })
  startedAt: Date | null;

  @Column({ nullable: true, type: 'timestamptz' })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
