import { isApiError } from '@settle/api-client';
import { Card, EmptyState, ErrorState } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import type { ArOverviewParams } from '@/api/reports/keys';
import { paths } from '@/config/paths';

import { useArOverview } from '../api/get-ar-overview';

import { ArByCompany } from './ar-by-company';
import { ArTiles } from './ar-tiles';
import { HighestBalances } from './highest-balances';

export function ArOverview() {
  const [params, setParams] = useState<ArOverviewParams>({
    page: 1,
    pageSize: 10,
    sort: '-balance',
  });
  const overview = useArOverview({ params });
  const data = overview.data;
  const noAr = !!data && data.totals.openInvoices === 0 && data.totals.totalBalance === 0;

  return (
    <>
      <Card
        title="A/R by Company"
        className="app-full"
        actions={<Link to={paths.app.organizations.getHref()}>All Customers</Link>}
      >
        {overview.isError ? (
          <ErrorState
            message={
              isApiError(overview.error)
                ? overview.error.detail
                : 'Could not load the A/R overview.'
            }
            requestId={isApiError(overview.error) ? overview.error.requestId : null}
            action={
              <button type="button" className="ui-button" onClick={() => void overview.refetch()}>
                Try again
              </button>
            }
          />
        ) : (
          <>
            <ArTiles totals={data?.totals} loading={overview.isPending} />
            {noAr && !params.q ? (
              <EmptyState
                bare
                title="No receivables yet"
                text="No open invoices yet. Connect an integration or add invoices to see your receivables."
              />
            ) : (
              <ArByCompany
                data={data}
                loading={overview.isPending || overview.isPlaceholderData}
                params={params}
                onParamsChange={(next) => setParams((p) => ({ ...p, ...next }))}
              />
            )}
          </>
        )}
      </Card>
      <Card title="Highest Balances" className="app-full">
        {overview.isError ? (
          <EmptyState bare title="Chart unavailable" text="The A/R overview could not be loaded." />
        ) : (
          <HighestBalances data={data} loading={overview.isPending} />
        )}
      </Card>
    </>
  );
}
