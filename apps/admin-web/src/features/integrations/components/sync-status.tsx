import { isApiError } from '@settle/api-client';
import { Button, DataTable, EmptyState, ErrorState, type DataTableColumn } from '@settle/ui';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { SYNC_POLL_MS, useSyncRuns } from '@/api/integrations/sync-runs';
import { isActive, type SyncRun } from '@/api/integrations/types';

import { RunStatus, runInfo, runStart } from './sync-run-parts';

/** The Overview's Synchronization Status (seed 000): the three latest runs of any integration. */
export function SyncStatus() {
  const { timeZone } = useMsp();
  const runs = useSyncRuns({
    params: { page: 1, pageSize: 3 },
    // a running sync's figures move: follow it while it goes
    queryConfig: {
      refetchInterval: (query) =>
        query.state.data?.data.some(isActive) ? SYNC_POLL_MS * 2 : false,
    },
  });

  if (runs.isError)
    return (
      <ErrorState
        message={isApiError(runs.error) ? runs.error.detail : 'Could not load the sync runs.'}
        requestId={isApiError(runs.error) ? runs.error.requestId : null}
        action={<Button onClick={() => void runs.refetch()}>Try again</Button>}
      />
    );
  if (runs.data?.total === 0)
    return (
      <EmptyState
        bare
        title="No synchronizations yet"
        text={
          <>
            Connect an integration on the{' '}
            <Link to={paths.app.integrations.getHref()}>Integrations</Link> page; its three latest
            syncs are shown here.
          </>
        }
      />
    );

  const columns: DataTableColumn<SyncRun>[] = [
    {
      key: 'sync',
      header: 'Sync',
      render: (r) => <Link to={paths.app.integrations.getHref()}>{r.integrationName}</Link>,
    },
    { key: 'start', header: 'Start Date', render: (r) => runStart(r, timeZone) },
    { key: 'info', header: 'Info', render: runInfo },
    { key: 'status', header: 'Status', render: (r) => <RunStatus run={r} /> },
  ];
  return (
    <DataTable
      label="Synchronization Status"
      columns={columns}
      rows={runs.data?.data ?? []}
      getRowId={(r) => r.id}
      loading={runs.isPending}
      skeletonRows={3}
    />
  );
}
