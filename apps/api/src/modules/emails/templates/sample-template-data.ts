import { EmailTemplateData, EmailType } from './email-types';

const PORTAL = 'http://localhost:3000/portal';
const ADMIN = 'http://localhost:3000';
const contact = { organizationName: 'Contoso Dental', recipientName: 'Dana' };

/** Realistic data for previews in Settings → Email → Templates and for tests. */
export const SAMPLE_TEMPLATE_DATA: { [K in EmailType]: EmailTemplateData[K] } = {
  welcome: {
    ...contact,
    acceptUrl: `${PORTAL}/accept-invitation?token=sample-invitation-token`,
    expiresInDays: 7,
  },
  password_reset: {
    ...contact,
    expiresInMinutes: 60,
    resetUrl: `${PORTAL}/reset-password?token=sample-reset-token`,
  },
  account_summary: {
    ...contact,
    asOf: 'Dec 1, 2026',
    openInvoices: 5,
    pastDue: '$1,840.00',
    portalUrl: `${PORTAL}/invoices`,
    totalDue: '$6,215.50',
  },
  payment_receipt: {
    ...contact,
    amount: '$2,450.00',
    fee: '$73.50',
    invoices: [
      { amount: '$1,250.00', number: 'INV-10421' },
      { amount: '$1,200.00', number: 'INV-10433' },
    ],
    methodLabel: 'Visa ending 4242',
    paidAt: 'Nov 28, 2026',
    paymentNumber: 'PAY-000123',
    portalUrl: `${PORTAL}/payments`,
    total: '$2,523.50',
  },
  payment_failed: {
    ...contact,
    amount: '$1,250.00',
    methodLabel: 'Visa ending 4242',
    paymentNumber: 'PAY-000124',
    portalUrl: `${PORTAL}/invoices`,
    reason: 'The card was declined for insufficient funds.',
  },
  payment_scheduled: {
    ...contact,
    amount: '$3,100.00',
    invoices: [
      { amount: '$2,600.00', number: 'INV-10450' },
      { amount: '$500.00', number: 'INV-10452' },
    ],
    methodLabel: 'Checking ending 6789',
    paymentNumber: 'PAY-000131',
    portalUrl: `${PORTAL}/payments`,
    scheduledFor: 'Dec 5, 2026',
  },
  payment_rescheduled: {
    ...contact,
    amount: '$3,100.00',
    methodLabel: 'Checking ending 6789',
    paymentNumber: 'PAY-000131',
    portalUrl: `${PORTAL}/payments`,
    previousDate: 'Dec 5, 2026',
    scheduledFor: 'Dec 12, 2026',
  },
  payment_cancelled: {
    ...contact,
    amount: '$3,100.00',
    paymentNumber: 'PAY-000131',
    portalUrl: `${PORTAL}/payments`,
    scheduledFor: 'Dec 12, 2026',
  },
  payment_refunded: {
    ...contact,
    methodLabel: 'Visa ending 4242',
    paymentNumber: 'PAY-000123',
    portalUrl: `${PORTAL}/payments`,
    reason: 'Duplicate charge',
    refundAmount: '$1,200.00',
  },
  ach_returned: {
    ...contact,
    amount: '$3,100.00',
    paymentNumber: 'PAY-000131',
    portalUrl: `${PORTAL}/invoices`,
    returnCode: 'R01',
    returnReason: 'Insufficient funds',
  },
  autopay_approval_needed: {
    approvalsUrl: `${ADMIN}/autopay/approvals`,
    items: [
      { amount: '$1,250.00', number: 'INV-10421', organizationName: 'Contoso Dental' },
      { amount: '$4,980.00', number: 'INV-10460', organizationName: 'Fabrikam Logistics' },
      { amount: '$615.25', number: 'INV-10466', organizationName: 'Tailspin Toys' },
    ],
    recipientName: 'Morgan',
    runDate: 'Dec 3, 2026',
    total: '$6,845.25',
  },
  method_expiring: {
    ...contact,
    expires: 'Dec 31, 2026',
    methodLabel: 'Visa ending 4242',
    portalUrl: `${PORTAL}/payment-methods`,
  },
  method_expired: {
    ...contact,
    expires: 'Nov 30, 2026',
    methodLabel: 'Mastercard ending 4444',
    portalUrl: `${PORTAL}/payment-methods`,
  },
  new_invoice: {
    ...contact,
    amount: '$1,875.00',
    dueDate: 'Dec 31, 2026',
    invoiceNumber: 'INV-10471',
    invoiceUrl: `${PORTAL}/invoices/sample-invoice`,
  },
  invoice_due_soon: {
    ...contact,
    dueDate: 'Dec 5, 2026',
    invoiceNumber: 'INV-10452',
    invoiceUrl: `${PORTAL}/invoices/sample-invoice`,
    openBalance: '$500.00',
  },
  invoice_past_due: {
    ...contact,
    daysPastDue: 14,
    dueDate: 'Nov 17, 2026',
    invoiceNumber: 'INV-10398',
    invoiceUrl: `${PORTAL}/invoices/sample-invoice`,
    openBalance: '$1,840.00',
  },
  staff_payment_made: {
    amount: '$2,523.50',
    methodLabel: 'Visa ending 4242',
    organizationName: 'Contoso Dental',
    paidBy: 'Dana Whitfield',
    paymentNumber: 'PAY-000123',
    paymentUrl: `${ADMIN}/payments/sample-payment`,
    recipientName: 'Morgan',
  },
  staff_daily_summary: {
    collected: '$18,420.75',
    date: 'Nov 30, 2026',
    failedEmails: 1,
    failedPayments: 2,
    overviewUrl: `${ADMIN}/`,
    paymentsCount: 12,
    recipientName: 'Morgan',
  },
  staff_email_failures: {
    emailsUrl: `${ADMIN}/emails?status=failed`,
    failures: [
      {
        error: '550 5.1.1 The email account that you tried to reach does not exist',
        subject: 'Receipt for payment PAY-000123',
        to: 'dana@contoso-dental.example',
      },
      {
        error: 'Connection timed out after 30 s',
        subject: 'Invoice INV-10398 is past due',
        to: 'ap@fabrikam.example',
      },
    ],
    recipientName: 'Morgan',
  },
  test: { sentBy: 'Morgan Lee' },
};
