import type { ContactTokenPurpose } from '@settle/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { Contact } from './contact.entity';

/**
 * A single-use secret mailed to a contact (an invitation or a password reset link). Only its
 * SHA-256 is kept: a copy of the database does not let anyone sign in as a contact.
 */
@Entity('contact_tokens')
@Index('UQ_contact_tokens_token_hash', ['tokenHash'], { unique: true })
@Index('IDX_contact_tokens_contact_purpose', ['contactId', 'purpose'])
export class ContactToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  contact?: Contact;

  @Column({ length: 16, type: 'varchar' })
  purpose: ContactTokenPurpose;

  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ nullable: true, type: 'timestamptz' })
  consumedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
