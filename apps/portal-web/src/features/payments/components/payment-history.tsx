import { Button, EmptyState, ErrorState, LoadingState } from '@settle/ui';
import { useState } from 'react';

import { problemMessage } from '@/lib/problem';

import { usePayments } from '../api/get-payments';

import { PaymentRow } from './payment-row';

const PAGE_SIZE = 20;

/** Every payment of the organization, newest first, a page at a time. */
export function PaymentHistory({ organizationId }: { organizationId: string }) {
  const [page, setPage] = useState(1);
  const payments = usePayments({
    organizationId,
    query: { sort: '-createdAt', page, pageSize: PAGE_SIZE },
  });
  if (payments.isPending) return <LoadingState label="Loading payments…" />;
  if (payments.isError) {
    return (
      <ErrorState title="Could not load your payments" message={problemMessage(payments.error)} />
    );
  }
  const { data, total } = payments.data;
  if (total === 0) {
    return <EmptyState title="No payments yet" text="Payments you make show here." />;
  }
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="ui-card">
      <ul className="portal-list" aria-label="Payments" aria-busy={payments.isFetching}>
        {data.map((p) => (
          <PaymentRow key={p.id} payment={p} />
        ))}
      </ul>
      {pages > 1 && (
        <nav className="portal-pager" aria-label="Pages">
          <Button size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Previous
          </Button>
          <span>
            Page {page} of {pages}
          </span>
          <Button size="sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            Next
          </Button>
        </nav>
      )}
    </div>
  );
}
