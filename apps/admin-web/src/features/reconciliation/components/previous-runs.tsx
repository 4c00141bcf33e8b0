import { Card, DataTable, formatDateTime, type DataTableColumn } from '@settle/ui';

import { useMsp } from '@/lib/msp-context';

import { useRuns } from '../api/get-runs';
import type { ReconciliationRun } from '../api/types';

import { failure } from './failure';
import { periodText, RunStatus, scopeText } from './run-status';

const SHOWN = 5;

/** The last few runs, newest first; opening one shows its results again. */
export function PreviousRuns({
  currentId,
  onOpen,
}: {
  currentId: string | undefined;
  onOpen: (id: string) => void;
}) {
  const { timeZone } = useMsp();
  const runs = useRuns({ params: { page: 1, pageSize: SHOWN } });
  const columns: DataTableColumn<ReconciliationRun>[] = [
    {
      key: 'period',
      header: 'Period',
      render: (r) => (
        <button
          type="button"
          className="app-link-button"
          aria-current={r.id === currentId ? 'true' : undefined}
          onClick={() => onOpen(r.id)}
        >
          {periodText(r)}
        </button>
      ),
    },
    { key: 'scope', header: 'Organizations', render: (r) => scopeText(r) },
    { key: 'status', header: 'Status', render: (r) => <RunStatus run={r} /> },
    {
      key: 'differences',
      header: 'Differences',
      align: 'right',
      render: (r) => (r.totals ? r.totals.differences.count.toLocaleString() : '—'),
    },
    {
      key: 'requested',
      header: 'Asked for',
      render: (r) => formatDateTime(r.createdAt, timeZone),
    },
  ];
  return (
    <Card title="Previous runs" flush className="app-recon-table app-recon-runs">
      {runs.isError ? (
        failure(runs.error, 'Could not load the previous runs.')
      ) : (
        <DataTable
          label="Previous runs"
          columns={columns}
          rows={runs.data?.data ?? []}
          getRowId={(r) => r.id}
          loading={runs.isPending}
          skeletonRows={3}
          emptyTitle="No reconciliation has been run yet"
        />
      )}
    </Card>
  );
}
