import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { Integration } from './integration.entity';

export const SYNC_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
export const SYNC_RUN_TRIGGERS = ['schedule', 'manual'] as const;
export type SyncRunTrigger = (typeof SYNC_RUN_TRIGGERS)[number];

/** Progress by record type: how many records were read so far. */
export type SyncProgress = Partial<Record<string, number>>;

export interface SyncTimings {
  fetchMs?: number;
  writeMs?: number;
}

/** One sync of an integration. At most one is queued or running per integration, across processes. */
@Entity('sync_runs')
@Index('IDX_sync_runs_integration_created', ['integrationId', 'createdAt'])
@Index('IDX_sync_runs_created', ['createdAt'])
@Index('UQ_sync_runs_active', ['integrationId'], {
  unique: true,
  where: "status IN ('queued', 'running')",
})
export class SyncRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  integrationId: string;

  @ManyToOne(() => Integration, { onDelete: 'CASCADE' })
  integration?: Integration;

  @Column({ length: 12, type: 'varchar' })
  status: SyncRunStatus;

  @Column({ length: 12, type: 'varchar' })
  trigger: SyncRunTrigger;

  /** Lists every id to find deletions, instead of only what changed. */
  @Column({ default: false })
  full: boolean;

  @Column({ default: 0, type: 'int' })
  created: number;

  @Column({ default: 0, type: 'int' })
  updated: number;

  @Column({ default: 0, type: 'int' })
  unchanged: number;

  @Column({ default: 0, type: 'int' })
  deleted: number;

  @Column({ default: 0, type: 'int' })
  failed: number;

  @Column({ default: () => "'{}'", type: 'jsonb' })
  progress: SyncProgress;

  /** Where the run's time went: waiting for the source, and writing pages. */
  @Column({ default: () => "'{}'", type: 'jsonb' })
  timings: SyncTimings;

  @Column({ length: 1000, nullable: true, type: 'varchar' })
  error: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  startedAt: Date | null;

  @Column({ nullable: true, type: 'timestamptz' })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
