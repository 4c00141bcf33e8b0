import type { EmailEventDto, EmailStatus, EmailSummaryDto, EmailType } from '../api/types';

/** Each email type in words, as staff know it (the list's "Type" column, the filters). */
export const EMAIL_TYPE_LABELS: Record<EmailType, string> = {
  welcome: 'Welcome',
  password_reset: 'Password reset',
  account_summary: 'Account summary',
  payment_receipt: 'Payment receipt',
  payment_failed: 'Payment failed',
  payment_scheduled: 'Payment scheduled',
  payment_rescheduled: 'Payment rescheduled',
  payment_cancelled: 'Payment cancelled',
  payment_refunded: 'Payment refunded',
  ach_returned: 'Bank payment returned',
  autopay_approval_needed: 'AutoPay approval needed',
  method_expiring: 'Payment method expiring',
  method_expired: 'Payment method expired',
  new_invoice: 'New invoice',
  invoice_due_soon: 'Invoice due soon',
  invoice_past_due: 'Invoice past due',
  staff_payment_made: 'Payment made (staff)',
  staff_daily_summary: 'Daily summary (staff)',
  staff_email_failures: 'Email failures (staff)',
  staff_autopay_summary: 'AutoPay run summary (staff)',
  staff_access_request: 'Portal access request (staff)',
  staff_webhook_disabled: 'Webhook endpoint disabled (staff)',
  staff_sync_failed: 'Sync failed (staff)',
  staff_sync_not_running: 'Sync not running (staff)',
  staff_accounting_sync_failing: 'Payments failing to sync (staff)',
  test: 'Test email',
};

export const EMAIL_TYPE_OPTIONS = (Object.keys(EMAIL_TYPE_LABELS) as EmailType[]).map((t) => ({
  value: t,
  label: EMAIL_TYPE_LABELS[t],
}));

export const EMAIL_STATUS_LABELS: Record<EmailStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
};

export const EMAIL_STATUS_OPTIONS = (Object.keys(EMAIL_STATUS_LABELS) as EmailStatus[]).map(
  (s) => ({ value: s, label: EMAIL_STATUS_LABELS[s] }),
);

const TONES: Record<EmailStatus, string> = {
  queued: 'ui-badge app-badge--info',
  sent: 'ui-badge ui-badge--success',
  failed: 'ui-badge ui-badge--danger',
  skipped: 'ui-badge',
};

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return (
    <span className={TONES[status] ?? 'ui-badge'} data-status={status}>
      {EMAIL_STATUS_LABELS[status] ?? status}
    </span>
  );
}

/** What each step of an email's trail means, as the timeline says it. */
export const EMAIL_EVENT_LABELS: Record<EmailEventDto['type'], string> = {
  triggered: 'Triggered',
  queued: 'Queued for delivery',
  processed: 'Picked up for sending',
  sent: 'Accepted by the mail server',
  failed: 'Delivery failed',
  skipped: 'Not sent',
  resent: 'Resent as a new email',
};

/** "a@b.com, c@d.com", or what stands in for no address at all. */
export function recipientsText(to: readonly string[]): string {
  return to.length ? to.join(', ') : 'no recipient';
}

export interface Outcome {
  title: string;
  message: string;
  variant: 'success' | 'error' | 'info';
}

/**
 * What a send request did, in words, from the emails it created: who each went to (queued for
 * delivery), and why any was not sent. Never claims delivery: the API answers before the mail
 * server does.
 */
export function describeOutcome(what: string, emails: readonly EmailSummaryDto[]): Outcome {
  const going = emails.filter((e) => e.status === 'queued' || e.status === 'sent');
  const notSent = emails.filter((e) => e.status === 'skipped' || e.status === 'failed');
  const reasons = notSent.map((e) => {
    const why = e.lastError ?? 'no reason given';
    return e.to.length ? `${e.to.join(', ')} (${why})` : why;
  });
  if (going.length === 0) {
    return {
      title: `${what} not sent`,
      message: reasons.join('; ') || 'No email was created.',
      variant: 'error',
    };
  }
  const to = going.flatMap((e) => e.to).join(', ');
  return {
    title: `${what} on its way`,
    message: `Queued for ${to}.${reasons.length ? ` Not sent: ${reasons.join('; ')}.` : ''}`,
    variant: reasons.length ? 'info' : 'success',
  };
}
