import { StatTile, formatMoney } from '@settle/ui';

import type { ArOverviewResponseDto } from '../api/types';

export function ArTiles({
  totals,
  loading,
}: {
  totals: ArOverviewResponseDto['totals'] | undefined;
  loading: boolean;
}) {
  const money = (minor: number | undefined) =>
    totals && minor !== undefined ? formatMoney(minor, totals.currency) : '—';
  return (
    <dl className="ui-stat-tiles" aria-label="A/R totals">
      <StatTile
        data-testid="tile-total-balance"
        label="Total Balance"
        value={money(totals?.totalBalance)}
        loading={loading}
      />
      <StatTile
        data-testid="tile-total-past-due"
        label="Total Past Due"
        value={money(totals?.totalPastDue)}
        tone={totals && totals.totalPastDue > 0 ? 'danger' : 'default'}
        loading={loading}
      />
      <StatTile
        data-testid="tile-open-invoices"
        label="Open Invoices"
        value={totals ? String(totals.openInvoices) : '—'}
        loading={loading}
      />
      <StatTile
        data-testid="tile-companies"
        label="Companies"
        value={totals ? String(totals.companies) : '—'}
        loading={loading}
      />
    </dl>
  );
}
