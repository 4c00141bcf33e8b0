import { formatDate, formatMoney } from '@settle/ui';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

import type { PaymentSummary } from '../api/types';

import { PaymentStatusBadge } from './payment-status';

/** One payment in a list: number and date on the left, total and status on the right. */
export function PaymentRow({ payment }: { payment: PaymentSummary }) {
  const when =
    payment.status === 'scheduled' && payment.scheduledFor
      ? `Scheduled for ${formatDate(payment.scheduledFor)}`
      : formatDate(payment.processedAt ?? payment.createdAt);
  const invoices = payment.allocations.map((a) => a.invoiceNumber).join(', ');
  return (
    <li>
      <Link className="portal-row" to={paths.app.payment.getHref(payment.id)}>
        <span className="portal-row__main">
          <span className="portal-row__title">{payment.number}</span>
          <span className="portal-row__meta">
            {when}
            {invoices ? ` · ${invoices}` : ''}
          </span>
        </span>
        <span className="portal-row__side">
          <span className="portal-row__amount">{formatMoney(payment.total, payment.currency)}</span>
          <PaymentStatusBadge status={payment.status} />
        </span>
      </Link>
    </li>
  );
}
