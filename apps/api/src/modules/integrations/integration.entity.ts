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

/** Companies the sync keeps hidden (both kinds have them). */
interface HideRules {
  hiddenCompanyTypes: string[];
  hiddenCompanyStatuses: string[];
}

/** ConnectWise Manage's non-secret settings. */
export interface ConnectWiseSettings extends HideRules {
  site: string;
  companyId: string;
  publicKey: string;
  clientId: string;
}

/** QuickBooks Online's non-secret settings; its tokens are the sealed credentials. */
export interface QuickBooksSettings extends HideRules {
  /** The company (realm) the admin connected; null until the first connect. */
  realmId: string | null;
  /** Where pushed payments are deposited; null: Undeposited Funds. */
  depositAccountId: string | null;
  paymentMethodId: string | null;
}

export type IntegrationSettings = ConnectWiseSettings | QuickBooksSettings;

/** Where incremental sync resumes, per record type: the newest `lastUpdated` seen. */
export function connectWiseSettings(
  integration: Pick<Integration, 'settings'>,
): ConnectWiseSettings {
  return integration.settings as ConnectWiseSettings;
}

export function quickBooksSettings(integration: Pick<Integration, 'settings'>): QuickBooksSettings {
  const settings = integration.settings as Partial<QuickBooksSettings>;
  return {
    depositAccountId: settings.depositAccountId ?? null,
    hiddenCompanyStatuses: settings.hiddenCompanyStatuses ?? [],
    hiddenCompanyTypes: settings.hiddenCompanyTypes ?? [],
    paymentMethodId: settings.paymentMethodId ?? null,
    realmId: settings.realmId ?? null,
  };
}

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

  /**
   * SHA-256 (hex) of the `state` of the authorization under way (QuickBooks' OAuth); the state
   * itself is never stored. Cleared when the callback uses it.
   */
  @Column({ length: 64, nullable: true, type: 'varchar' })
  oauthStateHash: string | null;

  @Column({ nullable: true, type: 'timestamptz' })
  oauthStateExpiresAt: Date | null;

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
