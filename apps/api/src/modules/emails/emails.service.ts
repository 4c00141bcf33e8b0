import { HttpStatus, Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ContactTokenPurpose, mergeRecipients } from '@settle/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { IdempotencyService, StoredResponse } from '../../common/idempotency/idempotency.service';
import { AuditService } from '../audit';
import { ContactsService, ContactTokensService, EmailContact } from '../contacts';
import { OrganizationStatement } from '../invoices';
import { OrganizationsService } from '../organizations';
import { formatAmount } from '../payments';
import { displayDate, greetingName } from './display';
import {
  AccountSummaryDto,
  EmailCreatedResponseDto,
  EmailListResponseDto,
  EmailResponseDto,
  EmailSortField,
  EmailSummaryDto,
  ListEmailsQueryDto,
  TestEmailDto,
} from './dto/email.dto';
import { EmailExclusionsDto } from './dto/email-settings.dto';
import { Email } from './email.entity';
import { EmailQueue } from './email-queue.service';
import { EmailContext, EmailDraft, EmailWriter } from './email-writer.service';
import { EmailsRepository } from './emails.repository';
import { ExclusionsRepository } from './exclusions.repository';
import { StatementPdfs } from './statements';
import { EmailTemplateData } from './templates';

type AccessEmailType = Extract<ContactTokenPurpose, 'welcome' | 'password_reset'>;

