import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { Email } from './email.entity';

export const EMAIL_EVENT_TYPES = [
  'triggered',
  'queued',
  'processed',
  'sent',
  'failed',
  'skipped',
  'resent',
] as const;
export type EmailEventType = (typeof EMAIL_EVENT_TYPES)[number];

/** One step of an email's trail; rows are only ever inserted. */
@Entity('email_events')
@Index('IDX_email_events_email', ['emailId', 'id'])
export class EmailEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  emailId: string;

  @ManyToOne(() => Email, { onDelete: 'CASCADE' })
  email?: Email;

  @Column({ length: 16, type: 'varchar' })
  type: EmailEventType;

  @Column({ default: () => 'now()', type: 'timestamptz' })
  at: Date;

  @Column({ nullable: true, type: 'text' })
  detail: string | null;
}
