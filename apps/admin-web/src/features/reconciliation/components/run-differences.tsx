import { Button, Card, formatDate, formatMoney, Pager, SelectField, Skeleton } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

import { useRunDifferences } from '../api/get-run-differences';
import type {
  ReconciliationDifference,
  ReconciliationDifferenceKind,
  ReconciliationRun,
} from '../api/types';

import { DifferenceBadge, differenceLabel } from './difference-kinds';
import { failure } from './failure';
import { gatewayName } from './sources';

/** Every difference of the run, each with the API's explanation and what to do about it. */
export function RunDifferences({
  run,
  organization,
  onClearOrganization,
}: {
  run: ReconciliationRun;
  organization: { id: string; name: string } | null;
  onClearOrganization: () => void;
}) {
  const [kind, setKind] = useState<ReconciliationDifferenceKind | ''>('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 25 });
  // another organization chosen in the table: back to its first page
  const [shownFor, setShownFor] = useState(organization?.id);
  if (shownFor !== organization?.id) {
    setShownFor(organization?.id);
    setPaging((p) => ({ ...p, page: 1 }));
  }
  const differences = useRunDifferences(run.id, {
    organizationId: organization?.id,
    kind: kind || undefined,
    ...paging,
  });
  const byKind = Object.entries(run.totals?.differences.byKind ?? {}).filter(([, n]) => n > 0);
  const items = differences.data?.data ?? [];

  return (
    <Card title="Differences">
      <div className="app-toolbar">
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ReconciliationDifferenceKind | '');
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: '', label: 'Every kind' },
            ...byKind.map(([k, n]) => ({ value: k, label: `${differenceLabel(k)} (${n})` })),
          ]}
        />
      </div>
      {organization && (
        <div className="app-filter-chip" role="status">
          Showing the differences of <strong>{organization.name}</strong>
          <Button size="sm" variant="ghost" onClick={onClearOrganization}>
            Show all organizations
          </Button>
        </div>
      )}
      {differences.isError ? (
        failure(differences.error, 'Could not load the differences.')
      ) : differences.isPending ? (
        <div role="status" aria-label="Loading differences" className="app-recon-differences">
          <Skeleton height={96} />
          <Skeleton height={96} />
        </div>
      ) : items.length === 0 ? (
        <p className="ui-muted">
          {organization
            ? `No differences for ${organization.name}.`
            : 'No differences of this kind.'}
        </p>
      ) : (
        <>
          <ul
            className="app-recon-differences"
            aria-label="Differences"
            aria-busy={differences.isPlaceholderData || undefined}
          >
            {items.map((d) => (
              <DifferenceItem key={d.id} difference={d} run={run} />
            ))}
          </ul>
          <Pager
            page={paging.page}
            pageSize={paging.pageSize}
            total={differences.data.total}
            onPageChange={(page) => setPaging((p) => ({ ...p, page }))}
            onPageSizeChange={(pageSize) => setPaging({ page: 1, pageSize })}
          />
        </>
      )}
    </Card>
  );
}

function DifferenceItem({
  difference: d,
  run,
}: {
  difference: ReconciliationDifference;
  run: ReconciliationRun;
}) {
  const money = (minor: number | null) => (minor === null ? '—' : formatMoney(minor, d.currency));
  const sides = [
    { label: 'Settle', amount: d.settleAmount },
    ...(run.sources.accounting ? [{ label: 'QuickBooks', amount: d.accountingAmount }] : []),
    { label: gatewayName(run.sources.gateway), amount: d.gatewayAmount },
  ];
  return (
    <li className="app-recon-difference" data-kind={d.kind}>
      <div className="app-recon-difference__head">
        <DifferenceBadge kind={d.kind} />
        <span className="app-recon-difference__who">
          {d.organizationId && d.organizationName ? (
            <Link to={paths.app.organization.getHref(d.organizationId)}>{d.organizationName}</Link>
          ) : (
            (d.organizationName ?? 'No organization')
          )}
        </span>
        <span className="ui-muted">{formatDate(d.occurredOn)}</span>
      </div>
      <dl className="app-recon-amounts" aria-label="Amounts">
        {sides.map((side) => (
          <div key={side.label}>
            <dt>{side.label}</dt>
            <dd>{money(side.amount)}</dd>
          </div>
        ))}
      </dl>
      <p className="app-recon-difference__explanation">{d.explanation}</p>
      <p className="app-recon-difference__todo">
        <strong>What to do:</strong> {d.whatToDo}
      </p>
      <div className="app-recon-difference__links">
        {d.paymentId && (
          <Link to={paths.app.payment.getHref(d.paymentId)}>
            Payment {d.paymentReference ?? ''}
          </Link>
        )}
        {d.kind === 'sync_failed' && (
          <Link to={paths.app.payments.getHref({ accountingSync: 'failed' })}>
            Payments failing to sync
          </Link>
        )}
        {d.accountingPaymentId && (
          <span className="ui-muted">QuickBooks payment {d.accountingPaymentId}</span>
        )}
        {d.gatewayChargeRef && <span className="ui-muted">Charge {d.gatewayChargeRef}</span>}
      </div>
    </li>
  );
}
