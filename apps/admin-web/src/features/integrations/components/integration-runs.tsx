import { isApiError } from '@settle/api-client';
import { DataTable, ErrorState, type DataTableColumn } from '@settle/ui';

import { useMsp } from '@/lib/msp-context';

import { useLiveSyncRun, useSyncRuns } from '@/api/integrations/sync-runs';
import { isActive, type SyncRun } from '@/api/integrations/types';

import { RunFigures, RunStatus, runInfo, runStart } from './sync-run-parts';

const RECENT_RUNS = 5;

/** The integration's latest runs; one still queued or running is followed live above them. */
export function IntegrationRuns({ integrationId }: { integrationId: string }) {
  const { timeZone } = useMsp();
  const runs = useSyncRuns({ params: { integrationId, page: 1, pageSize: RECENT_RUNS } });
  const active = runs.data?.data.find(isActive);

  const columns: DataTableColumn<SyncRun>[] = [
    { key: 'start', header: 'Started', render: (r) => runStart(r, timeZone) },
    {
      key: 'kind',
      header: 'Kind',
      render: (r) =>
        `${r.full ? 'Full' : 'Changes only'} · ${r.trigger === 'manual' ? 'Sync now' : 'Scheduled'}`,
    },
    { key: 'info', header: 'Info', render: runInfo },
    { key: 'status', header: 'Status', render: (r) => <RunStatus run={r} /> },
    ...(['created', 'updated', 'unchanged', 'deleted', 'failed'] as const).map(
      (key): DataTableColumn<SyncRun> => ({
        key,
        header: key.charAt(0).toUpperCase() + key.slice(1),
        align: 'right',
        render: (r) => r.counts[key],
      }),
    ),
    {
      key: 'error',
      header: 'Error',
      render: (r) => (r.error ? <span className="app-text-danger">{r.error}</span> : '—'),
    },
  ];

  return (
    <section aria-label="Recent sync runs" className="app-stack">
      <h3 className="app-subheading">Recent sync runs</h3>
      {active && <LiveRun key={active.id} runId={active.id} />}
      {runs.isError ? (
        <ErrorState
          message={isApiError(runs.error) ? runs.error.detail : 'Could not load the sync runs.'}
          requestId={isApiError(runs.error) ? runs.error.requestId : null}
        />
      ) : (
        <DataTable
          label="Sync runs"
          columns={columns}
          rows={runs.data?.data ?? []}
          getRowId={(r) => r.id}
          loading={runs.isPending}
          skeletonRows={2}
          emptyTitle="No sync runs yet"
          emptyText="Press Sync now, or wait for the schedule."
        />
      )}
    </section>
  );
}

/** A run as it goes, asked for every second until it ends. */
function LiveRun({ runId }: { runId: string }) {
  const run = useLiveSyncRun(runId);
  if (!run.data) return null;
  const going = isActive(run.data);
  return (
    <section className="app-sync-live" aria-live="polite" aria-label="Sync in progress">
      <p>
        <strong>
          {run.data.status === 'queued'
            ? 'Waiting to start…'
            : going
              ? 'Syncing…'
              : run.data.status === 'succeeded'
                ? 'Sync finished'
                : 'Sync failed'}
        </strong>{' '}
        {run.data.full ? '(full: every record is read, to find deletions)' : '(changes only)'}
      </p>
      <RunFigures run={run.data} />
    </section>
  );
}
