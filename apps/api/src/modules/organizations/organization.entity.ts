import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const ORGANIZATION_STATUSES = ['active', 'hidden'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

@Entity('organizations')
@Index('IDX_organizations_status_name', ['status', 'name'])
@Index('IDX_organizations_parent', ['parentOrganizationId'])
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ length: 200 })
  name: string;

  @Column({ default: 'active', length: 16, type: 'varchar' })
  status: OrganizationStatus;

  @Column({ length: 200, nullable: true, type: 'varchar' })
  addressLine1: string | null;

  @Column({ length: 200, nullable: true, type: 'varchar' })
  addressLine2: string | null;

  @Column({ length: 120, nullable: true, type: 'varchar' })
  city: string | null;

  @Column({ length: 120, nullable: true, type: 'varchar' })
  region: string | null;

  @Column({ length: 20, nullable: true, type: 'varchar' })
  postalCode: string | null;

  @Column({ length: 2, nullable: true, type: 'varchar' })
  country: string | null;

  @Column({ length: 40, nullable: true, type: 'varchar' })
  phone: string | null;

  /** No convenience fee on this organization's card payments. */
  @Column({ default: false })
  convenienceFeeWaived: boolean;

  /** Child billing: a child's invoices may be paid from its parent's portal. */
  @Column({ nullable: true, type: 'uuid' })
  parentOrganizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  parentOrganization?: Organization | null;

  @Column({ nullable: true, type: 'timestamptz' })
  lastPortalLoginAt: Date | null;

  @Column({ length: 254, nullable: true, type: 'varchar' })
  lastPortalLoginEmail: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