/** Email history, resending, and the emails staff send by hand. */
@Injectable()
export class EmailsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailsRepository,
    private readonly exclusionsRepository: ExclusionsRepository,
    private readonly writer: EmailWriter,
    private readonly queue: EmailQueue,
    private readonly idempotency: IdempotencyService,
    private readonly organizations: OrganizationsService,
    private readonly contacts: ContactsService,
    private readonly contactTokens: ContactTokensService,
    private readonly statements: StatementPdfs,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListEmailsQueryDto): Promise<Page<EmailSummaryDto>> {
    const { rows, total } = await this.emails.list(this.dataSource.manager, query, {
      offset: pageOffset(query),
      sort: parseSort<EmailSortField>(query.sort, '-createdAt'),
    });
    return toPage(rows.map(toSummary), total, query);
  }

  /** Failed emails of the last 7 days no resend has replaced: the Overview's attention card. */
  countRecentFailures(): Promise<number> {
    return this.emails.countRecentFailures(this.dataSource.manager);
  }

  async html(id: string): Promise<string> {
    const email = await this.emails.findById(this.dataSource.manager, id);
    if (!email) throw AppException.notFound('Email');
    return email.html;
  }

  async get(id: string): Promise<EmailResponseDto> {
    const manager = this.dataSource.manager;
    const email = await this.emails.findById(manager, id);
    if (!email) throw AppException.notFound('Email');
    const [attachments, events] = await Promise.all([
      this.emails.attachmentInfo(manager, id),
      this.emails.events(manager, id),
    ]);
    return {
      ...toSummary(email),
      attachments: attachments.map((a) => ({
        contentType: a.contentType,
        filename: a.filename,
        index: a.index,
        size: a.size,
      })),
      events: events.map((e) => ({ at: e.at.toISOString(), detail: e.detail, type: e.type })),
      html: email.html,
      messageId: email.messageId,
      smtpResponse: email.smtpResponse,
      text: email.text,
    };
  }

  async attachment(id: string, index: number): Promise<StreamableFile> {
    const file = await this.emails.attachment(this.dataSource.manager, id, index);
    if (!file) throw AppException.notFound('Attachment');
    return new StreamableFile(file.content, {
      disposition: `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`,
      length: file.size,
      type: file.contentType,
    });
  }

  /** The same content to the same recipients, as a new email; the original records the resend. */
  resend(
    auth: AuthContext,
    id: string,
    key: string | undefined,
  ): Promise<StoredResponse<EmailResponseDto>> {
    return this.idempotency.run(
      { auth, body: { id }, endpoint: 'POST /emails/:id/resend', key },
      async (claim) => {
        const newId = await this.dataSource.transaction(async (manager) => {
          const original = await this.emails.findById(manager, id);
          if (!original) throw AppException.notFound('Email');
          if (original.to.length === 0)
            throw AppException.rule(
              'This email has no recipient to send it to again; send a new one to a contact instead',
            );
          const copy = randomUUID();
          await this.emails.insert(manager, {
            ...original,
            dedupeKey: null,
            id: copy,
            lastError: null,
            resentFromId: original.id,
            staffUserId: auth.kind === 'user' ? auth.id : null,
            status: 'queued',
          });
          await this.emails.insertAttachments(
            manager,
            (await this.emails.attachments(manager, original.id)).map((a) => ({
              ...a,
              emailId: copy,
            })),
          );
          await this.emails.insertEvents(manager, [
            {
              detail: `Resent by ${auth.label} (${original.id})`,
              emailId: copy,
              type: 'triggered',
            },
            { detail: `To ${original.to.join(', ')}`, emailId: copy, type: 'queued' },
            { detail: `Resent by ${auth.label} as ${copy}`, emailId: original.id, type: 'resent' },
          ]);
          await claim.attach(manager, copy);
          await this.audit.record(manager, auth, {
            action: 'email.resent',
            after: { id: copy, to: original.to },
            entityId: original.id,
            entityLabel: original.subject,
            entityType: 'email',
            organizationId: original.organizationId,
          });
          return copy;
        });
        await this.queue.enqueue([newId]);
        return { body: await this.get(newId), status: HttpStatus.CREATED };
      },
      async (copy) => {
        await this.queue.enqueue([copy]);
        return { body: await this.get(copy), status: HttpStatus.CREATED };
      },
    );
  }

  /** One email per contact, each with the statement PDF (one per currency owed in) attached. */
  sendAccountSummary(
    auth: AuthContext,
    organizationId: string,
    dto: AccountSummaryDto,
    key: string | undefined,
  ): Promise<StoredResponse<EmailListResponseDto>> {
    return this.idempotency.run(
      {
        auth,
        body: { ...dto, organizationId },
        endpoint: 'POST /organizations/:id/account-summary',
        key,
      },
      async (claim) => {
        const context = await this.writer.context();
        const written = await this.dataSource.transaction(async (manager) => {
          const organization = await this.organizations.findOrFail(manager, organizationId);
          const contacts = await this.summaryContacts(manager, organizationId, dto.contactIds);
          const statements = await this.statements.gather(
            manager,
            organizationId,
            organization.name,
            context,
          );
          const attachments = (await this.statements.render(statements, context)).map((pdf) => ({
            ...pdf,
            contentType: 'application/pdf',
          }));
          const recipients = mergeRecipients(
            contacts.map((c) => ({
              address: c.email,
              contactId: c.contactId,
              name: greetingName(c.firstName),
            })),
          );
          const drafts: EmailDraft<'account_summary'>[] = recipients.map((recipient) => ({
            attachments,
            contactId: recipient.contactId,
            data: this.summaryData(statements, organization.name, recipient.name, context),
            dedupeKey: null,
            invoiceId: null,
            organizationId,
            paymentId: null,
            skipReason: recipient.address
              ? null
              : `No valid email address ("${recipient.given}") for this contact`,
            staffUserId: auth.kind === 'user' ? auth.id : null,
            to: recipient.address ? [recipient.address] : [],
            trigger: `Sent by ${auth.label}`,
            type: 'account_summary',
          }));
          const emails = await this.writer.write(manager, drafts, context);
          await claim.attach(manager, emails[0].id);
          await this.audit.record(manager, auth, {
            action: 'email.account_summary_sent',
            after: { emails: emails.map((e) => e.id), to: recipients.map((r) => r.given) },
            entityId: organizationId,
            entityLabel: organization.name,
            entityType: 'organization',
            organizationId,
          });
          return emails;
        });
        await this.queue.enqueue(written.filter((w) => w.status === 'queued').map((w) => w.id));
        const rows = await this.emails.findMany(
          this.dataSource.manager,
          written.map((w) => w.id),
        );
        return { body: { emails: rows.map(toSummary) }, status: HttpStatus.ACCEPTED };
      },
      async (firstId) => {
        const rows = await this.emails.batchOf(this.dataSource.manager, firstId);
        await this.queue.enqueue(rows.filter((r) => r.status === 'queued').map((r) => r.id));
        return { body: { emails: rows.map(toSummary) }, status: HttpStatus.ACCEPTED };
      },
    );
  }

  /** A welcome (invitation) or password reset email, carrying a new single-use link. */
  sendAccess(
    auth: AuthContext,
    organizationId: string,
    contactId: string,
    type: AccessEmailType,
    key: string | undefined,
  ): Promise<StoredResponse<EmailCreatedResponseDto>> {
    const path = type === 'welcome' ? 'welcome' : 'password-reset';
    return this.idempotency.run(
      {
        auth,
        body: { contactId, organizationId },
        endpoint: `POST /organizations/:id/contacts/:contactId/${path}`,
        key,
      },
      async (claim) => {
        const context = await this.writer.context();
        const emailId = await this.dataSource.transaction(async (manager) => {
          const organization = await this.organizations.findOrFail(manager, organizationId);
          const [contact] = await this.contacts.emailContacts(manager, organizationId, [contactId]);
          if (!contact) throw AppException.notFound('Contact');
          if (!contact.accessProfileId)
            throw AppException.rule(
              'The contact has no access profile for this organization, so it cannot sign in to the portal; give it one first',
            );
          const link = await this.accessLink(manager, contact.contactId, type, context);
          const [recipient] = mergeRecipients([
            { address: contact.email, contactId, name: greetingName(contact.firstName) },
          ]);
          if (!recipient.address)
            throw AppException.rule(`The contact's email address "${contact.email}" is not valid`);
          const common = { organizationName: organization.name, recipientName: recipient.name };
          const draft: EmailDraft =
            type === 'welcome'
              ? {
                  ...this.accessDraft(auth, organizationId, contact, recipient.address),
                  data: {
                    ...common,
                    acceptUrl: link.url,
                    expiresInDays: Math.round(link.lifetimeMs / 86_400_000),
                  } satisfies EmailTemplateData['welcome'],
                  type: 'welcome',
                }
              : {
                  ...this.accessDraft(auth, organizationId, contact, recipient.address),
                  data: {
                    ...common,
                    expiresInMinutes: Math.round(link.lifetimeMs / 60_000),
                    resetUrl: link.url,
                  } satisfies EmailTemplateData['password_reset'],
                  type: 'password_reset',
                };
          const [email] = await this.writer.write(manager, [draft], context);
          await claim.attach(manager, email.id);
          await this.audit.record(manager, auth, {
            action: type === 'welcome' ? 'email.welcome_sent' : 'email.password_reset_sent',
            after: { emailId: email.id, to: recipient.address },
            entityId: contactId,
            entityLabel: `${contact.firstName} ${contact.lastName}`,
            entityType: 'contact',
            organizationId,
          });
          return email.id;
        });
        return this.acceptedEmail(emailId);
      },
      (emailId) => this.acceptedEmail(emailId),
    );
  }

  sendTest(
    auth: AuthContext,
    dto: TestEmailDto,
    key: string | undefined,
  ): Promise<StoredResponse<EmailCreatedResponseDto>> {
    return this.idempotency.run(
      { auth, body: dto, endpoint: 'POST /settings/email/test', key },
      async (claim) => {
        const context = await this.writer.context();
        const emailId = await this.dataSource.transaction(async (manager) => {
          const [email] = await this.writer.write(
            manager,
            [
              {
                contactId: null,
                data: { sentBy: auth.label },
                dedupeKey: null,
                invoiceId: null,
                organizationId: null,
                paymentId: null,
                skipReason: null,
                staffUserId: auth.kind === 'user' ? auth.id : null,
                to: [dto.to],
                trigger: `Sent by ${auth.label}`,
                type: 'test',
              },
            ],
            context,
          );
          await claim.attach(manager, email.id);
          await this.audit.record(manager, auth, {
            action: 'email.test_sent',
            after: { emailId: email.id, to: dto.to },
            entityId: email.id,
            entityLabel: dto.to,
            entityType: 'email',
          });
          return email.id;
        });
        return this.acceptedEmail(emailId);
      },
      (emailId) => this.acceptedEmail(emailId),
    );
  }

  async exclusions(organizationId: string): Promise<EmailExclusionsDto> {
    const manager = this.dataSource.manager;
    await this.organizations.findOrFail(manager, organizationId);
    return { categories: await this.exclusionsRepository.of(manager, organizationId) };
  }

  setExclusions(
    auth: AuthContext,
    organizationId: string,
    dto: EmailExclusionsDto,
  ): Promise<EmailExclusionsDto> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await this.organizations.findOrFail(manager, organizationId, {
        lock: true,
      });
      const before = await this.exclusionsRepository.of(manager, organizationId);
      await this.exclusionsRepository.replace(manager, organizationId, dto.categories);
      const after = await this.exclusionsRepository.of(manager, organizationId);
      await this.audit.record(manager, auth, {
        action: 'organization.email_exclusions_set',
        after: { categories: after },
        before: { categories: before },
        entityId: organizationId,
        entityLabel: organization.name,
        entityType: 'organization',
        organizationId,
      });
      return { categories: after };
    });
  }

  private async acceptedEmail(emailId: string): Promise<StoredResponse<EmailCreatedResponseDto>> {
    const [email] = await this.emails.findMany(this.dataSource.manager, [emailId]);
    if (email.status === 'queued') await this.queue.enqueue([emailId]);
    return { body: { email: toSummary(email) }, status: HttpStatus.ACCEPTED };
  }

  private accessDraft(
    auth: AuthContext,
    organizationId: string,
    contact: EmailContact,
    address: string,
  ): Omit<EmailDraft, 'data' | 'type'> {
    return {
      contactId: contact.contactId,
      dedupeKey: null,
      invoiceId: null,
      organizationId,
      paymentId: null,
      skipReason: null,
      staffUserId: auth.kind === 'user' ? auth.id : null,
      to: [address],
      trigger: `Sent by ${auth.label}`,
    };
  }

  /** The portal link of a welcome or reset email, with a new single-use token. */
  private async accessLink(
    manager: EntityManager,
    contactId: string,
    type: AccessEmailType,
    context: EmailContext,
  ): Promise<{ url: string; lifetimeMs: number }> {
    const issuedAt = Date.now();
    const { token, expiresAt } = await this.contactTokens.issue(manager, contactId, type);
    const page = type === 'welcome' ? 'accept-invitation' : 'reset-password';
    return {
      lifetimeMs: expiresAt.getTime() - issuedAt,
      url: this.writer.portalUrl(context, `${page}?token=${encodeURIComponent(token)}`),
    };
  }

  /** The contacts named, or the organization's default recipients of account emails. */
  private async summaryContacts(
    manager: EntityManager,
    organizationId: string,
    contactIds: string[] | undefined,
  ): Promise<EmailContact[]> {
    if (!contactIds) {
      const defaults = await this.contacts.accountEmailContacts(manager, organizationId);
      if (defaults.length === 0)
        throw AppException.rule(
          'The organization has no default notification contact whose access profile receives account emails; choose contacts with contactIds',
          [{ field: 'contactIds', message: 'is required: there are no default recipients' }],
        );
      return defaults;
    }
    const found = await this.contacts.emailContacts(manager, organizationId, contactIds);
    const missing = contactIds.flatMap((id, index) =>
      found.some((c) => c.contactId === id)
        ? []
        : [{ field: `contactIds.${index}`, message: 'is not a contact of this organization' }],
    );
    if (missing.length)
      throw AppException.badRequest('Every contact must be a contact of the organization', missing);
    return contactIds.map((id) => found.find((c) => c.contactId === id)!);
  }

  private summaryData(
    statements: OrganizationStatement[],
    organizationName: string,
    recipientName: string | null,
    context: EmailContext,
  ): EmailTemplateData['account_summary'] {
    // Amounts in different currencies are listed side by side, never added.
    const amounts = (pick: (s: OrganizationStatement) => number) =>
      statements.map((s) => formatAmount(pick(s), s.currency)).join(' + ');
    return {
      asOf: displayDate(context.calendar.today),
      openInvoices: statements.reduce((sum, s) => sum + s.invoices.length, 0),
      organizationName,
      pastDue: amounts((s) => s.pastDue),
      portalUrl: this.writer.portalUrl(context),
      recipientName,
      totalDue: amounts((s) => s.totalDue),
    };
  }
}

function toSummary(email: Email): EmailSummaryDto {
  return {
    attempts: email.attempts,
    category: email.category,
    contactId: email.contactId,
    createdAt: email.createdAt.toISOString(),
    id: email.id,
    invoiceId: email.invoiceId,
    lastError: email.lastError,
    organizationId: email.organizationId,
    paymentId: email.paymentId,
    resentFromId: email.resentFromId,
    sentAt: email.sentAt?.toISOString() ?? null,
    status: email.status === 'processing' ? 'queued' : email.status,
    subject: email.subject,
    to: email.to,
    type: email.type,
  };
}
