import { ErrorState, StatTile, formatDate, formatMoney } from '@settle/ui';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { problemMessage } from '@/lib/problem';

import { useBalance } from '../api/get-balance';

/** Dashboard: what the organization owes, what of it is past due, and the way to pay it. */
export function BalanceSummary({
  organizationId,
  canPay,
}: {
  organizationId: string;
  canPay: boolean;
}) {
  const balance = useBalance({ organizationId });
  if (balance.isError) {
    return (
      <ErrorState title="Could not load your balance" message={problemMessage(balance.error)} />
    );
  }
  const b = balance.data;
  const money = (minor: number) => (b ? formatMoney(minor, b.currency) : '');
  const loading = balance.isPending;
  return (
    <section aria-label="Balance summary" className="portal-stack">
      <dl className="ui-stat-tiles portal-tiles">
        <StatTile
          label="Balance"
          loading={loading}
          value={b && money(b.totalBalance)}
          hint={b && (b.openInvoices === 1 ? '1 open invoice' : `${b.openInvoices} open invoices`)}
        />
        <StatTile
          label="Past due"
          loading={loading}
          tone={b && b.pastDue > 0 ? 'danger' : 'default'}
          value={b && money(b.pastDue)}
          hint={
            b?.oldestInvoice && b.pastDue > 0
              ? `Oldest: ${b.oldestInvoice.number}, due ${formatDate(b.oldestInvoice.dueDate)}`
              : undefined
          }
        />
        {b && b.creditsAvailable !== null && b.creditsAvailable > 0 && (
          <StatTile label="Credits available" value={money(b.creditsAvailable)} />
        )}
      </dl>
      {b && b.openInvoices > 0 && (
        <Link
          className={`ui-button ${canPay ? 'ui-button--primary' : 'ui-button--secondary'} portal-cta`}
          to={paths.app.invoices.getHref()}
        >
          {canPay ? 'Pay invoices' : 'View open invoices'}
        </Link>
      )}
    </section>
  );
}
