import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  CheckboxField,
  DataTable,
  ErrorState,
  SelectField,
  formatDateTime,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import type { CloseAction } from '../api/close-ach-returns';
import { useAchReturns } from '../api/get-ach-returns';
import type { AchReturnsListParams } from '../api/keys';
import type { AchReturnDto, AchReturnStatus } from '../api/types';

import { CloseAchReturnsDialog } from './close-ach-returns-dialog';

const STATUS_OPTIONS = [
  { value: 'unresolved', label: 'Unresolved' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'dismissed', label: 'Dismissed' },
  { value: '', label: 'All' },
];
const STATUS_BADGES: Record<AchReturnStatus, string> = {
  unresolved: 'ui-badge ui-badge--danger',
  resolved: 'ui-badge ui-badge--success',
  dismissed: 'ui-badge',
};

/** Bank debits that came back (seed 000 "Unresolved ACH/EFT returns"): resolve or dismiss them. */
export function AchReturnsList() {
  const { timeZone, user } = useMsp();
  const canEdit = user.role !== 'viewer';
  const [params, setParams] = useState<AchReturnsListParams>({
    status: 'unresolved',
    page: 1,
    pageSize: 25,
  });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<CloseAction | null>(null);
  const returns = useAchReturns({ params });

  const rows = returns.data?.data ?? [];
  const open = rows.filter((r) => r.status === 'unresolved');
  const chosen = open.filter((r) => selected.has(r.id));
  const selectable = canEdit && open.length > 0;
  const allSelected = open.length > 0 && open.every((r) => selected.has(r.id));

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const columns: DataTableColumn<AchReturnDto>[] = [
    ...(selectable
      ? [
          {
            key: 'select',
            width: '36px',
            header: <span className="ui-visually-hidden">Select</span>,
            render: (r: AchReturnDto) =>
              r.status === 'unresolved' ? (
                <input
                  type="checkbox"
                  aria-label={`Select return ${r.paymentNumber}`}
                  checked={selected.has(r.id)}
                  onChange={(e) => toggle(r.id, e.target.checked)}
                />
              ) : null,
          },
        ]
      : []),
    {
      key: 'createdAt',
      header: 'Returned',
      render: (r) => formatDateTime(r.createdAt, timeZone),
    },
    {
      key: 'organization',
      header: 'Organization',
      render: (r) => (
        <Link to={paths.app.organization.getHref(r.organizationId)}>{r.organizationName}</Link>
      ),
    },
    {
      key: 'payment',
      header: 'Payment',
      render: (r) => <Link to={paths.app.payment.getHref(r.paymentId)}>{r.paymentNumber}</Link>,
    },
    {
      key: 'code',
      header: 'Return code',
      render: (r) => (
        <>
          <strong>{r.returnCode}</strong> <span className="ui-muted">{r.description}</span>
        </>
      ),
    },
    {
      key: 'amount',
      header: 'Amount',
      align: 'right',
      render: (r) => formatMoney(r.amount, r.currency),
    },
    {
      key: 'status',
      header: 'Status',
      render: (r) => (
        <>
          <span className={STATUS_BADGES[r.status] ?? 'ui-badge'}>
            {STATUS_OPTIONS.find((o) => o.value === r.status)?.label ?? r.status}
          </span>
          {r.note && (
            <div className="ui-muted app-note-text">
              {r.note}
              {r.closedBy
                ? ` (${r.closedBy}${r.closedAt ? `, ${formatDateTime(r.closedAt, timeZone)}` : ''})`
                : ''}
            </div>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <Card flush>
        <div className="app-toolbar app-toolbar--padded">
          <SearchInput
            label="Search ACH returns"
            placeholder="Payment number or organization"
            value={params.q ?? ''}
            onSearch={(q) => setParams((p) => ({ ...p, q: q || undefined, page: 1 }))}
          />
          <SelectField
            label="Status"
            className="app-inline-field"
            value={params.status ?? ''}
            options={STATUS_OPTIONS}
            onChange={(e) => {
              setSelected(new Set());
              setParams((p) => ({
                ...p,
                status: (e.target.value || undefined) as AchReturnStatus | undefined,
                page: 1,
              }));
            }}
          />
          {selectable && (
            <>
              <CheckboxField
                label="Select all"
                checked={allSelected}
                onChange={(e) =>
                  setSelected(e.target.checked ? new Set(open.map((r) => r.id)) : new Set())
                }
              />
              <span className="app-toolbar__spacer" />
              {chosen.length > 0 && <span className="ui-muted">{chosen.length} selected</span>}
              <Button size="sm" disabled={chosen.length === 0} onClick={() => setAction('resolve')}>
                Resolve selected
              </Button>
              <Button
                size="sm"
                variant="danger"
                disabled={chosen.length === 0}
                onClick={() => setAction('dismiss')}
              >
                Dismiss selected
              </Button>
            </>
          )}
        </div>
        {returns.isError ? (
          <ErrorState
            message={
              isApiError(returns.error) ? returns.error.detail : 'Could not load ACH returns.'
            }
            requestId={isApiError(returns.error) ? returns.error.requestId : null}
          />
        ) : (
          <DataTable
            label="ACH returns"
            columns={columns}
            rows={rows}
            getRowId={(r) => r.id}
            loading={returns.isPending || returns.isPlaceholderData}
            emptyTitle={
              params.q
                ? 'No matching returns'
                : params.status === 'unresolved'
                  ? 'No unresolved ACH returns'
                  : 'No ACH returns'
            }
            emptyText={
              params.status === 'unresolved' && !params.q
                ? 'Bank debits that come back (insufficient funds, closed accounts) appear here.'
                : undefined
            }
            page={params.page}
            pageSize={params.pageSize}
            total={returns.data?.total ?? 0}
            onPageChange={(page) => {
              setSelected(new Set());
              setParams((p) => ({ ...p, page }));
            }}
            onPageSizeChange={(pageSize) => {
              setSelected(new Set());
              setParams((p) => ({ ...p, pageSize, page: 1 }));
            }}
          />
        )}
      </Card>
      <CloseAchReturnsDialog
        action={action}
        returns={chosen}
        onClose={() => setAction(null)}
        onDone={(ids) => setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))))}
      />
    </>
  );
}
