import {
  Button,
  Card,
  EmptyState,
  ErrorState,
  formatDateTime,
  formatMoney,
  LoadingState,
} from '@settle/ui';
import { lazy, Suspense, useState } from 'react';

import { useMsp } from '@/lib/msp-context';

import { useLiveRun } from '../api/get-run';
import type { ReconciliationRun } from '../api/types';

import { differenceLabel } from './difference-kinds';
import { failure } from './failure';
import { RunDifferences } from './run-differences';
import { RunOrganizations } from './run-organizations';
import { RunProgress } from './run-progress';
import { periodText, RunStatus, scopeText } from './run-status';
import { countOf, RunSummary } from './run-summary';
import { gatewayName } from './sources';

const DifferencesChart = lazy(() => import('./differences-chart'));

/** One run: its progress while it works, then what it found (or why it failed). */
export function RunView({
  runId,
  onRunAgain,
  runningAgain,
}: {
  runId: string;
  onRunAgain: (run: ReconciliationRun) => void;
  runningAgain: boolean;
}) {
  const { timeZone } = useMsp();
  const query = useLiveRun(runId);
  if (query.isError) return failure(query.error, 'Could not load this reconciliation.');
  if (!query.data) return <LoadingState label="Loading the reconciliation…" />;
  const run = query.data;
  return (
    <section className="app-stack app-recon-run" aria-label="Reconciliation results">
      <Card
        title={
          <>
            {periodText(run)} · {scopeText(run)}
          </>
        }
        actions={<RunStatus run={run} />}
      >
        <p className="ui-muted app-recon-when">
          {run.finishedAt
            ? `${run.status === 'failed' ? 'Stopped' : 'Finished'} ${formatDateTime(run.finishedAt, timeZone)}`
            : run.startedAt
              ? `Started ${formatDateTime(run.startedAt, timeZone)}`
              : `Asked for ${formatDateTime(run.createdAt, timeZone)}`}
        </p>
        {run.status === 'queued' || run.status === 'running' ? (
          <RunProgress run={run} />
        ) : run.status === 'failed' ? (
          <ErrorState
            title="This reconciliation failed"
            message={run.error ?? 'It stopped before it could compare the payments.'}
            action={
              <Button onClick={() => onRunAgain(run)} loading={runningAgain}>
                Run again
              </Button>
            }
          />
        ) : run.totals ? (
          <RunSummary run={run} totals={run.totals} />
        ) : null}
      </Card>
      {run.status === 'completed' && run.totals && <Results run={run} totals={run.totals} />}
    </section>
  );
}

function Results({
  run,
  totals,
}: {
  run: ReconciliationRun;
  totals: NonNullable<ReconciliationRun['totals']>;
}) {
  const [organization, setOrganization] = useState<{ id: string; name: string } | null>(null);
  if (totals.differences.count === 0) {
    const where = run.sources.accounting
      ? 'in Settle, QuickBooks and the gateway'
      : 'in Settle and the gateway (QuickBooks is not connected, so it was not compared)';
    const sides = `${gatewayName(run.sources.gateway)}${run.sources.accounting ? ', QuickBooks' : ''} and Settle`;
    const nothing =
      totals.settle.count === 0 &&
      totals.gateway.count === 0 &&
      (totals.accounting?.count ?? 0) === 0;
    return nothing ? (
      <EmptyState
        title="No payments in this period"
        text={`${sides} have no payment or charge dated in it, so there was nothing to compare.`}
      />
    ) : (
      <EmptyState
        title={`Everything matches: ${countOf(totals.settle.count, 'payment')}, ${formatMoney(totals.settle.amount, totals.currency)}, ${where}.`}
        text={`${sides} agree on every payment of the period.`}
      />
    );
  }
  const kinds = Object.entries(totals.differences.byKind)
    .filter(([, count]) => count > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, count]) => ({ kind, label: differenceLabel(kind), count }));
  return (
    <>
      <Card title="Differences by kind">
        <figure
          className="app-chart app-recon-chart"
          aria-label={`Differences by kind chart. ${kinds.map((k) => `${k.label}: ${k.count}`).join('; ')}`}
        >
          <Suspense fallback={null}>
            <DifferencesChart kinds={kinds} />
          </Suspense>
        </figure>
      </Card>
      <RunOrganizations
        run={run}
        selectedId={organization?.id}
        onSelect={(org) => setOrganization(org)}
      />
      <RunDifferences
        run={run}
        organization={organization}
        onClearOrganization={() => setOrganization(null)}
      />
    </>
  );
}
