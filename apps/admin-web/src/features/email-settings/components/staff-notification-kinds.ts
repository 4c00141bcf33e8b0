import type { StaffNotificationKind } from '../api/update-staff-notifications';

/** Each staff email's name (its column) and what it is. */
export const STAFF_NOTIFICATION_TEXT: Record<
  StaffNotificationKind,
  { label: string; meaning: string }
> = {
  paymentMade: { label: 'Payment made', meaning: 'An email for each payment a customer makes.' },
  dailySummary: {
    label: 'Daily summary',
    meaning: "Yesterday's collections, payments, failed payments and failed emails.",
  },
  emailFailures: {
    label: 'Email failures',
    meaning: 'An hourly digest of emails that could not be delivered.',
  },
  autopayRuns: { label: 'AutoPay runs', meaning: 'A summary after each AutoPay run.' },
  autopayApprovals: {
    label: 'AutoPay approvals',
    meaning: 'When a run leaves payments waiting for approval.',
  },
  accessRequests: {
    label: 'Access requests',
    meaning:
      'Someone asked for portal access on the sign-in page; when nobody has this, every enabled admin gets them.',
  },
};
