import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays,
  expiryMonthsWithNotices,
  invoiceNoticeDue,
  InvoiceNoticeType,
  mergeRecipients,
  methodExpiryNoticeDue,
  MethodExpiryNoticeType,
  NEW_INVOICE_WINDOW_DAYS,
  Recipient,
  startOfDayIn,
} from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { ContactsService } from '../../contacts';
import { InvoicesService, NoticeCandidate, NoticeCandidateWindow } from '../../invoices';
import { ExpiringCard, PaymentMethodsService } from '../../payment-methods';
import { formatAmount } from '../../payments';
import { displayDate, greetingName } from '../display';
import { EmailQueue } from '../email-queue.service';
import { EmailContext, EmailDraft, EmailWriter } from '../email-writer.service';
import { ExclusionsRepository } from '../exclusions.repository';
import { describeMethod } from '../payment-emails';
import { EmailTemplateData } from '../templates';
import { NoticeSettingsDto } from './dto/notice-settings.dto';
import { NoticeSettingsService } from './notice-settings.service';
import { NoticesRepository } from './notices.repository';

/** Invoices (or cards) read, decided and written per transaction. */
const PAGE_SIZE = 500;

export interface NoticeRunCounts {
  /** Invoices or cards the rules looked at. */
  evaluated: number;
  /** Emails written: queued, or skipped with a reason (an exclusion, no recipient). */
  written: number;
}

export interface NoticeRunResult {
  today: string;
  invoices: NoticeRunCounts;
  methods: NoticeRunCounts;
}

/** Who an organization's notices go to, read once per organization per run. */
interface Audience {
  excluded: boolean;
  recipients: Recipient[];
}

type AudienceCache = Map<string, Audience>;

/** Where the notices' links point in the portal. */
interface PortalUrls {
  invoices: string;
  paymentMethods: string;
}

/**
 * The daily customer notices: invoice announcements, due-soon and past-due reminders, and card
 * expiry warnings. The domain rules decide which step is due today; every email carries the
 * dedupe key `notice:<type>:<invoice or method id>:<step>:<recipient>`, so a second run the same
 * day (or a retry after a crash) writes nothing new.
 */
@Injectable()
export class NoticesService {
  private readonly logger = new Logger(NoticesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: NoticeSettingsService,
    private readonly invoices: InvoicesService,
    private readonly methods: PaymentMethodsService,
    private readonly contacts: ContactsService,
    private readonly exclusions: ExclusionsRepository,
    private readonly notices: NoticesRepository,
    private readonly writer: EmailWriter,
    private readonly queue: EmailQueue,
  ) {}

  async run(): Promise<NoticeRunResult> {
    const started = Date.now();
    const settings = await this.settings.get();
    const context = await this.writer.context();
    const audiences: AudienceCache = new Map();
    const invoices = await this.invoiceNotices(settings, context, audiences);
    const methods = settings.methodExpiry
      ? await this.methodNotices(context, audiences)
      : { evaluated: 0, written: 0 };
    const result = { invoices, methods, today: context.calendar.today };
    this.logger.log({ ...result, ms: Date.now() - started }, 'Daily notices done');
    return result;
  }

  private async invoiceNotices(
    settings: NoticeSettingsDto,
    context: EmailContext,
    audiences: AudienceCache,
  ): Promise<NoticeRunCounts> {
    const window = candidateWindow(settings, context);
    if (!window) return { evaluated: 0, written: 0 };
    const urls = this.urls(context);
    return this.paged(
      (manager, afterId) =>
        this.invoices.noticeCandidates(manager, window, { afterId, limit: PAGE_SIZE }),
      async (manager, invoices) => {
        const due = invoices.flatMap((invoice) => {
          const notice = invoiceNoticeDue(
            { ...invoice, invoiceDate: invoice.issueDate },
            context.calendar.today,
            settings,
          );
          return notice ? [{ invoice, notice }] : [];
        });
        const drafts: EmailDraft[] = [];
        for (const { invoice, notice } of due)
          drafts.push(
            ...this.drafts(
              await this.audience(manager, invoice.organizationId, audiences),
              {
                invoiceId: invoice.id,
                key: `${notice.type}:${invoice.id}:${notice.step}`,
                organizationId: invoice.organizationId,
                trigger: `Daily notices: invoice ${invoice.number}, ${describeStep(notice.step)}`,
                type: notice.type,
              },
              (recipientName) =>
                invoiceData(notice.type, invoice, notice.daysPastDue, recipientName, urls),
            ),
          );
        return drafts;
      },
      context,
    );
  }

