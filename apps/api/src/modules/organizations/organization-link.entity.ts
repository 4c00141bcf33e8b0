import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const LINK_KINDS = ['psa', 'accounting', 'gateway', 'other'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Which kind of system a source slug names; drives the profile's integration "chips". */
export function linkKindOf(source: string): LinkKind {
  if (['connectwise', 'autotask', 'halopsa', 'kaseya-bms', 'syncro'].includes(source)) return 'psa';
  if (['quickbooks', 'xero', 'sage-intacct', 'business-central'].includes(source))
    return 'accounting';
  if (['stripe', 'sandbox'].includes(source)) return 'gateway';
  return 'other';
}

/** An organization's identity in an external system (PSA company, accounting customer, …). */
@Entity('organization_links')
@Index('UQ_organization_links_source_external_id', ['source', 'externalId'], { unique: true })
@Index('IDX_organization_links_organization_id', ['organizationId'])
export class OrganizationLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column({ length: 40 })
  source: string;

  @Column({ length: 16, type: 'varchar' })
  kind: LinkKind;

  @Column({ length: 120 })
  externalId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
