import { Card, EmptyState, ErrorState, LoadingState, formatDate, formatMoney } from '@settle/ui';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { problemMessage } from '@/lib/problem';

import { dashboardPaymentsQueries, usePayments } from '../api/get-payments';

import { PaymentRow } from './payment-row';

/** Dashboard: the payment that runs next, if one is scheduled. */
export function NextScheduledPayment({ organizationId }: { organizationId: string }) {
  const next = usePayments({ organizationId, query: dashboardPaymentsQueries.nextScheduled });
  const payment = next.data?.data[0];
  return (
    <Card title="Next scheduled payment">
      {next.isPending ? (
        <LoadingState />
      ) : next.isError ? (
        <ErrorState
          title="Could not load scheduled payments"
          message={problemMessage(next.error)}
        />
      ) : payment ? (
        <Link className="portal-next-payment" to={paths.app.payment.getHref(payment.id)}>
          <strong>{formatMoney(payment.total, payment.currency)}</strong>
          <span>
            on {formatDate(payment.scheduledFor)} · {payment.number}
          </span>
        </Link>
      ) : (
        <p className="ui-muted portal-card-text">No payment is scheduled.</p>
      )}
    </Card>
  );
}

/** Dashboard: the last few payments, newest first. */
export function RecentPayments({ organizationId }: { organizationId: string }) {
  const recent = usePayments({ organizationId, query: dashboardPaymentsQueries.recent });
  return (
    <Card
      title="Recent payments"
      flush
      actions={<Link to={paths.app.history.getHref()}>All payments</Link>}
    >
      {recent.isPending ? (
        <LoadingState />
      ) : recent.isError ? (
        <ErrorState title="Could not load payments" message={problemMessage(recent.error)} />
      ) : recent.data.data.length === 0 ? (
        <EmptyState bare title="No payments yet" />
      ) : (
        <ul className="portal-list" aria-label="Recent payments">
          {recent.data.data.map((p) => (
            <PaymentRow key={p.id} payment={p} />
          ))}
        </ul>
      )}
    </Card>
  );
}
