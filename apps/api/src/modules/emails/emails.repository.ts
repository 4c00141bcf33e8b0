import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { PortalScope } from '../../common/portal-scope';
import { containsPattern } from '../../database/like';
import { EmailSortField, ListEmailsQueryDto } from './dto/email.dto';
import { EmailAttachment } from './email-attachment.entity';
import { EmailEvent, EmailEventType } from './email-event.entity';
import { Email, EmailStatus } from './email.entity';

export type NewEmail = Pick<
  Email,
  | 'category'
  | 'contactId'
  | 'dedupeKey'
  | 'html'
  | 'invoiceId'
  | 'organizationId'
  | 'paymentId'
  | 'resentFromId'
  | 'staffUserId'
  | 'status'
  | 'subject'
  | 'templateData'
  | 'text'
  | 'to'
  | 'type'
> & { id: string; lastError: string | null };

export interface NewEmailEvent {
  emailId: string;
  type: EmailEventType;
  detail: string | null;
}

export type NewAttachment = Pick<
  EmailAttachment,
  'content' | 'contentType' | 'emailId' | 'filename' | 'index'
>;

export type AttachmentInfo = Pick<EmailAttachment, 'contentType' | 'filename' | 'index' | 'size'>;

const SORT_COLUMNS: Record<EmailSortField, string> = {
  createdAt: 'e.created_at',
  sentAt: 'e.sent_at',
};

