import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, CalendarDate, startOfDayIn } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import {
  AccessRequestedPayload,
  AccountingSyncFailingPayload,
  AutopayRunFinishedPayload,
  IntegrationSyncAlertPayload,
  PublishableEvent,
  WebhookEndpointDisabledPayload,
} from '../../outbox';
import {
  formatAmount,
  PaymentQueriesService,
  PaymentReportsService,
  PaymentsService,
} from '../../payments';
import { StaffRecipient } from '../../users';
import { displayDate, displayDateTime } from '../display';
import { EmailQueue } from '../email-queue.service';
import { EmailContext, EmailDraft, EmailWriter } from '../email-writer.service';
import { describeMethod } from '../payment-emails';
import { EmailTemplateData, EmailType } from '../templates';
import { StaffNotificationSettingsService } from './staff-notification-settings.service';
import { StaffNotificationsRepository } from './staff-notifications.repository';

/** A digest lists this many failures; the emails page has the rest. */
const DIGEST_MAX_FAILURES = 50;
/** A first digest (or one after a quiet spell) looks back this far, not over all history. */
const DIGEST_LOOKBACK_MS = 24 * 3_600_000;
/** An approval email lists this many payments; the AutoPay page has the rest. */
const APPROVAL_ITEMS = 50;

/**
 * Emails to Settle's own staff: a note for each payment a customer makes, a daily summary, and
 * an hourly digest of emails that could not be delivered. Who gets which is a setting; each
 * email's dedupe key (`notice:<type>:<id>:<step>:<user>`) makes it once per user however often
 * it is triggered.
 */
@Injectable()
export class StaffNotificationsService {
  private readonly logger = new Logger(StaffNotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: StaffNotificationSettingsService,
    private readonly staffEmails: StaffNotificationsRepository,
    private readonly payments: PaymentsService,
    private readonly paymentReports: PaymentReportsService,
    private readonly paymentQueries: PaymentQueriesService,
    private readonly writer: EmailWriter,
    private readonly queue: EmailQueue,
  ) {}

  /** The outbox events this service sends staff emails for. */
  handles(event: PublishableEvent): boolean {
    return (
      event.type === 'payment.succeeded' ||
      event.type === 'autopay.run_finished' ||
      event.type === 'portal.access_requested' ||
      event.type === 'webhook_endpoint.disabled' ||
      event.type === 'integration.sync_failed' ||
      event.type === 'integration.sync_not_running' ||
      event.type === 'accounting_sync.failing'
    );
  }

  /** For the outbox dispatcher, in its transaction: the event's emails, one per staff user. */
  drafts(
    manager: EntityManager,
    event: PublishableEvent,
    context: EmailContext,
  ): Promise<EmailDraft[]> {
    if (event.type === 'autopay.run_finished')
      return this.autopayRunDrafts(manager, event, context);
    if (event.type === 'portal.access_requested')
      return this.accessRequestDrafts(manager, event, context);
    if (event.type === 'webhook_endpoint.disabled')
      return this.webhookDisabledDrafts(manager, event, context);
    if (event.type === 'integration.sync_failed' || event.type === 'integration.sync_not_running')
      return this.syncAlertDrafts(manager, event, context);
    if (event.type === 'accounting_sync.failing')
      return this.accountingSyncFailingDrafts(manager, event, context);
    return this.paymentMadeDrafts(manager, event, context);
  }

  /** One `staff_payment_made` per subscriber. */
  private async paymentMadeDrafts(
    manager: EntityManager,
    event: PublishableEvent,
    context: EmailContext,
  ): Promise<EmailDraft[]> {
    const subscribers = await this.settings.subscribers(manager, 'paymentMade');
    if (subscribers.length === 0) return [];
    const paymentId =
      typeof event.payload.paymentId === 'string' ? event.payload.paymentId : event.aggregateId;
    const payment = await this.payments.forNotification(manager, paymentId);
    if (!payment) return [];
    const data = (user: StaffRecipient): EmailTemplateData['staff_payment_made'] => ({
      amount: formatAmount(payment.total, payment.currency),
      methodLabel: describeMethod(payment.paymentMethod),
      organizationName: payment.organizationName,
      paidBy: payment.createdBy,
      paymentNumber: payment.number,
      paymentUrl: adminUrl(context, `payments/${payment.id}`),
      recipientName: user.name,
    });
    return subscribers.map((user) =>
      staffDraft('staff_payment_made', user, data(user), {
        dedupeKey: `notice:staff_payment_made:${payment.id}:succeeded:${user.id}`,
        organizationId: payment.organizationId,
        paymentId: payment.id,
        trigger: `${event.type} (outbox event ${event.id})`,
      }),
    );
  }

