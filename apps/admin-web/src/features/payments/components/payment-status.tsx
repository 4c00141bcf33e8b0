import type { PaymentStatus } from '../api/types';

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  scheduled: 'Scheduled',
  pending_approval: 'Awaiting approval',
  processing: 'Processing',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  returned: 'Returned',
  refunded: 'Refunded',
};

const TONES: Record<PaymentStatus, string> = {
  scheduled: 'ui-badge app-badge--info',
  pending_approval: 'ui-badge ui-badge--warning',
  processing: 'ui-badge ui-badge--warning',
  succeeded: 'ui-badge ui-badge--success',
  failed: 'ui-badge ui-badge--danger',
  cancelled: 'ui-badge',
  returned: 'ui-badge ui-badge--danger',
  refunded: 'ui-badge',
};

export const PAYMENT_STATUS_OPTIONS = (Object.keys(PAYMENT_STATUS_LABELS) as PaymentStatus[]).map(
  (s) => ({ value: s, label: PAYMENT_STATUS_LABELS[s] }),
);

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return (
    <span className={TONES[status] ?? 'ui-badge'} data-status={status}>
      {PAYMENT_STATUS_LABELS[status] ?? status}
    </span>
  );
}
