import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUTOPAY_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type AutopayRunStatus = (typeof AUTOPAY_RUN_STATUSES)[number];
export const AUTOPAY_RUN_TRIGGERS = ['schedule', 'manual'] as const;
export type AutopayRunTrigger = (typeof AUTOPAY_RUN_TRIGGERS)[number];

/**
 * One AutoPay run over every organization with rules, for one MSP calendar date. Runs are the
 * history staff read; what makes a charge happen once is the payments' (invoice, run date) index.
 */
@Entity('autopay_runs')
@Index('IDX_autopay_runs_created', ['createdAt'])
// The clock starts one scheduled run per day, however many workers see the hour.
@Index('UQ_autopay_runs_scheduled_date', ['runDate'], {
  unique: true,
  where: "trigger = 'schedule'",
})
export class AutopayRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'date' })
  runDate: string;

  @Column({ length: 12, type: 'varchar' })
  status: AutopayRunStatus;

  @Column({ length: 12, type: 'varchar' })
  trigger: AutopayRunTrigger;

  /** Who asked for it: a staff email, or "AutoPay schedule". */
  @Column({ length: 200 })
  requestedBy: string;

  @Column({ default: 0, type: 'int' })
  evaluated: number;

  @Column({ default: 0, type: 'int' })
  charged: number;

  @Column({ default: 0, type: 'int' })
  failed: number;

  @Column({ default: 0, type: 'int' })
  pendingApproval: number;

  @Column({ default: 0, type: 'int' })
  skipped: number;

  /** Why charges were skipped or failed, a line each (bounded), for staff to read. */
  @Column({ default: () => "'{}'", type: 'text', array: true })
  problems: string[];

  @Column({ length: 500, nullable: true, type: 'varchar' })
  error: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  startedAt: Date | null;

  @Column({ nullable: true, type: 'timestamptz' })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
