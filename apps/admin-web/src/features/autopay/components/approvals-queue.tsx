import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  CheckboxField,
  ConfirmDialog,
  DataTable,
  ErrorState,
  formatDate,
  formatMoney,
  useToast,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { methodName } from '@/components/payment-methods/payment-method-label';
import { paths } from '@/config/paths';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { useMsp } from '@/lib/msp-context';

import {
  useAutopayApprovals,
  useDecideAutopayApprovals,
  type ApprovalDecision,
} from '../api/autopay-approvals';
import type { PageParams } from '../api/keys';
import type { ApprovalPaymentDto } from '../api/types';

import { totalText } from './money-totals';

/** What approving did: "Charged: 2. Declined: 1. Processing: 1." (ACH settles later). */
function chargeOutcome(results: readonly { status: string | null }[]): string {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  const parts = [
    ['Charged', count('succeeded')],
    ['Declined', count('failed')],
    ['Processing', count('processing')],
  ] as const;
  return parts
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label}: ${n}.`)
    .join(' ');
}

/** AutoPay charges waiting for staff: select some, approve (charge now) or reject (cancel). */
export function ApprovalsQueue() {
  const { timeZone, user } = useMsp();
  const canEdit = user.role !== 'viewer';
  const toast = useToast();
  const [params, setParams] = useState<PageParams>({ page: 1, pageSize: 25 });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [decision, setDecision] = useState<ApprovalDecision | null>(null);
  // one key per confirmation dialog: a retried confirmation charges nothing twice
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const confirm = (chosen: ApprovalDecision) => {
    setIdempotencyKey(newIdempotencyKey());
    setDecision(chosen);
  };
  const approvals = useAutopayApprovals({ params });

  const rows = approvals.data?.data ?? [];
  const chosen = rows.filter((p) => selected.has(p.id));
  const allSelected = rows.length > 0 && rows.every((p) => selected.has(p.id));

  const decide = useDecideAutopayApprovals({
    mutationConfig: {
      onSuccess: (result, { decision: done }) => {
        const ok = result.data.filter((r) => r.ok);
        const failed = result.data.filter((r) => !r.ok);
        const verb = done === 'approve' ? 'approved' : 'rejected';
        if (ok.length)
          toast.show({
            title: `${ok.length} ${ok.length === 1 ? 'payment' : 'payments'} ${verb}`,
            message:
              done === 'approve' ? chargeOutcome(ok) : 'They are cancelled and were not charged.',
          });
        if (failed.length)
          toast.show({
            title: `${failed.length} ${failed.length === 1 ? 'payment was' : 'payments were'} not ${verb}`,
            message: failed
              .map((f) => {
                const number = rows.find((p) => p.id === f.paymentId)?.number ?? f.paymentId;
                return `${number}: ${f.error ?? 'refused'}`;
              })
              .join('; '),
            variant: 'error',
          });
        setSelected(new Set());
        setDecision(null);
      },
      onError: (err) => {
        setDecision(null);
        toast.show({
          title: 'Nothing was changed',
          message: isApiError(err) ? err.detail : 'Could not reach the server.',
          variant: 'error',
        });
      },
    },
  });

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const columns: DataTableColumn<ApprovalPaymentDto>[] = [
    ...(canEdit
      ? [
          {
            key: 'select',
            width: '36px',
            header: <span className="ui-visually-hidden">Select</span>,
            render: (p: ApprovalPaymentDto) => (
              <input
                type="checkbox"
                aria-label={`Select payment ${p.number}`}
                checked={selected.has(p.id)}
                onChange={(e) => toggle(p.id, e.target.checked)}
              />
            ),
          },
        ]
      : []),
    {
      key: 'number',
      header: 'Payment',
      render: (p) => <Link to={paths.app.payment.getHref(p.id)}>{p.number}</Link>,
    },
    {
      key: 'total',
      header: 'Amount',
      align: 'right',
      render: (p) => (
        <>
          {formatMoney(p.total, p.currency)}
          {p.fee > 0 && (
            <div className="ui-muted app-note-text">incl. {formatMoney(p.fee, p.currency)} fee</div>
          )}
        </>
      ),
    },
    {
      key: 'organization',
      header: 'Organization',
      render: (p) => (
        <Link to={paths.app.organization.section(p.organizationId, 'autopay')}>
          {p.organizationName}
        </Link>
      ),
    },
    {
      key: 'date',
      header: 'AutoPay date',
      render: (p) => (p.autopayRunDate ? formatDate(p.autopayRunDate, timeZone) : '—'),
    },
    { key: 'method', header: 'Method', render: (p) => methodName(p.paymentMethod) },
  ];

  const count = chosen.length;
  const noun = count === 1 ? 'payment' : 'payments';
  const total = totalText(chosen.map((p) => ({ amount: p.total, currency: p.currency })));

  return (
    <>
      <Card title="Waiting for approval" flush>
        {canEdit && rows.length > 0 && (
          <div className="app-toolbar app-toolbar--padded">
            <CheckboxField
              label="Select all"
              checked={allSelected}
              onChange={(e) =>
                setSelected(e.target.checked ? new Set(rows.map((p) => p.id)) : new Set())
              }
            />
            <span className="app-toolbar__spacer" />
            {count > 0 && (
              <span className="ui-muted">
                {count} selected, {total}
              </span>
            )}
            <Button
              size="sm"
              variant="primary"
              disabled={count === 0}
              onClick={() => confirm('approve')}
            >
              Approve selected
            </Button>
            <Button
              size="sm"
              variant="danger"
              disabled={count === 0}
              onClick={() => confirm('reject')}
            >
              Reject selected
            </Button>
          </div>
        )}
        {approvals.isError ? (
          <ErrorState
            message={
              isApiError(approvals.error)
                ? approvals.error.detail
                : 'Could not load the payments waiting for approval.'
            }
            requestId={isApiError(approvals.error) ? approvals.error.requestId : null}
            action={<Button onClick={() => void approvals.refetch()}>Try again</Button>}
          />
        ) : (
          <DataTable
            label="Payments waiting for approval"
            columns={columns}
            rows={rows}
            getRowId={(p) => p.id}
            loading={approvals.isPending || approvals.isPlaceholderData}
            emptyTitle="Nothing waiting for approval"
            emptyText="AutoPay charges that a rule says need approval wait here until staff approve or reject them."
            page={params.page}
            pageSize={params.pageSize}
            total={approvals.data?.total ?? 0}
            onPageChange={(page) => {
              setSelected(new Set());
              setParams((p) => ({ ...p, page }));
            }}
            onPageSizeChange={(pageSize) => {
              setSelected(new Set());
              setParams({ page: 1, pageSize });
            }}
          />
        )}
      </Card>
      <ConfirmDialog
        open={decision !== null}
        title={decision === 'approve' ? `Approve ${count} ${noun}` : `Reject ${count} ${noun}`}
        message={
          decision === 'approve'
            ? `${count} ${noun} totalling ${total} will be charged now to ${count === 1 ? 'its payment method' : 'their payment methods'}.`
            : `${count} ${noun} totalling ${total} will be cancelled and not charged; the invoices stay open.`
        }
        confirmLabel={
          decision === 'approve' ? `Approve and charge ${total}` : `Reject ${count} ${noun}`
        }
        danger={decision === 'reject'}
        pending={decide.isPending}
        onCancel={() => setDecision(null)}
        onConfirm={() =>
          decision &&
          decide.mutate({ decision, idempotencyKey, paymentIds: chosen.map((p) => p.id) })
        }
      />
    </>
  );
}
