import { EmailType, EmailTypeInfo } from './email-types';

/**
 * Labels, categories and default wording per type. Subjects and intros may use any scalar field of
 * the type's template data as a `{placeholder}`, plus `{mspName}` from the branding.
 */
export const EMAIL_TYPE_INFO: Record<EmailType, EmailTypeInfo> = {
  welcome: {
    label: 'Welcome (portal invitation)',
    category: 'access',
    audience: 'contact',
    defaultSubject: 'Your {mspName} billing portal for {organizationName}',
    defaultIntro:
      '{mspName} has set up a billing portal for {organizationName}. There you can see your invoices, pay them and manage your payment methods. Choose a password to get started; the link works for {expiresInDays} days.',
  },
  password_reset: {
    label: 'Password reset',
    category: 'access',
    audience: 'contact',
    defaultSubject: 'Reset your {mspName} billing portal password',
    defaultIntro:
      'We received a request to reset the password for your {mspName} billing portal. The link works for {expiresInMinutes} minutes and can be used once. If you did not ask for this, you can ignore this email; your password stays as it is.',
  },
  account_summary: {
    label: 'Account summary (statement)',
    category: 'statements',
    audience: 'contact',
    defaultSubject: 'Account summary for {organizationName}',
    defaultIntro:
      'Here is the statement for {organizationName} as of {asOf}. The full list of open invoices is in the attached PDF.',
  },
  payment_receipt: {
    label: 'Payment receipt',
    category: 'receipts',
    audience: 'contact',
    defaultSubject: 'Receipt for payment {paymentNumber}',
    defaultIntro:
      'Thank you for your payment of {total} on {paidAt}. This email is your receipt; keep it for your records.',
  },
  payment_failed: {
    label: 'Payment failed',
    category: 'notices',
    audience: 'contact',
    defaultSubject: 'Payment {paymentNumber} did not go through',
    defaultIntro:
      'Your payment of {amount} with {methodLabel} did not go through. Please check the payment method or pay with another one.',
  },
  payment_scheduled: {
    label: 'Scheduled payment reminder',
    category: 'notices',
    audience: 'contact',
    defaultSubject: 'Payment {paymentNumber} is scheduled for {scheduledFor}',
    defaultIntro:
      'A payment of {amount} from {methodLabel} is scheduled for {scheduledFor}. You do not need to do anything; to change or cancel it, open the portal before then.',
  },
  payment_rescheduled: {
    label: 'Payment rescheduled',
    category: 'notices',
    audience: 'contact',
    defaultSubject: 'Payment {paymentNumber} moved to {scheduledFor}',
    defaultIntro:
      'Your scheduled payment of {amount} has moved from {previousDate} to {scheduledFor}.',
  },
  payment_cancelled: {
    label: 'Payment cancelled',
    category: 'notices',
    audience: 'contact',
    defaultSubject: 'Scheduled payment {paymentNumber} was cancelled',
    defaultIntro:
      'The payment of {amount} scheduled for {scheduledFor} was cancelled and will not be charged.',
  },
  payment_refunded: {
    label: 'Payment refunded',
    category: 'receipts',
    audience: 'contact',
    defaultSubject: 'Refund of {refundAmount} for payment {paymentNumber}',
    defaultIntro:
      'We refunded {refundAmount} of payment {paymentNumber} to {methodLabel}. Depending on your bank it can take 5 to 10 business days to appear.',
  },
  ach_returned: {
    label: 'ACH return',
    category: 'notices',
    audience: 'contact',
    defaultSubject: 'Your bank returned payment {paymentNumber}',
    defaultIntro:
      'Your bank returned the payment of {amount}, so the invoices it paid are open again. Please check the bank account or pay with another method.',
  },
  autopay_approval_needed: {
    label: 'AutoPay approval needed',
    category: 'staff',
    audience: 'staff',
    defaultSubject: 'AutoPay run on {runDate} needs approval ({total})',
    defaultIntro:
      'The AutoPay run on {runDate} will charge {total}. Review the payments below and approve them before they run.',
  },
  method_expiring: {
    label: 'Payment method expiring',
    category: 'notices',
    audience: 'contact',
    defaultSubject: 'Your {methodLabel} expires {expires}',
    defaultIntro:
      'The payment method {methodLabel} on file for {organizationName} expires {expires}. Add a new one so that payments keep going through.',
  },
  method_expired: {
    label: 'Payment method expired',
    category: 'notices',
    audience: 'contact',
    defaultSubject: 'Your {methodLabel} has expired',
    defaultIntro:
      'The payment method {methodLabel} on file for {organizationName} expired {expires} and can no longer be charged. Please add a new one.',
  },
  new_invoice: {
    label: 'New invoice',
    category: 'notices',
    audience: 'contact',
    defaultSubject: 'New invoice {invoiceNumber} from {mspName}',
    defaultIntro:
      'There is a new invoice for {organizationName}: {invoiceNumber} for {amount}, due {dueDate}.',
  },
  invoice_due_soon: {
    label: 'Invoice due soon',
    category: 'notices',
    audience: 'contact',
    defaultSubject: 'Invoice {invoiceNumber} is due {dueDate}',
    defaultIntro:
      'A friendly reminder that invoice {invoiceNumber} has {openBalance} open and is due {dueDate}.',
  },
  invoice_past_due: {
    label: 'Invoice past due',
    category: 'notices',
    audience: 'contact',
    defaultSubject: 'Invoice {invoiceNumber} is past due',
    defaultIntro:
      'Invoice {invoiceNumber} was due {dueDate} and is {daysPastDue} days past due with {openBalance} open. Please pay it at your earliest convenience.',
  },
  staff_payment_made: {
    label: 'Payment made (staff)',
    category: 'staff',
    audience: 'staff',
    defaultSubject: '{organizationName} paid {amount}',
    defaultIntro: '{paidBy} paid {amount} for {organizationName} with {methodLabel}.',
  },
  staff_daily_summary: {
    label: 'Daily summary (staff)',
    category: 'staff',
    audience: 'staff',
    defaultSubject: 'Daily summary for {date}: {collected} collected',
    defaultIntro: 'Here is what happened on {date}.',
  },
  staff_email_failures: {
    label: 'Email failures (staff)',
    category: 'staff',
    audience: 'staff',
    defaultSubject: 'Some emails could not be delivered',
    defaultIntro:
      'These emails could not be delivered. Check the addresses and the email settings, then resend them.',
  },
  staff_autopay_summary: {
    label: 'AutoPay run summary (staff)',
    category: 'staff',
    audience: 'staff',
    defaultSubject:
      'AutoPay on {runDate}: {charged} charged, {failed} failed, {pendingApproval} to approve',
    defaultIntro:
      'The AutoPay run for {runDate} has {outcome}. Here is what it did; failed charges are retried on the configured schedule when the decline allows it.',
  },
  staff_access_request: {
    label: 'Portal access request (staff)',
    category: 'staff',
    audience: 'staff',
    defaultSubject: '{requesterName} asks for portal access for {company}',
    defaultIntro:
      '{requesterName} ({requesterEmail}) asked on the portal sign-in page for access for {company}. If they should have it, add them as a contact of that organization with an access profile and send the welcome email; otherwise, nothing needs doing.',
  },
  staff_webhook_disabled: {
    label: 'Webhook endpoint disabled (staff)',
    category: 'staff',
    audience: 'staff',
    defaultSubject: 'Webhook endpoint disabled: {url}',
    defaultIntro:
      'Settle stopped sending events to {url}: no delivery has succeeded since {failingSince}. Events from now on are not sent to it. Fix the receiver, then enable the endpoint again on the Webhooks page and redeliver what it missed.',
  },
  staff_sync_failed: {
    label: 'Sync failed (staff)',
    category: 'staff',
    audience: 'staff',
    defaultSubject: 'Sync failed: {integrationName}',
    defaultIntro:
      'Syncing {integrationName} has failed since {failingSince}; organizations, contacts and invoices from it are not being updated. Check the error below and the integration, then press Sync now. You get this email once until a sync succeeds again.',
  },
  staff_sync_not_running: {
    label: 'Sync not running (staff)',
    category: 'staff',
    audience: 'staff',
    defaultSubject: 'Sync not running for 48 hours: {integrationName}',
    defaultIntro:
      '{integrationName} has not synced for 48 hours (last successful sync: {lastSynced}); organizations, contacts and invoices from it may be out of date. Check the integration and its schedule, then press Sync now. You get this email once until a sync succeeds again.',
  },
  staff_accounting_sync_failing: {
    label: 'Payments failing to sync (staff)',
    category: 'staff',
    audience: 'staff',
    defaultSubject: '{failing} of {pushed} recent payments are failing to sync to accounting',
    defaultIntro:
      'Since {since}, 10% or more of the payments Settle pushed to your accounting package in the last 30 days have been refused ({failing} of {pushed}). That many failures usually means a setting needs attention: check the accounting integration, then resolve each payment from the Overview (Retry, or Dismiss Syncing once recorded by hand). You get this email once until fewer than 10% fail.',
  },
  test: {
    label: 'Test email',
    category: 'staff',
    audience: 'staff',
    defaultSubject: 'Test email from Settle',
    defaultIntro:
      '{sentBy} sent this test email from Settle. If you are reading it, email delivery works.',
  },
};
