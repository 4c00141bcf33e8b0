import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';

import { Organization } from '../organizations';
import { AccessProfile } from './access-profile.entity';
import { Contact } from './contact.entity';

/** A contact's relation to one organization, with the access profile it has there. */
@Entity('contact_memberships')
@Index('IDX_contact_memberships_organization_id', ['organizationId'])
@Index('IDX_contact_memberships_access_profile_id', ['accessProfileId'])
export class ContactMembership {
  @PrimaryColumn('uuid')
  contactId: string;

  @PrimaryColumn('uuid')
  organizationId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  contact?: Contact;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  /** Null means access was revoked: the contact stays listed but cannot use the portal here. */
  @Column({ nullable: true, type: 'uuid' })
  accessProfileId: string | null;

  @ManyToOne(() => AccessProfile, { onDelete: 'RESTRICT' })
  accessProfile?: AccessProfile | null;

  /** Automated emails for the organization go to its default notification contacts. */
  @Column({ default: false })
  isDefaultNotification: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
