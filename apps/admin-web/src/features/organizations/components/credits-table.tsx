import { isApiError } from '@settle/api-client';
import {
  Card,
  DataTable,
  ErrorState,
  formatDate,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';

import { useMsp } from '@/lib/msp-context';

import { useOrganizationCredits } from '../api/get-organization-credits';
import type { CreditResponseDto } from '../api/types';

const KIND_LABELS: Record<CreditResponseDto['kind'], string> = {
  credit_memo: 'Credit memo',
  unapplied_payment: 'Unapplied payment',
};

export function CreditsTable({ organizationId }: { organizationId: string }) {
  const { timeZone } = useMsp();
  const credits = useOrganizationCredits({ id: organizationId });
  const columns: DataTableColumn<CreditResponseDto>[] = [
    { key: 'kind', header: 'Type', render: (c) => KIND_LABELS[c.kind] ?? c.kind },
    { key: 'number', header: 'Number', render: (c) => c.number ?? '—' },
    { key: 'issueDate', header: 'Date', render: (c) => formatDate(c.issueDate, timeZone) },
    {
      key: 'amount',
      header: 'Amount',
      align: 'right',
      render: (c) => formatMoney(c.amount, c.currency),
    },
    {
      key: 'remaining',
      header: 'Remaining',
      align: 'right',
      render: (c) => formatMoney(c.remaining, c.currency),
    },
  ];
  return (
    <Card title="Organization Credits" flush>
      {credits.isError ? (
        <ErrorState
          message={isApiError(credits.error) ? credits.error.detail : 'Could not load the credits.'}
        />
      ) : (
        <DataTable
          label="Organization Credits"
          columns={columns}
          rows={credits.data?.data ?? []}
          getRowId={(c) => c.id}
          loading={credits.isPending}
          emptyTitle="No credits"
          emptyText="Credit memos and unapplied payments from your accounting system appear here."
        />
      )}
      <p className="ui-muted app-note-text app-note-text--padded">
        Credits and unapplied payments are not included in the organization's balance.
      </p>
    </Card>
  );
}
