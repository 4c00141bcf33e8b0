/**
 * The contract between the emails module (which stores template data on each email row and sends
 * it) and its templates (which turn that data into subject, HTML and text). Template data holds
 * display-ready strings (amounts and dates already formatted in the MSP's currency, locale and
 * time zone), so a preview, a resend or a re-render months later reads exactly as the original.
 */

export const EMAIL_TYPES = [
  'welcome',
  'password_reset',
  'account_summary',
  'payment_receipt',
  'payment_failed',
  'payment_scheduled',
  'payment_rescheduled',
  'payment_cancelled',
  'payment_refunded',
  'ach_returned',
  'autopay_approval_needed',
  'method_expiring',
  'method_expired',
  'new_invoice',
  'invoice_due_soon',
  'invoice_past_due',
  'staff_payment_made',
  'staff_daily_summary',
  'staff_email_failures',
  'staff_autopay_summary',
  'staff_access_request',
  'staff_webhook_disabled',
  'staff_sync_failed',
  'staff_sync_not_running',
  'staff_accounting_sync_failing',
  'test',
] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];

/**
 * Exclusions per organization apply to the first three; `access` emails (welcome, reset) and
 * staff emails are never excluded.
 */
export const EMAIL_CATEGORIES = ['receipts', 'notices', 'statements', 'access', 'staff'] as const;
export type EmailCategory = (typeof EMAIL_CATEGORIES)[number];
export const EXCLUDABLE_CATEGORIES = ['receipts', 'notices', 'statements'] as const;
/** @public for the emails module's exclusions, on its own branch until it merges. */
export type ExcludableCategory = (typeof EXCLUDABLE_CATEGORIES)[number];

export interface InvoiceLine {
  number: string;
  /** Formatted, e.g. "$1,250.00". */
  amount: string;
}

/** Fields every contact-facing email has. */
interface ToContact {
  /** "Dana" or null when the contact has no first name we can use. */
  recipientName: string | null;
  organizationName: string;
}

export interface EmailTemplateData {
  welcome: ToContact & { acceptUrl: string; expiresInDays: number };
  password_reset: ToContact & { resetUrl: string; expiresInMinutes: number };
  account_summary: ToContact & {
    asOf: string;
    totalDue: string;
    pastDue: string;
    openInvoices: number;
    portalUrl: string;
  };
  payment_receipt: ToContact & {
    paymentNumber: string;
    paidAt: string;
    amount: string;
    /** Convenience fee, when one was charged. */
    fee: string | null;
    total: string;
    methodLabel: string;
    invoices: InvoiceLine[];
    portalUrl: string;
  };
  payment_failed: ToContact & {
    paymentNumber: string;
    amount: string;
    methodLabel: string;
    reason: string;
    portalUrl: string;
  };
  payment_scheduled: ToContact & {
    paymentNumber: string;
    amount: string;
    methodLabel: string;
    scheduledFor: string;
    invoices: InvoiceLine[];
    portalUrl: string;
  };
  payment_rescheduled: ToContact & {
    paymentNumber: string;
    amount: string;
    methodLabel: string;
    previousDate: string;
    scheduledFor: string;
    portalUrl: string;
  };
  payment_cancelled: ToContact & {
    paymentNumber: string;
    amount: string;
    scheduledFor: string;
    portalUrl: string;
  };
  payment_refunded: ToContact & {
    paymentNumber: string;
    refundAmount: string;
    methodLabel: string;
    reason: string | null;
    portalUrl: string;
  };
  ach_returned: ToContact & {
    paymentNumber: string;
    amount: string;
    returnCode: string;
    returnReason: string;
    portalUrl: string;
  };
  autopay_approval_needed: {
    recipientName: string | null;
    runDate: string;
    total: string;
    items: Array<InvoiceLine & { organizationName: string }>;
    approvalsUrl: string;
  };
  method_expiring: ToContact & { methodLabel: string; expires: string; portalUrl: string };
  method_expired: ToContact & { methodLabel: string; expires: string; portalUrl: string };
  new_invoice: ToContact & {
    invoiceNumber: string;
    amount: string;
    dueDate: string;
    invoiceUrl: string;
  };
  invoice_due_soon: ToContact & {
    invoiceNumber: string;
    openBalance: string;
    dueDate: string;
    invoiceUrl: string;
  };
  invoice_past_due: ToContact & {
    invoiceNumber: string;
    openBalance: string;
    dueDate: string;
    daysPastDue: number;
    invoiceUrl: string;
  };
  staff_payment_made: {
    recipientName: string | null;
    organizationName: string;
    paymentNumber: string;
    amount: string;
    methodLabel: string;
    paidBy: string;
    paymentUrl: string;
  };
  staff_daily_summary: {
    recipientName: string | null;
    date: string;
    collected: string;
    paymentsCount: number;
    failedPayments: number;
    failedEmails: number;
    overviewUrl: string;
  };
  staff_email_failures: {
    recipientName: string | null;
    failures: Array<{ to: string; subject: string; error: string }>;
    emailsUrl: string;
  };
  staff_autopay_summary: {
    recipientName: string | null;
    runDate: string;
    /** "finished" or "failed": a failed run is retried, and says so. */
    outcome: string;
    evaluated: number;
    charged: number;
    failed: number;
    pendingApproval: number;
    skipped: number;
    /** Problems staff should read, a line each (bounded). */
    problems: string[];
    autopayUrl: string;
  };
  staff_access_request: {
    recipientName: string | null;
    requesterName: string;
    requesterEmail: string;
    company: string;
    /** What the requester wrote, or null. */
    message: string | null;
    requestedAt: string;
    organizationsUrl: string;
  };
  staff_webhook_disabled: {
    recipientName: string | null;
    url: string;
    failingSince: string;
    lastError: string;
    webhooksUrl: string;
  };
  staff_sync_failed: {
    recipientName: string | null;
    integrationName: string;
    failingSince: string;
    error: string;
    integrationsUrl: string;
  };
  staff_sync_not_running: {
    recipientName: string | null;
    integrationName: string;
    /** "Dec 1, 2026, 9:14 AM", or "never" when it never synced. */
    lastSynced: string;
    integrationsUrl: string;
  };
  staff_accounting_sync_failing: {
    recipientName: string | null;
    /** Of the payments pushed in the last 30 days, how many fail and how many there were. */
    failing: number;
    pushed: number;
    since: string;
    paymentsUrl: string;
  };
  test: { sentBy: string };
}

export interface Branding {
  mspName: string;
  /** "#2563eb". */
  accentColor: string;
  /** A data URL, or null for a text-only header. */
  logoDataUrl: string | null;
}

/** What staff may edit per type in Settings → Email → Templates. */
export interface TemplateOverrides {
  subject?: string | null;
  intro?: string | null;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailTypeInfo {
  label: string;
  category: EmailCategory;
  audience: 'contact' | 'staff';
  /** May hold {placeholders} from the type's data, e.g. "Receipt for payment {paymentNumber}". */
  defaultSubject: string;
  defaultIntro: string;
}
