import { EmptyState, Skeleton, formatMoney } from '@settle/ui';
import { lazy, Suspense } from 'react';

import type { ArOverviewResponseDto } from '../api/types';

const HighestBalancesChart = lazy(() => import('./highest-balances-chart'));

function ChartSkeleton() {
  return (
    <div className="app-chart-skeleton" role="status" aria-label="Loading chart">
      {[90, 75, 60, 45, 35, 25].map((w) => (
        <Skeleton key={w} width={`${w}%`} height={18} />
      ))}
    </div>
  );
}

export function HighestBalances({
  data,
  loading,
}: {
  data: ArOverviewResponseDto | undefined;
  loading: boolean;
}) {
  if (loading || !data) return <ChartSkeleton />;
  const rows = data.highestBalances.slice(0, 6);
  if (rows.length === 0) {
    return (
      <EmptyState
        bare
        title="No balances to chart"
        text="The six organizations with the largest open and past due balances will appear here."
      />
    );
  }
  const currency = data.totals.currency;
  const summary = rows
    .map(
      (r) =>
        `${r.name}: ${formatMoney(r.balance, currency)} open, ${formatMoney(r.pastDue, currency)} past due`,
    )
    .join('; ');
  return (
    <figure className="app-chart" aria-label={`Highest balances. ${summary}`}>
      <Suspense fallback={<ChartSkeleton />}>
        <HighestBalancesChart rows={rows} currency={currency} />
      </Suspense>
    </figure>
  );
}
