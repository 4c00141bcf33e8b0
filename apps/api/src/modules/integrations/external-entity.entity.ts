import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { Organization } from '../organizations';
import { Integration } from './integration.entity';

export const EXTERNAL_ENTITY_TYPES = [
  'company',
  'contact',
  'invoice',
  'payment',
  'credit_memo',
] as const;
export type ExternalEntityType = (typeof EXTERNAL_ENTITY_TYPES)[number];

/**
 * A record as an integration's source last had it. `data` is the source's record as mapped by
 * the adapter: a sync writes a row only when `data`, the name or the parent differ.
 */
@Entity('external_entities')
@Index('UQ_external_entities_ref', ['integrationId', 'type', 'externalId'], { unique: true })
@Index('IDX_external_entities_organization_id', ['organizationId'])
export class ExternalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  integrationId: string;

  @ManyToOne(() => Integration, { onDelete: 'CASCADE' })
  integration?: Integration;

  @Column({ length: 16, type: 'varchar' })
  type: ExternalEntityType;

  @Column({ length: 120 })
  externalId: string;

  /** For a contact or an invoice: its company's external id. */
  @Column({ length: 120, nullable: true, type: 'varchar' })
  parentExternalId: string | null;

  @Column({ length: 300 })
  name: string;

  /** As written (json, not jsonb): stored and read back whole, never queried inside. */
  @Column({ type: 'json' })
  data: Record<string, unknown>;

  /** The Settle organization it belongs to (a company's own, or its company's). */
  @Column({ nullable: true, type: 'uuid' })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  organization?: Organization | null;

  /** Hidden records are kept but not brought into Settle (hide rules, or staff). */
  @Column({ default: false })
  hidden: boolean;

  /** Gone from the source (found by a full id reconciliation). */
  @Column({ nullable: true, type: 'timestamptz' })
  deletedAt: Date | null;

  @Column({ nullable: true, type: 'timestamptz' })
  sourceUpdatedAt: Date | null;

  /** When a sync last wrote it (an unchanged record is not written). */
  @Column({ default: () => 'now()', type: 'timestamptz' })
  lastSyncedAt: Date;
}
