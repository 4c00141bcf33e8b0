import { isApiError } from '@settle/api-client';
import {
  Card,
  DataTable,
  ErrorState,
  SelectField,
  TextField,
  formatDate,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import type { PaymentSort, PaymentsListParams } from '@/api/payments/keys';
import { methodName, nameShowsLast4 } from '@/components/payment-methods/payment-method-label';
import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { usePayments } from '../api/get-payments';
import type { AccountingSyncStatus, PaymentStatus, PaymentSummaryDto } from '../api/types';

import {
  ACCOUNTING_SYNC_OPTIONS,
  AccountingSyncChip,
  AccountingSyncProblem,
} from './accounting-sync-status';
import { AccountingSyncMenu } from './accounting-sync-menu';
import { PAYMENT_STATUS_OPTIONS, PaymentStatusBadge } from './payment-status';

export interface PaymentsTableProps {
  title: ReactNode;
  params: PaymentsListParams;
  onParamsChange: (next: Partial<PaymentsListParams>) => void;
  /** Inside an organization's profile: no organization column. */
  hideOrganization?: boolean;
  /** The status is set by the section (Scheduled, Pending): no status filter. */
  fixedStatus?: boolean;
  /** A short "recent" list: no filters and no paging. */
  compact?: boolean;
  actions?: ReactNode;
  emptyText?: ReactNode;
  /** Said instead of "Change or clear the filters." when filters match nothing. */
  emptyFilteredText?: ReactNode;
}

export function PaymentsTable({
  title,
  params,
  onParamsChange,
  hideOrganization,
  fixedStatus,
  compact,
  actions,
  emptyText,
  emptyFilteredText,
}: PaymentsTableProps) {
  const { timeZone, user } = useMsp();
  const canEdit = user.role !== 'viewer';
  const payments = usePayments({ params });
  const label = typeof title === 'string' ? title : 'Payments';
  const filtered = !!(
    params.q ||
    params.from ||
    params.to ||
    params.accountingSync ||
    (!fixedStatus && params.status)
  );
  const rangeError =
    params.from && params.to && params.from > params.to ? 'must be on or after From' : undefined;

  const columns: DataTableColumn<PaymentSummaryDto>[] = [
    {
      key: 'number',
      header: 'Payment #',
      sortable: true,
      render: (p) => <Link to={paths.app.payment.getHref(p.id)}>{p.number}</Link>,
    },
    ...(hideOrganization
      ? []
      : [
          {
            key: 'organization',
            header: 'Organization',
            render: (p: PaymentSummaryDto) => (
              <Link to={paths.app.organization.getHref(p.organizationId)}>
                {p.organizationName}
              </Link>
            ),
          },
        ]),
    {
      key: 'createdAt',
      header: 'Created',
      sortable: true,
      render: (p) => formatDate(p.createdAt, timeZone),
    },
    {
      key: 'scheduledFor',
      header: 'Scheduled for',
      sortable: true,
      render: (p) => (p.scheduledFor ? formatDate(p.scheduledFor, timeZone) : '—'),
    },
    {
      key: 'method',
      header: 'Method',
      render: (p) => (
        <>
          {methodName(p.paymentMethod)}
          {!nameShowsLast4(p.paymentMethod) && (
            <span className="ui-muted"> ••{p.paymentMethod.last4}</span>
          )}
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      render: (p) => (
        <>
          <PaymentStatusBadge status={p.status} />
          {p.status === 'failed' && p.failureMessage && (
            <div className="ui-muted app-note-text">{p.failureMessage}</div>
          )}
          {p.status === 'returned' && p.returnCode && (
            <div className="ui-muted app-note-text">Return {p.returnCode}</div>
          )}
        </>
      ),
    },
    {
      key: 'amount',
      header: 'Amount',
      sortable: true,
      align: 'right',
      render: (p) => (
        <>
          {formatMoney(p.amount, p.currency)}
          {p.amountRefunded > 0 && (
            <div className="ui-muted app-note-text">
              {formatMoney(p.amountRefunded, p.currency)} refunded
            </div>
          )}
        </>
      ),
    },
    {
      key: 'total',
      header: 'Total charged',
      align: 'right',
      render: (p) => formatMoney(p.total, p.currency),
    },
    {
      key: 'accountingSync',
      header: 'Sync',
      render: (p) => (
        <>
          <AccountingSyncChip sync={p.accountingSync} />
          {p.hiddenFromPortal && <div className="ui-muted app-note-text">Hidden from portal</div>}
          <AccountingSyncProblem sync={p.accountingSync} />
        </>
      ),
    },
    ...(canEdit && !compact
      ? [
          {
            key: 'actions',
            header: <span className="ui-visually-hidden">Actions</span>,
            render: (p: PaymentSummaryDto) => <AccountingSyncMenu payment={p} />,
          },
        ]
      : []),
  ];

  return (
    <Card title={title} flush actions={actions}>
      {!compact && (
        <div className="app-toolbar app-toolbar--padded">
          <SearchInput
            label="Search payments"
            placeholder="Payment number or organization"
            value={params.q ?? ''}
            onSearch={(q) => onParamsChange({ q: q || undefined, page: 1 })}
          />
          {!fixedStatus && (
            <SelectField
              label="Status"
              className="app-inline-field"
              value={params.status ?? ''}
              options={[{ value: '', label: 'All' }, ...PAYMENT_STATUS_OPTIONS]}
              onChange={(e) =>
                onParamsChange({
                  status: (e.target.value || undefined) as PaymentStatus | undefined,
                  page: 1,
                })
              }
            />
          )}
          <SelectField
            label="Sync"
            className="app-inline-field"
            value={params.accountingSync ?? ''}
            options={[{ value: '', label: 'All' }, ...ACCOUNTING_SYNC_OPTIONS]}
            onChange={(e) =>
              onParamsChange({
                accountingSync: (e.target.value || undefined) as AccountingSyncStatus | undefined,
                page: 1,
              })
            }
          />
          <TextField
            label="From"
            type="date"
            className="app-inline-field"
            value={params.from ?? ''}
            onChange={(e) => onParamsChange({ from: e.target.value || undefined, page: 1 })}
          />
          <TextField
            label="To"
            type="date"
            className="app-inline-field"
            value={params.to ?? ''}
            min={params.from}
            error={rangeError}
            onChange={(e) => onParamsChange({ to: e.target.value || undefined, page: 1 })}
          />
        </div>
      )}
      {payments.isError ? (
        <ErrorState
          message={isApiError(payments.error) ? payments.error.detail : 'Could not load payments.'}
          requestId={isApiError(payments.error) ? payments.error.requestId : null}
          action={
            <button type="button" className="ui-button" onClick={() => void payments.refetch()}>
              Try again
            </button>
          }
        />
      ) : (
        <DataTable
          label={label}
          columns={columns}
          rows={payments.data?.data ?? []}
          getRowId={(p) => p.id}
          loading={payments.isPending || payments.isPlaceholderData}
          emptyTitle={filtered ? 'No matching payments' : 'No payments yet'}
          emptyText={filtered ? (emptyFilteredText ?? 'Change or clear the filters.') : emptyText}
          sort={params.sort}
          onSort={
            compact ? undefined : (sort) => onParamsChange({ sort: sort as PaymentSort, page: 1 })
          }
          {...(compact
            ? {}
            : {
                page: params.page,
                pageSize: params.pageSize,
                total: payments.data?.total ?? 0,
                onPageChange: (page: number) => onParamsChange({ page }),
                onPageSizeChange: (pageSize: number) => onParamsChange({ pageSize, page: 1 }),
              })}
        />
      )}
    </Card>
  );
}
