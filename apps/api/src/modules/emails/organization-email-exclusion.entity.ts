import { CreateDateColumn, Entity, ManyToOne, PrimaryColumn } from 'typeorm';

import { Organization } from '../organizations';

import { ExcludableCategory } from './templates';

/** A category of automated email the organization asked not to receive. */
@Entity('organization_email_exclusions')
export class OrganizationEmailExclusion {
  @PrimaryColumn('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @PrimaryColumn({ length: 20, type: 'varchar' })
  category: ExcludableCategory;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
