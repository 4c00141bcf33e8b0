import { useSearchParams } from 'react-router';

import { useStartRun } from '../api/start-run';
import type { ReconciliationRun } from '../api/types';

import { PreviousRuns } from './previous-runs';
import { RunForm } from './run-form';
import { RunView } from './run-view';

/**
 * Settle's payments against QuickBooks and the gateway. The run shown is in the address (`run`),
 * so a reload or a shared link opens it again; `organizationId` preselects one organization.
 */
export function ReconciliationPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const runId = searchParams.get('run') ?? undefined;
  const organizationId = searchParams.get('organizationId') ?? undefined;
  const open = (id: string) => {
    const sp = new URLSearchParams(searchParams);
    sp.set('run', id);
    setSearchParams(sp);
  };
  const again = useStartRun({ mutationConfig: { onSuccess: (run) => open(run.id) } });
  const runAgain = (run: ReconciliationRun) =>
    again.mutate({
      from: run.from,
      to: run.to,
      ...(run.organizationId ? { organizationId: run.organizationId } : {}),
    });

  return (
    <div className="app-stack">
      <RunForm organizationId={organizationId} onStarted={(run) => open(run.id)} />
      {runId && (
        <RunView key={runId} runId={runId} onRunAgain={runAgain} runningAgain={again.isPending} />
      )}
      <PreviousRuns currentId={runId} onOpen={open} />
    </div>
  );
}
