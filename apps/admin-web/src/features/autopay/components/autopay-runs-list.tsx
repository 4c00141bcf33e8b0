import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  DataTable,
  ErrorState,
  formatDate,
  formatDateTime,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';

import { useMsp } from '@/lib/msp-context';

import { useAutopayRuns } from '../api/autopay-runs';
import type { PageParams } from '../api/keys';
import type { AutopayRunDto } from '../api/types';

const STATUS: Record<AutopayRunDto['status'], { label: string; className: string }> = {
  queued: { label: 'Queued', className: 'ui-badge' },
  running: { label: 'Running', className: 'ui-badge app-badge--info' },
  succeeded: { label: 'Finished', className: 'ui-badge ui-badge--success' },
  failed: { label: 'Failed', className: 'ui-badge ui-badge--danger' },
};

const TRIGGER: Record<AutopayRunDto['trigger'], string> = {
  manual: 'Run now',
  schedule: 'Daily run',
};

export function RunStatusBadge({ status }: { status: AutopayRunDto['status'] }) {
  const s = STATUS[status] ?? { label: status, className: 'ui-badge' };
  return <span className={s.className}>{s.label}</span>;
}

/** "Charged 3 · waiting for approval 1 · declined 0 · skipped 2 · of 12 invoices". */
export function RunCounts({ run }: { run: AutopayRunDto }) {
  const c = run.counts;
  return (
    <dl className="app-run-counts">
      <div>
        <dt>Invoices checked</dt>
        <dd>{c.evaluated}</dd>
      </div>
      <div>
        <dt>Charged</dt>
        <dd>{c.charged}</dd>
      </div>
      <div>
        <dt>Waiting for approval</dt>
        <dd>{c.pendingApproval}</dd>
      </div>
      <div>
        <dt>Declined</dt>
        <dd>{c.failed}</dd>
      </div>
      <div>
        <dt>Skipped</dt>
        <dd>{c.skipped}</dd>
      </div>
    </dl>
  );
}

export function RunProblems({ run }: { run: AutopayRunDto }) {
  if (!run.error && run.problems.length === 0)
    return <p className="ui-muted">No problems: every charge due was made or left for approval.</p>;
  return (
    <div className="app-stack">
      {run.error && (
        <div className="ui-alert ui-alert--error" role="alert">
          The run stopped: {run.error}
        </div>
      )}
      {run.problems.length > 0 && (
        <ul className="app-autopay-rule__problems" aria-label="Problems of the run">
          {run.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Every AutoPay run, newest first: when, what started it, what it did; problems expand. */
export function AutopayRunsList() {
  const { timeZone } = useMsp();
  const [params, setParams] = useState<PageParams>({ page: 1, pageSize: 10 });
  const runs = useAutopayRuns({ params });

  const columns: DataTableColumn<AutopayRunDto>[] = [
    { key: 'runDate', header: 'Run date', render: (r) => formatDate(r.runDate, timeZone) },
    { key: 'status', header: 'Status', render: (r) => <RunStatusBadge status={r.status} /> },
    { key: 'evaluated', header: 'Checked', align: 'right', render: (r) => r.counts.evaluated },
    { key: 'charged', header: 'Charged', align: 'right', render: (r) => r.counts.charged },
    {
      key: 'pendingApproval',
      header: 'For approval',
      align: 'right',
      render: (r) => r.counts.pendingApproval,
    },
    { key: 'failed', header: 'Declined', align: 'right', render: (r) => r.counts.failed },
    { key: 'skipped', header: 'Skipped', align: 'right', render: (r) => r.counts.skipped },
    {
      key: 'problems',
      header: 'Problems',
      align: 'right',
      render: (r) => (r.error ? 'Stopped' : r.problems.length),
    },
    {
      key: 'trigger',
      header: 'Started by',
      render: (r) => (
        <>
          {TRIGGER[r.trigger] ?? r.trigger}
          {r.trigger === 'manual' && <div className="ui-muted app-note-text">{r.requestedBy}</div>}
        </>
      ),
    },
    {
      key: 'finishedAt',
      header: 'Finished',
      render: (r) => (r.finishedAt ? formatDateTime(r.finishedAt, timeZone) : '—'),
    },
  ];

  return (
    <Card title="Runs" flush>
      {runs.isError ? (
        <ErrorState
          message={isApiError(runs.error) ? runs.error.detail : 'Could not load the AutoPay runs.'}
          requestId={isApiError(runs.error) ? runs.error.requestId : null}
          action={<Button onClick={() => void runs.refetch()}>Try again</Button>}
        />
      ) : (
        <DataTable
          label="AutoPay runs"
          columns={columns}
          rows={runs.data?.data ?? []}
          getRowId={(r) => r.id}
          loading={runs.isPending || runs.isPlaceholderData}
          emptyTitle="No AutoPay runs yet"
          emptyText="Settle runs AutoPay every morning; each run and what it charged appears here."
          renderExpanded={(r) => <RunProblems run={r} />}
          page={params.page}
          pageSize={params.pageSize}
          total={runs.data?.total ?? 0}
          onPageChange={(page) => setParams((p) => ({ ...p, page }))}
          onPageSizeChange={(pageSize) => setParams({ page: 1, pageSize })}
        />
      )}
    </Card>
  );
}