  private async methodNotices(
    context: EmailContext,
    audiences: AudienceCache,
  ): Promise<NoticeRunCounts> {
    const months = expiryMonthsWithNotices(context.calendar.today);
    const urls = this.urls(context);
    return this.paged(
      (manager, afterId) =>
        this.methods.expiringCards(manager, months, { afterId, limit: PAGE_SIZE }),
      async (manager, cards) => {
        const drafts: EmailDraft[] = [];
        for (const card of cards) {
          const notice = methodExpiryNoticeDue(card.expMonth, card.expYear, context.calendar.today);
          if (!notice) continue;
          drafts.push(
            ...this.drafts(
              await this.audience(manager, card.organizationId, audiences),
              {
                invoiceId: null,
                key: `${notice.type}:${card.id}:${notice.step}`,
                organizationId: card.organizationId,
                trigger: `Daily notices: card ${card.friendlyName} ${notice.type === 'method_expired' ? 'expired' : 'expiring'}`,
                type: notice.type,
              },
              (recipientName) => methodData(card, recipientName, urls),
            ),
          );
        }
        return drafts;
      },
      context,
    );
  }

  private urls(context: EmailContext): PortalUrls {
    return {
      invoices: this.writer.portalUrl(context, 'invoices'),
      paymentMethods: this.writer.portalUrl(context, 'payment-methods'),
    };
  }

  /**
   * Reads candidates a page at a time, each page in its own transaction: the drafts whose dedupe
   * key is new are written, committed, then queued. Memory and transaction length stay bounded
   * whatever the size of the A/R.
   */
  private async paged<T extends { id: string }>(
    read: (manager: EntityManager, afterId: string | null) => Promise<T[]>,
    draft: (manager: EntityManager, rows: T[]) => Promise<EmailDraft[]>,
    context: EmailContext,
  ): Promise<NoticeRunCounts> {
    const counts: NoticeRunCounts = { evaluated: 0, written: 0 };
    let afterId: string | null = null;
    for (;;) {
      const page = await this.dataSource.transaction(async (manager) => {
        const rows = await read(manager, afterId);
        const drafts = await draft(manager, rows);
        const existing = await this.notices.existingDedupeKeys(
          manager,
          drafts.map((d) => d.dedupeKey as string),
        );
        const written = await this.writer.write(
          manager,
          drafts.filter((d) => !existing.has(d.dedupeKey as string)),
          context,
        );
        return { lastId: rows.at(-1)?.id ?? null, rows: rows.length, written };
      });
      await this.queue.enqueue(page.written.filter((w) => w.status === 'queued').map((w) => w.id));
      counts.evaluated += page.rows;
      counts.written += page.written.length;
      if (page.rows < PAGE_SIZE || !page.lastId) return counts;
      afterId = page.lastId;
    }
  }

  /**
   * One draft per recipient; an excluded organization's are written as skipped with the reason,
   * and an organization with no one to send to gets one skipped email saying so.
   */
  private drafts<T extends InvoiceNoticeType | MethodExpiryNoticeType>(
    audience: Audience,
    about: {
      type: T;
      key: string;
      organizationId: string;
      invoiceId: string | null;
      trigger: string;
    },
    data: (recipientName: string | null) => EmailTemplateData[T],
  ): EmailDraft[] {
    const base = {
      invoiceId: about.invoiceId,
      organizationId: about.organizationId,
      paymentId: null,
      staffUserId: null,
      trigger: about.trigger,
      type: about.type,
    };
    if (audience.recipients.length === 0)
      return [
        {
          ...base,
          contactId: null,
          data: data(null),
          dedupeKey: `notice:${about.key}:none`,
          skipReason:
            'No recipients: the organization has no default notification contact whose access profile receives account emails',
          to: [],
        },
      ];
    return audience.recipients.map((recipient) => ({
      ...base,
      contactId: recipient.contactId,
      data: data(recipient.name),
      dedupeKey: `notice:${about.key}:${recipient.contactId ?? recipient.address}`,
      skipReason: audience.excluded
        ? 'The organization is excluded from notices emails'
        : recipient.address === null
          ? `No valid email address${recipient.given ? ` ("${recipient.given}")` : ''} for this contact`
          : null,
      to: recipient.address ? [recipient.address] : [],
    }));
  }

