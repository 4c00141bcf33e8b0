import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';

import { Email } from './email.entity';

/** A file sent with an email (the statement PDF), kept so a resend sends the same bytes. */
@Entity('email_attachments')
export class EmailAttachment {
  @PrimaryColumn('uuid')
  emailId: string;

  @ManyToOne(() => Email, { onDelete: 'CASCADE' })
  email?: Email;

  @PrimaryColumn({ type: 'smallint' })
  index: number;

  @Column({ length: 200 })
  filename: string;

  @Column({ length: 100 })
  contentType: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ type: 'int' })
  size: number;
}
