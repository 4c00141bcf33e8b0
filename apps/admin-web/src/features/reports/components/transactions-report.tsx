import {
  Card,
  DataTable,
  SelectField,
  formatDateTime,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';

import { useMsp } from '@/lib/msp-context';

import { useTransactions } from '../api/get-transactions';
import type { TransactionsParams } from '../api/keys';
import type { TransactionDto, TransactionTotalDto } from '../api/types';

import { CsvDownload } from './csv-download';
import { failure, PeriodFields, useChoice, usePaging, usePeriod } from './report-parts';

export const TYPE_LABELS: Record<TransactionDto['type'], string> = {
  payment: 'Payment',
  fee: 'Fee',
  refund: 'Refund',
  ach_return: 'ACH return',
};
export const METHOD_LABELS: Record<TransactionDto['method'], string> = {
  card: 'Card',
  us_bank_account: 'Bank account',
};
const METHODS = ['', 'card', 'us_bank_account'] as const;
const TYPES = ['', 'payment', 'fee', 'refund', 'ach_return'] as const;

/** Money moved in a period: totals by type and method, each transaction, and the CSV. */
export function TransactionsReport() {
  const { timeZone } = useMsp();
  const { period, setPeriod, today } = usePeriod(30);
  const { paging, setPaging } = usePaging();
  const [method, setMethod] = useChoice('method', METHODS);
  const [type, setType] = useChoice('type', TYPES);
  const filters = { ...period, method: method || undefined, type: type || undefined };
  const params: TransactionsParams = { ...filters, ...paging };
  const report = useTransactions({ params });
  const query = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])),
  );

  const totalColumns: DataTableColumn<TransactionTotalDto>[] = [
    { key: 'type', header: 'Type', render: (r) => TYPE_LABELS[r.type] },
    { key: 'method', header: 'Method', render: (r) => METHOD_LABELS[r.method] },
    {
      key: 'count',
      header: 'Count',
      align: 'right',
      render: (r) => r.count.toLocaleString('en-US'),
    },
    {
      key: 'amount',
      header: 'Amount',
      align: 'right',
      render: (r) => formatMoney(r.amount, r.currency),
    },
  ];
  const columns: DataTableColumn<TransactionDto>[] = [
    { key: 'occurredAt', header: 'When', render: (r) => formatDateTime(r.occurredAt, timeZone) },
    { key: 'type', header: 'Type', render: (r) => TYPE_LABELS[r.type] },
    { key: 'method', header: 'Method', render: (r) => METHOD_LABELS[r.method] },
    { key: 'paymentNumber', header: 'Payment', render: (r) => r.paymentNumber },
    { key: 'organizationName', header: 'Organization', render: (r) => r.organizationName },
    {
      key: 'amount',
      header: 'Amount',
      align: 'right',
      render: (r) => formatMoney(r.amount, r.currency),
    },
  ];

  return (
    <>
      <Card title="Transactions">
        <div className="app-toolbar">
          <PeriodFields period={period} onChange={setPeriod} max={today} />
          <SelectField
            label="Method"
            value={method}
            onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}
            options={METHODS.map((m) => ({
              value: m,
              label: m ? METHOD_LABELS[m] : 'All methods',
            }))}
          />
          <SelectField
            label="Type"
            value={type}
            onChange={(e) => setType(e.target.value as (typeof TYPES)[number])}
            options={TYPES.map((t) => ({ value: t, label: t ? TYPE_LABELS[t] : 'All types' }))}
          />
        </div>
        {report.isError ? (
          failure(report.error, 'Could not load the transactions.')
        ) : (
          <DataTable
            label="Totals by type and method"
            columns={totalColumns}
            rows={report.data?.totals ?? []}
            getRowId={(r) => `${r.type}-${r.method}-${r.currency}`}
            loading={report.isPending}
            emptyTitle="No transactions"
            emptyText="No money moved in this period."
          />
        )}
      </Card>
      <Card
        title="Each transaction"
        flush
        actions={
          <CsvDownload
            href={`/api/v1/reports/transactions/export?${query}`}
            filename={`transactions-${period.from}-to-${period.to}.csv`}
          />
        }
      >
        {report.isError ? null : (
          <DataTable
            label="Transactions"
            columns={columns}
            rows={report.data?.data ?? []}
            getRowId={(r) => `${r.type}-${r.paymentId}-${r.occurredAt}`}
            loading={report.isPending || report.isPlaceholderData}
            emptyTitle="No transactions"
            page={paging.page}
            pageSize={paging.pageSize}
            total={report.data?.total ?? 0}
            onPageChange={(page) => setPaging({ page })}
            onPageSizeChange={(pageSize) => setPaging({ pageSize, page: 1 })}
          />
        )}
      </Card>
    </>
  );
}
