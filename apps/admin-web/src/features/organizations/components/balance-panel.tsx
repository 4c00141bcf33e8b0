import { isApiError } from '@settle/api-client';
import { Card, ErrorState, StatTile, formatDate, formatMoney } from '@settle/ui';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { useOrganizationBalance } from '../api/get-organization-balance';
import type { AgingBucketsDto } from '../api/types';

const BUCKETS: { key: Exclude<keyof AgingBucketsDto, 'total'>; label: string; color: string }[] = [
  { key: 'current', label: 'Current', color: '#16a34a' },
  { key: 'days1to30', label: '1–30 days', color: '#facc15' },
  { key: 'days31to60', label: '31–60 days', color: '#f59e0b' },
  { key: 'days61to90', label: '61–90 days', color: '#ea580c' },
  { key: 'days90plus', label: '90+ days', color: '#dc2626' },
];

function percent(part: number, total: number): string {
  if (total <= 0) return '0%';
  return `${Math.round((part / total) * 1000) / 10}%`;
}

export function BalancePanel({ organizationId }: { organizationId: string }) {
  const { timeZone } = useMsp();
  const balance = useOrganizationBalance({ id: organizationId });

  if (balance.isError) {
    return (
      <ErrorState
        message={isApiError(balance.error) ? balance.error.detail : 'Could not load the balance.'}
        requestId={isApiError(balance.error) ? balance.error.requestId : null}
      />
    );
  }
  const b = balance.data;
  const loading = balance.isPending;
  const money = (minor: number | undefined) =>
    b && minor !== undefined ? formatMoney(minor, b.currency) : '—';

  return (
    <>
      <Card title="Balance">
        <dl className="ui-stat-tiles" aria-label="Balance">
          <StatTile
            data-testid="balance-total"
            label="Total Balance"
            value={money(b?.totalBalance)}
            loading={loading}
          />
          <StatTile
            data-testid="balance-past-due"
            label="Total Past Due"
            value={money(b?.pastDue)}
            tone={b && b.pastDue > 0 ? 'danger' : 'default'}
            loading={loading}
          />
          <StatTile
            data-testid="balance-oldest-invoice"
            label="Oldest Invoice"
            value={
              b?.oldestInvoice ? (
                <Link to={paths.app.invoice.getHref(b.oldestInvoice.id)}>
                  #{b.oldestInvoice.number}
                </Link>
              ) : (
                'None'
              )
            }
            hint={
              b?.oldestInvoice ? `Due ${formatDate(b.oldestInvoice.dueDate, timeZone)}` : undefined
            }
            loading={loading}
          />
          <StatTile
            data-testid="balance-open-invoices"
            label="# Open Invoices"
            value={b ? String(b.openInvoices) : '—'}
            loading={loading}
          />
        </dl>
        {b && (
          <>
            <h3 className="app-subheading">Aging</h3>
            {b.aging.total > 0 ? (
              <div
                className="app-aging-bar"
                role="img"
                aria-label={BUCKETS.map(
                  (k) => `${k.label} ${formatMoney(b.aging[k.key], b.currency)}`,
                ).join(', ')}
              >
                {BUCKETS.filter((k) => b.aging[k.key] > 0).map((k) => (
                  <span
                    key={k.key}
                    style={{ flexGrow: b.aging[k.key], background: k.color }}
                    title={`${k.label}: ${formatMoney(b.aging[k.key], b.currency)}`}
                  />
                ))}
              </div>
            ) : null}
            <table className="ui-table app-aging-table" aria-label="Aging">
              <thead>
                <tr>
                  <th scope="col">Bucket</th>
                  <th scope="col" style={{ textAlign: 'right' }}>
                    Amount
                  </th>
                  <th scope="col" style={{ textAlign: 'right' }}>
                    Share
                  </th>
                </tr>
              </thead>
              <tbody>
                {BUCKETS.map((k) => (
                  <tr key={k.key}>
                    <th scope="row">
                      <span
                        className="app-swatch"
                        style={{ background: k.color }}
                        aria-hidden="true"
                      />
                      {k.label}
                    </th>
                    <td style={{ textAlign: 'right' }}>
                      {formatMoney(b.aging[k.key], b.currency)}
                    </td>
                    <td style={{ textAlign: 'right' }}>{percent(b.aging[k.key], b.aging.total)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td style={{ textAlign: 'right' }}>{formatMoney(b.aging.total, b.currency)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </>
        )}
      </Card>
      <Card title="Credits and unapplied payments">
        <dl className="ui-stat-tiles" aria-label="Credits">
          <StatTile
            data-testid="balance-credits"
            label="Credits available"
            value={money(b?.creditsAvailable)}
            loading={loading}
          />
          <StatTile
            data-testid="balance-unapplied"
            label="Unapplied payments"
            value={money(b?.unappliedPayments)}
            loading={loading}
          />
        </dl>
        <p className="ui-muted app-note-text">
          Credits and unapplied payments are shown separately: they are not included in the Total
          Balance or Past Due above.{' '}
          <Link to={paths.app.organization.section(organizationId, 'credits')}>
            See Organization Credits
          </Link>
        </p>
      </Card>
    </>
  );
}
