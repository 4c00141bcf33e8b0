import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const INTEGRATION_KINDS = ['connectwise', 'quickbooks'] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];
export const INTEGRATION_STATUSES = ['connected', 'needs_attention', 'disconnected'] as const;
export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number];
export const SYNC_SCHEDULES = ['off', 'every_15_minutes', 'hourly', 'daily'] as const;
export type SyncSchedule = (typeof SYNC_SCHEDULES)[number];

/** ConnectWise Manage's non-secret settings (the only kind so far). */
export interface IntegrationSettings {
  site: string;
  companyId: string;
  publicKey: string;
  clientId: string;
  hiddenCompanyTypes: string[];
  hiddenCompanyStatuses: string[];
}

/** Where incremental sync resumes, per record type: the newest `lastUpdated` seen. */
export type SyncCursors = Partial<Record<string, string>>;

/** One connected external system (a PSA or an accounting package) and how it is synced. */
@Entity('integrations')
export class Integration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ length: 16, type: 'varchar' })
  kind: IntegrationKind;

  @Column({ length: 200 })
  name: string;

  @Column({ default: 'connected', length: 20, type: 'varchar' })
  status: IntegrationStatus;

  /** Why it needs attention, in the source's words. */
  @Column({ length: 1000, nullable: true, type: 'varchar' })
  statusMessage: string | null;

  /** The kind's non-secret settings (site, company id, public key, hide rules …). */
  @Column({ default: () => "'{}'", type: 'jsonb' })
  settings: IntegrationSettings;

  /** The kind's secrets as JSON, sealed with SecretBox; never returned by the API. */
  @Column({ nullable: true, type: 'text' })
  sealedCredentials: string | null;

  @Column({ default: 'hourly', length: 20, type: 'varchar' })
  schedule: SyncSchedule;

  @Column({ default: () => "'{}'", type: 'jsonb' })
  cursors: SyncCursors;

  /** The last run that listed every id (deletions are found only by those). */
  @Column({ nullable: true, type: 'timestamptz' })
  lastFullSyncAt: Date | null;

  /**
   * When the runs started failing (the first failed run since the last one that succeeded); set
   * once per such episode, which is what sends its alert once. A successful run clears it.
   */
  @Column({ nullable: true, type: 'timestamptz' })
  syncFailingSince: Date | null;

  /**
   * Set when the integration was found not synced for 48 hours: the time of its last successful
   * run (or of its creation). Once per episode, like `syncFailingSince`; a successful run clears it.
   */
  @Column({ nullable: true, type: 'timestamptz' })
  syncStaleSince: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