  /**
   * After an AutoPay run: its summary to the `autopayRuns` subscribers, and, when payments of
   * its date wait for approval, the list of them to the `autopayApprovals` subscribers.
   */
  private async autopayRunDrafts(
    manager: EntityManager,
    event: PublishableEvent,
    context: EmailContext,
  ): Promise<EmailDraft[]> {
    const run = event.payload as unknown as AutopayRunFinishedPayload;
    const runDate = displayDate(run.runDate as CalendarDate);
    const about = (type: string, user: StaffRecipient) => ({
      dedupeKey: `notice:${type}:${run.runId}:run:${user.id}`,
      trigger: `${event.type} (outbox event ${event.id})`,
    });
    const [summaryTo, approvalsTo] = await Promise.all([
      this.settings.subscribers(manager, 'autopayRuns'),
      this.settings.subscribers(manager, 'autopayApprovals'),
    ]);
    const drafts = summaryTo.map((user) =>
      staffDraft(
        'staff_autopay_summary',
        user,
        {
          ...run.counts,
          autopayUrl: adminUrl(context, 'autopay'),
          outcome: 'finished',
          problems: run.problems,
          recipientName: user.name,
          runDate,
        },
        about('staff_autopay_summary', user),
      ),
    );
    if (approvalsTo.length === 0) return drafts;
    const waiting = await this.paymentQueries.autopayAwaitingApproval(
      manager,
      run.runDate,
      APPROVAL_ITEMS,
    );
    if (waiting.count === 0) return drafts;
    return [
      ...drafts,
      ...approvalsTo.map((user) =>
        staffDraft(
          'autopay_approval_needed',
          user,
          {
            approvalsUrl: adminUrl(context, 'autopay'),
            items: waiting.items,
            recipientName: user.name,
            runDate,
            total: waiting.totals,
          },
          about('autopay_approval_needed', user),
        ),
      ),
    ];
  }

  /** A portal access request, to the `accessRequests` subscribers or else every admin. */
  private async accessRequestDrafts(
    manager: EntityManager,
    event: PublishableEvent,
    context: EmailContext,
  ): Promise<EmailDraft[]> {
    const request = event.payload as unknown as AccessRequestedPayload;
    const recipients = await this.settings.subscribersOrAdmins(manager, 'accessRequests');
    return recipients.map((user) =>
      staffDraft(
        'staff_access_request',
        user,
        {
          company: request.company,
          message: request.message,
          organizationsUrl: adminUrl(
            context,
            `organizations?q=${encodeURIComponent(request.company)}`,
          ),
          recipientName: user.name,
          requestedAt: displayDateTime(new Date(request.requestedAt), context.calendar.timeZone),
          requesterEmail: request.email,
          requesterName: request.name,
        },
        {
          dedupeKey: `notice:staff_access_request:${event.id}:request:${user.id}`,
          trigger: `${event.type} (outbox event ${event.id})`,
        },
      ),
    );
  }

  /** A webhook endpoint Settle disabled, to every admin (only admins manage webhooks). */
  private async webhookDisabledDrafts(
    manager: EntityManager,
    event: PublishableEvent,
    context: EmailContext,
  ): Promise<EmailDraft[]> {
    const disabled = event.payload as unknown as WebhookEndpointDisabledPayload;
    const admins = await this.settings.admins(manager);
    return admins.map((user) =>
      staffDraft(
        'staff_webhook_disabled',
        user,
        {
          failingSince: displayDateTime(new Date(disabled.failingSince), context.calendar.timeZone),
          lastError: disabled.lastError,
          recipientName: user.name,
          url: disabled.url,
          webhooksUrl: adminUrl(context, 'settings/webhooks'),
        },
        {
          dedupeKey: `notice:staff_webhook_disabled:${event.id}:disabled:${user.id}`,
          trigger: `${event.type} (outbox event ${event.id})`,
        },
      ),
    );
  }

  /** A sync failing, or not running for 48 hours, to every admin (only admins manage integrations). */
  private async syncAlertDrafts(
    manager: EntityManager,
    event: PublishableEvent,
    context: EmailContext,
  ): Promise<EmailDraft[]> {
    const alert = event.payload as unknown as IntegrationSyncAlertPayload;
    const admins = await this.settings.admins(manager);
    const since = displayDateTime(new Date(alert.since), context.calendar.timeZone);
    const integrationsUrl = adminUrl(context, 'integrations');
    return admins.map((user) => {
      const about = (type: string) => ({
        dedupeKey: `notice:${type}:${event.id}:alert:${user.id}`,
        trigger: `${event.type} (outbox event ${event.id})`,
      });
      return event.type === 'integration.sync_failed'
        ? staffDraft(
            'staff_sync_failed',
            user,
            {
              error: alert.error ?? 'Unknown error',
              failingSince: since,
              integrationName: alert.integrationName,
              integrationsUrl,
              recipientName: user.name,
            },
            about('staff_sync_failed'),
          )
        : staffDraft(
            'staff_sync_not_running',
            user,
            {
              integrationName: alert.integrationName,
              integrationsUrl,
              lastSynced: alert.everSynced ? since : 'never',
              recipientName: user.name,
            },
            about('staff_sync_not_running'),
          );
    });
  }

