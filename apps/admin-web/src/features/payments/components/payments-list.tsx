import { Link, useSearchParams } from 'react-router';

import { useOrganization } from '@/api/organizations/get-organization';
import type { PaymentSort, PaymentsListParams } from '@/api/payments/keys';
import { paths } from '@/config/paths';

import type { AccountingSyncStatus, PaymentStatus } from '../api/types';

import { ACCOUNTING_SYNC_LABELS } from './accounting-sync-status';
import { PAYMENT_STATUS_LABELS } from './payment-status';
import { PaymentsTable } from './payments-table';

const SORTS = ['createdAt', 'amount', 'scheduledFor', 'number'];
const PAGE_SIZES = [10, 25, 50, 100];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The list's state lives in the URL, so filters survive reloads and can be linked to. */
function readParams(sp: URLSearchParams): PaymentsListParams {
  const sort = sp.get('sort') ?? '-createdAt';
  const status = sp.get('status') ?? '';
  const accountingSync = sp.get('accountingSync') ?? '';
  const page = Number(sp.get('page'));
  const pageSize = Number(sp.get('pageSize'));
  const date = (key: string) => {
    const v = sp.get(key);
    return v && DATE.test(v) ? v : undefined;
  };
  return {
    q: sp.get('q')?.trim() || undefined,
    status: status in PAYMENT_STATUS_LABELS ? (status as PaymentStatus) : undefined,
    accountingSync:
      accountingSync in ACCOUNTING_SYNC_LABELS
        ? (accountingSync as AccountingSyncStatus)
        : undefined,
    organizationId: sp.get('organizationId') || undefined,
    from: date('from'),
    to: date('to'),
    sort: (SORTS.includes(sort.replace(/^-/, '')) ? sort : '-createdAt') as PaymentSort,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 25,
  };
}

function writeParams(p: PaymentsListParams): URLSearchParams {
  const sp = new URLSearchParams();
  if (p.q) sp.set('q', p.q);
  if (p.status) sp.set('status', p.status);
  if (p.accountingSync) sp.set('accountingSync', p.accountingSync);
  if (p.organizationId) sp.set('organizationId', p.organizationId);
  if (p.from) sp.set('from', p.from);
  if (p.to) sp.set('to', p.to);
  if (p.sort && p.sort !== '-createdAt') sp.set('sort', p.sort);
  if (p.page > 1) sp.set('page', String(p.page));
  if (p.pageSize !== 25) sp.set('pageSize', String(p.pageSize));
  return sp;
}

export function PaymentsList() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readParams(searchParams);
  const update = (next: Partial<PaymentsListParams>) =>
    setSearchParams(writeParams({ ...params, ...next }), { replace: true });

  return (
    <>
      {params.organizationId && (
        <OrganizationFilter
          id={params.organizationId}
          onClear={() => update({ organizationId: undefined, page: 1 })}
        />
      )}
      <PaymentsTable
        title="Payments"
        params={params}
        onParamsChange={update}
        emptyText="Payments taken by staff, the customer portal, AutoPay and the API appear here."
        emptyFilteredText={
          params.accountingSync === 'failed'
            ? 'No payments are failing to sync to accounting.'
            : undefined
        }
      />
    </>
  );
}

function OrganizationFilter({ id, onClear }: { id: string; onClear: () => void }) {
  const organization = useOrganization({ id });
  return (
    <div className="app-filter-chip" role="status">
      Showing payments of{' '}
      <Link to={paths.app.organization.getHref(id)}>
        {organization.data?.name ?? 'one organization'}
      </Link>
      <button type="button" className="ui-button ui-button--ghost ui-button--sm" onClick={onClear}>
        Show all organizations
      </button>
    </div>
  );
}
