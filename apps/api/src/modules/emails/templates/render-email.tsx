import { plainTextSelectors } from '@react-email/render';
import { compile } from 'html-to-text';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

import { PasswordResetEmail, WelcomeEmail } from './access-emails';
import { EMAIL_TYPE_INFO } from './email-type-info';
import {
  Branding,
  EmailTemplateData,
  EmailType,
  RenderedEmail,
  TemplateOverrides,
} from './email-types';
import { InvoiceDueSoonEmail, InvoicePastDueEmail, NewInvoiceEmail } from './invoice-emails';
import { MethodExpiredEmail, MethodExpiringEmail } from './method-emails';
import {
  AchReturnedEmail,
  PaymentCancelledEmail,
  PaymentFailedEmail,
  PaymentReceiptEmail,
  PaymentRefundedEmail,
  PaymentRescheduledEmail,
  PaymentScheduledEmail,
} from './payment-emails';
import { fillPlaceholders, subjectLine } from './placeholders';
import {
  AutopayApprovalNeededEmail,
  StaffDailySummaryEmail,
  StaffEmailFailuresEmail,
  StaffAccessRequestEmail,
  StaffWebhookDisabledEmail,
  StaffSyncFailedEmail,
  StaffSyncNotRunningEmail,
  StaffAccountingSyncFailingEmail,
  StaffAutopaySummaryEmail,
  StaffPaymentMadeEmail,
  TestEmail,
} from './staff-emails';
import { AccountSummaryEmail } from './statement-email';
import { TemplateProps } from './template-props';

const COMPONENTS: { [K in EmailType]: (props: TemplateProps<K>) => ReactElement } = {
  account_summary: AccountSummaryEmail,
  ach_returned: AchReturnedEmail,
  autopay_approval_needed: AutopayApprovalNeededEmail,
  invoice_due_soon: InvoiceDueSoonEmail,
  invoice_past_due: InvoicePastDueEmail,
  method_expired: MethodExpiredEmail,
  method_expiring: MethodExpiringEmail,
  new_invoice: NewInvoiceEmail,
  password_reset: PasswordResetEmail,
  payment_cancelled: PaymentCancelledEmail,
  payment_failed: PaymentFailedEmail,
  payment_receipt: PaymentReceiptEmail,
  payment_refunded: PaymentRefundedEmail,
  payment_rescheduled: PaymentRescheduledEmail,
  payment_scheduled: PaymentScheduledEmail,
  staff_daily_summary: StaffDailySummaryEmail,
  staff_email_failures: StaffEmailFailuresEmail,
  staff_payment_made: StaffPaymentMadeEmail,
  staff_autopay_summary: StaffAutopaySummaryEmail,
  staff_access_request: StaffAccessRequestEmail,
  staff_webhook_disabled: StaffWebhookDisabledEmail,
  staff_sync_failed: StaffSyncFailedEmail,
  staff_sync_not_running: StaffSyncNotRunningEmail,
  staff_accounting_sync_failing: StaffAccountingSyncFailingEmail,
  test: TestEmail,
  welcome: WelcomeEmail,
};

/**
 * react-email's toPlainText, compiled once: its convert() compiles the selectors again for every
 * email, a sixth of the time a receipt takes.
 */
const toPlainText = compile({ selectors: plainTextSelectors, wordwrap: false });

const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/** An override counts only when it has text; clearing the field in Settings restores the default. */
function chosen(override: string | null | undefined, fallback: string): string {
  return override && override.trim() ? override : fallback;
}

/**
 * Subject, HTML and plain text of one email. Data strings reach the HTML only as React text and
 * attribute values, which React escapes; the text part is converted from that same HTML.
 * The templates are synchronous, so React's static renderer does the work of react-email's
 * render() without its dynamic import() of react-dom/server, which jest's CommonJS sandbox
 * (and so every e2e test that sends mail) cannot run.
 */
export async function renderEmail<T extends EmailType>(
  type: T,
  data: EmailTemplateData[T],
  context: { branding: Branding; overrides?: TemplateOverrides },
): Promise<RenderedEmail> {
  const info = EMAIL_TYPE_INFO[type];
  const values = { mspName: context.branding.mspName, ...data };
  const subject = subjectLine(
    fillPlaceholders(chosen(context.overrides?.subject, info.defaultSubject), values),
  );
  const intro = fillPlaceholders(chosen(context.overrides?.intro, info.defaultIntro), values);
  const Component = COMPONENTS[type] as ((props: TemplateProps<T>) => ReactElement) | undefined;
  if (!Component) throw new Error(`No email template for type "${type}"`);
  const markup = renderToStaticMarkup(
    <Component branding={context.branding} data={data} intro={intro} />,
  );
  const html = DOCTYPE + markup.replace(/^<!DOCTYPE[^>]*>/i, '');
  return { html, subject, text: toPlainText(html) };
}