/** The emails, email_events and email_attachments tables. */
@Injectable()
export class EmailsRepository {
  /** Inserts the email unless one with its dedupe key exists; true when it was written. */
  async insert(manager: EntityManager, email: NewEmail): Promise<boolean> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO emails (id, type, category, status, organization_id, contact_id, invoice_id,
              payment_id, staff_user_id, "to", subject, html, text, template_data, dedupe_key,
              resent_from_id, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $17)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        email.id,
        email.type,
        email.category,
        email.status,
        email.organizationId,
        email.contactId,
        email.invoiceId,
        email.paymentId,
        email.staffUserId,
        email.to,
        email.subject,
        email.html,
        email.text,
        JSON.stringify(email.templateData),
        email.dedupeKey,
        email.resentFromId,
        email.lastError,
      ],
    );
    return rows.length === 1;
  }

  /** In one statement, in the given order (a trail is ordered by id). */
  async insertEvents(manager: EntityManager, events: NewEmailEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO email_events (email_id, type, detail)
       SELECT email_id, type, detail
         FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS e(email_id, type, detail, position)
        ORDER BY position`,
      [events.map((e) => e.emailId), events.map((e) => e.type), events.map((e) => e.detail)],
    );
  }

  async insertAttachments(manager: EntityManager, attachments: NewAttachment[]): Promise<void> {
    for (const attachment of attachments)
      await manager.query(
        `INSERT INTO email_attachments (email_id, index, filename, content_type, content, size)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          attachment.emailId,
          attachment.index,
          attachment.filename,
          attachment.contentType,
          attachment.content,
          attachment.content.length,
        ],
      );
  }

  async list(
    manager: EntityManager,
    query: ListEmailsQueryDto,
    page: { sort: [EmailSortField, 'ASC' | 'DESC']; offset: number },
  ): Promise<{ rows: Email[]; total: number }> {
    const builder = manager.getRepository(Email).createQueryBuilder('e');
    if (query.organizationId)
      builder.andWhere('e.organization_id = :organizationId', {
        organizationId: query.organizationId,
      });
    if (query.contactId)
      builder.andWhere('e.contact_id = :contactId', { contactId: query.contactId });
    if (query.paymentId)
      builder.andWhere('e.payment_id = :paymentId', { paymentId: query.paymentId });
    // An invoice's history also holds the receipts of payments made toward it.
    if (query.invoiceId)
      builder.andWhere(
        `(e.invoice_id = :invoiceId OR EXISTS (SELECT 1 FROM payment_allocations a
            WHERE a.payment_id = e.payment_id AND a.invoice_id = :invoiceId))`,
        { invoiceId: query.invoiceId },
      );
    if (query.type) builder.andWhere('e.type = :type', { type: query.type });
    if (query.status)
      builder.andWhere('e.status IN (:...statuses)', {
        statuses: query.status === 'queued' ? ['queued', 'processing'] : [query.status],
      });
    if (query.q)
      builder.andWhere(
        `(e.subject ILIKE :q OR EXISTS (SELECT 1 FROM unnest(e."to") r WHERE r ILIKE :q))`,
        { q: containsPattern(query.q) },
      );
    const total = await builder.getCount();
    const [field, direction] = page.sort;
    const rows = await builder
      .orderBy(SORT_COLUMNS[field], direction, 'NULLS LAST')
      .addOrderBy('e.id', 'DESC')
      .offset(page.offset)
      .limit(query.pageSize)
      .getMany();
    return { rows, total };
  }

  /** The receipts of one of the scope's organization's payments, oldest first. */
  portalReceipts(manager: EntityManager, scope: PortalScope, paymentId: string): Promise<Email[]> {
    return manager.getRepository(Email).find({
      order: { createdAt: 'ASC', id: 'ASC' },
      where: { organizationId: scope.organizationId, paymentId, type: 'payment_receipt' },
    });
  }

  portalReceipt(
    manager: EntityManager,
    scope: PortalScope,
    paymentId: string,
    emailId: string,
  ): Promise<Email | null> {
    return manager.getRepository(Email).findOneBy({
      id: emailId,
      organizationId: scope.organizationId,
      paymentId,
      type: 'payment_receipt',
    });
  }

  /** Emails of the last 7 days that failed and were not resent since with better luck. */
  async countRecentFailures(manager: EntityManager): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM emails e
        WHERE e.status = 'failed' AND e.created_at > now() - interval '7 days'
          AND NOT EXISTS (SELECT 1 FROM emails r WHERE r.resent_from_id = e.id
                            AND r.status <> 'failed' AND r.created_at > e.created_at)`,
    );
    return row.n;
  }

  findById(manager: EntityManager, id: string): Promise<Email | null> {
    return manager.getRepository(Email).findOneBy({ id });
  }

  findMany(manager: EntityManager, ids: string[]): Promise<Email[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(Email)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids })
      .orderBy('array_position(:ids::uuid[], e.id)')
      .setParameter('ids', ids)
      .getMany();
  }

  /** The emails one request wrote with this one: same type, organization and transaction. */
  async batchOf(manager: EntityManager, id: string): Promise<Email[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT s.id FROM emails e
         JOIN emails s ON s.type = e.type AND s.created_at = e.created_at
                      AND s.organization_id IS NOT DISTINCT FROM e.organization_id
        WHERE e.id = $1
        ORDER BY s.id`,
      [id],
    );
    return this.findMany(
      manager,
      rows.map((r) => r.id),
    );
  }

  events(manager: EntityManager, emailId: string): Promise<EmailEvent[]> {
    return manager.getRepository(EmailEvent).find({ order: { id: 'ASC' }, where: { emailId } });
  }

  attachmentInfo(manager: EntityManager, emailId: string): Promise<AttachmentInfo[]> {
    return manager.getRepository(EmailAttachment).find({
      order: { index: 'ASC' },
      select: { contentType: true, filename: true, index: true, size: true },
      where: { emailId },
    });
  }

  attachment(manager: EntityManager, emailId: string, index: number) {
    return manager.getRepository(EmailAttachment).findOneBy({ emailId, index });
  }

  attachments(manager: EntityManager, emailId: string): Promise<EmailAttachment[]> {
    return manager.getRepository(EmailAttachment).find({
      order: { index: 'ASC' },
      where: { emailId },
    });
  }

  /**
   * Takes a queued email for sending, atomically: of two workers handed the same job, only one
   * gets the row, and a sent, failed or skipped email is never taken again.
   */
  async claim(manager: EntityManager, id: string): Promise<Email | null> {
    const [rows]: [Record<string, unknown>[], number] = await manager.query(
      `UPDATE emails SET status = 'processing', attempts = attempts + 1, claimed_at = now()
        WHERE id = $1 AND status = 'queued'
        RETURNING id`,
      [id],
    );
    return rows.length ? this.findById(manager, id) : null;
  }

  async markSent(
    manager: EntityManager,
    id: string,
    result: { messageId: string; smtpResponse: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE emails SET status = 'sent', sent_at = now(), message_id = $2, smtp_response = $3,
              last_error = NULL
        WHERE id = $1 AND status = 'processing'`,
      [id, result.messageId, result.smtpResponse],
    );
  }

  /** After a refused attempt: back to queued for the retry, or failed after the last one. */
  async markAttemptFailed(
    manager: EntityManager,
    id: string,
    error: string,
    status: Extract<EmailStatus, 'queued' | 'failed'>,
  ): Promise<void> {
    await manager.query(
      `UPDATE emails SET status = $2, last_error = $3 WHERE id = $1 AND status = 'processing'`,
      [id, status, error],
    );
  }

  /** Queued emails older than this whose send job may have been lost. */
  async queuedBefore(manager: EntityManager, seconds: number, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM emails
        WHERE status = 'queued' AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [seconds, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Ends claims older than this as failed: their process stopped mid-send, and whether the
   * server took the message is unknown, so they are never sent again by themselves.
   */
  async failStaleClaims(manager: EntityManager, minutes: number, error: string): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE emails SET status = 'failed', last_error = $2
        WHERE status = 'processing' AND claimed_at < now() - make_interval(mins => $1)
        RETURNING id`,
      [minutes, error],
    );
    return rows.map((r) => r.id);
  }
}
