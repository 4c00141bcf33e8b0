import {
  Column,
  CreateDateColumn,
  Entity,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

import { Contact } from './contact.entity';

/**
 * A contact's portal password (argon2id, as staff's), set by accepting an invitation or by a
 * password reset. A contact without one has never set a password and cannot sign in.
 */
@Entity('contact_credentials')
export class ContactCredential {
  @PrimaryColumn('uuid')
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  contact?: Contact;

  @Column({ length: 255 })
  passwordHash: string;

  /**
   * Portal sessions begun before this instant no longer count: moved on when the password
   * changes or access to an organization is revoked, so every session of the contact ends at
   * once without this module touching the portal's sessions table.
   */
  @Column({ type: 'timestamptz' })
  sessionsValidAfter: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
