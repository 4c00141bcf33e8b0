import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { Contact } from '../../contacts';

/**
 * A contact's portal sign-in, apart from staff sessions: its own table and cookie, so neither
 * kind can ever stand for the other. The cookie holds a random token; only its SHA-256 is stored.
 * A staff "Customer Portal" view is a portal session too, with no contact: a staff user, the one
 * organization they look at, read only.
 */
@Entity('portal_sessions')
@Index('UQ_portal_sessions_token_hash', ['tokenHash'], { unique: true })
@Index('IDX_portal_sessions_contact_id', ['contactId'])
@Index('IDX_portal_sessions_expires_at', ['expiresAt'])
export class PortalSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** null for a staff view. */
  @Column({ nullable: true, type: 'uuid' })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  contact?: Contact;

  /** A staff view: the staff user looking. */
  @Column({ nullable: true, type: 'uuid' })
  staffUserId: string | null;

  /** A staff view: the one organization it shows. */
  @Column({ nullable: true, type: 'uuid' })
  viewOrganizationId: string | null;

  /** A staff view's link token is good once: exchanged for the session cookie, then cleared. */
  @Column({ default: false })
  awaitingExchange: boolean;

  @Column({ length: 64 })
  tokenHash: string;

  /** Double-submit CSRF token; also sent as the readable settle_portal_csrf cookie. */
  @Column({ length: 64 })
  csrfToken: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ length: 64, nullable: true, type: 'varchar' })
  ip: string | null;

  @Column({ length: 300, nullable: true, type: 'varchar' })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