  /** 10% or more of recent payments failing to sync, to every admin, once per episode. */
  private async accountingSyncFailingDrafts(
    manager: EntityManager,
    event: PublishableEvent,
    context: EmailContext,
  ): Promise<EmailDraft[]> {
    const alert = event.payload as unknown as AccountingSyncFailingPayload;
    const admins = await this.settings.admins(manager);
    return admins.map((user) =>
      staffDraft(
        'staff_accounting_sync_failing',
        user,
        {
          failing: alert.failing,
          paymentsUrl: adminUrl(context, 'payments?accountingSync=failed'),
          pushed: alert.pushed,
          recipientName: user.name,
          since: displayDateTime(new Date(alert.since), context.calendar.timeZone),
        },
        {
          dedupeKey: `notice:staff_accounting_sync_failing:${event.id}:alert:${user.id}`,
          trigger: `${event.type} (outbox event ${event.id})`,
        },
      ),
    );
  }

  /**
   * Yesterday on the MSP's calendar (the last whole day): money collected, payments that
   * succeeded and failed, and emails that failed. Sent at the notices' hour.
   */
  async dailySummary(): Promise<{ date: CalendarDate; written: number }> {
    const context = await this.writer.context();
    const { timeZone, today } = context.calendar;
    const date = addDays(today, -1);
    const range = {
      from: new Date(startOfDayIn(date, timeZone)),
      to: new Date(startOfDayIn(today, timeZone)),
    };
    const written = await this.dataSource.transaction(async (manager) => {
      const subscribers = await this.settings.subscribers(manager, 'dailySummary');
      if (subscribers.length === 0) return [];
      const [payments, failedEmails] = await Promise.all([
        this.paymentReports.daySummary(manager, range),
        this.staffEmails.countFailed(manager, range),
      ]);
      const collected = payments.length
        ? payments.map((p) => formatAmount(p.collected, p.currency)).join(' + ')
        : formatAmount(0, context.calendar.currency);
      const drafts = subscribers.map((user) =>
        staffDraft(
          'staff_daily_summary',
          user,
          {
            collected,
            date: displayDate(date),
            failedEmails,
            failedPayments: payments.reduce((sum, p) => sum + p.failed, 0),
            overviewUrl: adminUrl(context, ''),
            paymentsCount: payments.reduce((sum, p) => sum + p.succeeded, 0),
            recipientName: user.name,
          },
          {
            dedupeKey: `notice:staff_daily_summary:${date}:summary:${user.id}`,
            trigger: `Daily summary of ${date}`,
          },
        ),
      );
      return this.writer.write(manager, drafts, context);
    });
    await this.queue.enqueue(written.filter((w) => w.status === 'queued').map((w) => w.id));
    return { date, written: written.length };
  }

  /**
   * The emails that failed since the last digest, to the subscribed staff; nothing when there
   * is no new failure. The digest is named by its newest failure, so running twice sends once.
   */
  async failuresDigest(now = new Date()): Promise<{ failures: number; written: number }> {
    const context = await this.writer.context();
    const result = await this.dataSource.transaction(async (manager) => {
      const subscribers = await this.settings.subscribers(manager, 'emailFailures');
      if (subscribers.length === 0) return { failures: 0, written: [] };
      const lookback = new Date(now.getTime() - DIGEST_LOOKBACK_MS);
      const since = (await this.staffEmails.lastDigestAfter(manager, lookback)) ?? lookback;
      const failures = await this.staffEmails.failedSince(manager, since, DIGEST_MAX_FAILURES);
      if (failures.length === 0) return { failures: 0, written: [] };
      const newest = failures[failures.length - 1].failed_event_id;
      const drafts = subscribers.map((user) =>
        staffDraft(
          'staff_email_failures',
          user,
          {
            emailsUrl: adminUrl(context, 'emails?status=failed'),
            failures: failures.map((f) => ({
              error: f.last_error ?? 'Unknown error',
              subject: f.subject,
              to: f.to.join(', ') || '(no recipient)',
            })),
            recipientName: user.name,
          },
          {
            dedupeKey: `notice:staff_email_failures:${newest}:digest:${user.id}`,
            trigger: `Email failures digest (${failures.length} since ${since.toISOString()})`,
          },
        ),
      );
      return {
        failures: failures.length,
        written: await this.writer.write(manager, drafts, context),
      };
    });
    await this.queue.enqueue(result.written.filter((w) => w.status === 'queued').map((w) => w.id));
    if (result.written.length)
      this.logger.log({ failures: result.failures }, 'Email failures digest written');
    return { failures: result.failures, written: result.written.length };
  }
}

function staffDraft<T extends EmailType>(
  type: T,
  user: StaffRecipient,
  data: EmailTemplateData[T],
  about: {
    dedupeKey: string;
    trigger: string;
    organizationId?: string;
    paymentId?: string;
  },
): EmailDraft {
  return {
    contactId: null,
    data,
    dedupeKey: about.dedupeKey,
    invoiceId: null,
    organizationId: about.organizationId ?? null,
    paymentId: about.paymentId ?? null,
    skipReason: null,
    staffUserId: user.id,
    to: [user.email],
    trigger: about.trigger,
    type,
  };
}

/** A link into the admin app, which is served at the root of PUBLIC_URL. */
function adminUrl(context: EmailContext, path: string): string {
  return `${context.publicUrl}/${path}`;
}
