import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { EmailCategory, EmailType } from './templates';

/** `processing` is the claim a sender holds while it talks to the SMTP server. */
export const EMAIL_STATUSES = ['queued', 'processing', 'sent', 'failed', 'skipped'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * One message to its recipients, written before it is sent: what it says is rendered once and
 * kept, so a resend or a look months later shows exactly what went out.
 */
@Entity('emails')
@Index('IDX_emails_created', ['createdAt'])
@Index('IDX_emails_organization_created', ['organizationId', 'createdAt'])
@Index('IDX_emails_contact_created', ['contactId', 'createdAt'])
@Index('IDX_emails_invoice_created', ['invoiceId', 'createdAt'])
@Index('IDX_emails_payment_created', ['paymentId', 'createdAt'])
@Index('IDX_emails_status_created', ['status', 'createdAt'])
@Index('UQ_emails_dedupe_key', ['dedupeKey'], { unique: true })
export class Email {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ length: 40, type: 'varchar' })
  type: EmailType;

  @Column({ length: 20, type: 'varchar' })
  category: EmailCategory;

  @Column({ length: 16, type: 'varchar' })
  status: EmailStatus;

  @Column({ nullable: true, type: 'uuid' })
  organizationId: string | null;

  @Column({ nullable: true, type: 'uuid' })
  contactId: string | null;

  @Column({ nullable: true, type: 'uuid' })
  invoiceId: string | null;

  @Column({ nullable: true, type: 'uuid' })
  paymentId: string | null;

  @Column({ nullable: true, type: 'uuid' })
  staffUserId: string | null;

  @Column({ type: 'text', array: true })
  to: string[];

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'jsonb' })
  templateData: Record<string, unknown>;

  /** Makes "this event's email to this recipient" exist once, however often it is triggered. */
  @Column({ length: 300, nullable: true, type: 'varchar' })
  dedupeKey: string | null;

  @Column({ nullable: true, type: 'uuid' })
  resentFromId: string | null;

  @Column({ length: 300, nullable: true, type: 'varchar' })
  messageId: string | null;

  @Column({ nullable: true, type: 'text' })
  smtpResponse: string | null;

  @Column({ nullable: true, type: 'text' })
  lastError: string | null;

  @Column({ default: 0, type: 'int' })
  attempts: number;

  /** When the current (or last) sender claimed it; a claim this old outlived its process. */
  @Column({ nullable: true, type: 'timestamptz' })
  claimedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ nullable: true, type: 'timestamptz' })
  sentAt: Date | null;
}