  private async audience(
    manager: EntityManager,
    organizationId: string,
    cache: AudienceCache,
  ): Promise<Audience> {
    let audience = cache.get(organizationId);
    if (!audience) {
      const [excluded, contacts] = await Promise.all([
        this.exclusions.of(manager, organizationId),
        this.contacts.accountEmailContacts(manager, organizationId),
      ]);
      audience = {
        excluded: excluded.includes('notices'),
        recipients: mergeRecipients(
          contacts.map((c) => ({
            address: c.email,
            contactId: c.contactId,
            name: greetingName(c.firstName),
          })),
        ),
      };
      cache.set(organizationId, audience);
    }
    return audience;
  }
}

/** The SQL bounds of the invoices some notice can be due for today; null when all are off. */
function candidateWindow(
  settings: NoticeSettingsDto,
  context: EmailContext,
): NoticeCandidateWindow | null {
  const { timeZone, today } = context.calendar;
  if (!settings.newInvoice && !settings.dueSoonDays.length && !settings.pastDueDays.length)
    return null;
  return {
    arrivedSince: settings.newInvoice
      ? new Date(startOfDayIn(addDays(today, -NEW_INVOICE_WINDOW_DAYS), timeZone))
      : null,
    dueSoonOnOrBefore: settings.dueSoonDays.length
      ? addDays(today, Math.max(...settings.dueSoonDays))
      : null,
    pastDueOnOrBefore: settings.pastDueDays.length
      ? addDays(today, -Math.min(...settings.pastDueDays))
      : null,
    timeZone,
    today,
  };
}

function invoiceData(
  type: InvoiceNoticeType,
  invoice: NoticeCandidate,
  daysPastDue: number,
  recipientName: string | null,
  urls: PortalUrls,
): EmailTemplateData[InvoiceNoticeType] {
  const common = {
    dueDate: displayDate(invoice.dueDate),
    invoiceNumber: invoice.number,
    invoiceUrl: urls.invoices,
    organizationName: invoice.organizationName,
    recipientName,
  };
  const openBalance = formatAmount(invoice.openBalance, invoice.currency);
  switch (type) {
    case 'new_invoice':
      return {
        ...common,
        amount: formatAmount(invoice.total, invoice.currency),
      } satisfies EmailTemplateData['new_invoice'];
    case 'invoice_due_soon':
      return { ...common, openBalance } satisfies EmailTemplateData['invoice_due_soon'];
    case 'invoice_past_due':
      return {
        ...common,
        daysPastDue,
        openBalance,
      } satisfies EmailTemplateData['invoice_past_due'];
  }
}

const EXPIRY_MONTH = new Intl.DateTimeFormat('en-US', {
  month: 'long',
  timeZone: 'UTC',
  year: 'numeric',
});

function methodData(
  card: ExpiringCard,
  recipientName: string | null,
  urls: PortalUrls,
): EmailTemplateData[MethodExpiryNoticeType] {
  return {
    expires: EXPIRY_MONTH.format(new Date(Date.UTC(card.expYear, card.expMonth - 1, 1))),
    methodLabel: describeMethod({ ...card, type: 'card' }),
    organizationName: card.organizationName,
    portalUrl: urls.paymentMethods,
    recipientName,
  };
}

/** `past_due:14` → "14 days past due", for the email's trail. */
function describeStep(step: string): string {
  const [kind, days] = step.split(':');
  const count = days === '1' ? '1 day' : `${days} days`;
  if (kind === 'due_soon') return `due in ${count}`;
  if (kind === 'past_due') return `${count} past due`;
  return 'new invoice';
}
