import type { PaymentStatus } from '../api/types';

const LABELS: Record<PaymentStatus, string> = {
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
  scheduled: 'ui-badge portal-badge--info',
  pending_approval: 'ui-badge ui-badge--warning',
  processing: 'ui-badge ui-badge--warning',
  succeeded: 'ui-badge ui-badge--success',
  failed: 'ui-badge ui-badge--danger',
  cancelled: 'ui-badge',
  returned: 'ui-badge ui-badge--danger',
  refunded: 'ui-badge',
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return (
    <span className={TONES[status] ?? 'ui-badge'} data-status={status}>
      {LABELS[status] ?? status}
    </span>
  );
}
