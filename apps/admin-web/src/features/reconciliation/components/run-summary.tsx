import { formatMoney, StatTile } from '@settle/ui';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

import type { ReconciliationRun } from '../api/types';

import { gatewayName } from './sources';

export const countOf = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** Each source's count and amount for the period, what matched, and how many differences. */
export function RunSummary({
  run,
  totals,
}: {
  run: ReconciliationRun;
  totals: NonNullable<ReconciliationRun['totals']>;
}) {
  const money = (minor: number) => formatMoney(minor, totals.currency);
  const differences = totals.differences.count;
  return (
    <>
      <dl className="ui-stat-tiles app-recon-sources" aria-label="Sources">
        <StatTile
          label="Settle"
          value={money(totals.settle.amount)}
          hint={countOf(totals.settle.count, 'payment')}
        />
        {totals.accounting && run.sources.accounting ? (
          <StatTile
            label="QuickBooks"
            value={money(totals.accounting.amount)}
            hint={
              // the integration's own name, when staff gave it one
              run.sources.accounting.name === 'QuickBooks'
                ? countOf(totals.accounting.count, 'payment')
                : `${countOf(totals.accounting.count, 'payment')} · ${run.sources.accounting.name}`
            }
          />
        ) : (
          <StatTile
            label="QuickBooks"
            value="Not connected"
            hint={
              <>
                Not compared. <Link to={paths.app.integrations.getHref()}>Integrations</Link>
              </>
            }
          />
        )}
        <StatTile
          label={gatewayName(run.sources.gateway)}
          value={money(totals.gateway.amount)}
          hint={countOf(totals.gateway.count, 'charge')}
        />
      </dl>
      <dl className="ui-stat-tiles app-recon-outcome" aria-label="Outcome">
        <StatTile
          label="Matched"
          value={money(totals.matched.amount)}
          hint={`${countOf(totals.matched.count, 'payment')} agree everywhere`}
        />
        <StatTile
          label="Differences"
          value={differences.toLocaleString()}
          tone={differences > 0 ? 'danger' : 'default'}
          hint={differences > 0 ? 'Listed and explained below' : 'Nothing to look at'}
        />
      </dl>
    </>
  );
}
