import { isApiError } from '@settle/api-client';
import { Button, Card, ConfirmDialog, Spinner, formatDate, useToast } from '@settle/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

import { useMsp } from '@/lib/msp-context';

import {
  invalidateAfterRun,
  isRunFinished,
  useAutopayRun,
  useStartAutopayRun,
} from '../api/autopay-runs';

import { RunCounts, RunProblems, RunStatusBadge } from './autopay-runs-list';

/**
 * "Run now" (admins): asks first, since a run charges cards and bank accounts, then follows the
 * run until it has finished and shows what it did.
 */
export function RunNowButton({ onStarted }: { onStarted: (runId: string) => void }) {
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const start = useStartAutopayRun({
    mutationConfig: {
      onSuccess: (run) => {
        setConfirming(false);
        onStarted(run.id);
      },
      onError: (err) => {
        setConfirming(false);
        toast.show({
          title: 'AutoPay did not start',
          message: isApiError(err) ? err.detail : 'Could not reach the server.',
          variant: 'error',
        });
      },
    },
  });
  return (
    <>
      <Button variant="primary" onClick={() => setConfirming(true)}>
        Run now
      </Button>
      <ConfirmDialog
        open={confirming}
        title="Run AutoPay now"
        message="Settle will charge every open invoice whose AutoPay date is today, by the rules of its organization. Charges that need approval wait for it; an invoice already charged by today’s run is not charged again."
        confirmLabel="Run AutoPay"
        pending={start.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => start.mutate({})}
      />
    </>
  );
}

/** The run started with Run now, followed until it has finished. */
export function RunProgress({ runId, onClose }: { runId: string; onClose: () => void }) {
  const { timeZone } = useMsp();
  const queryClient = useQueryClient();
  const run = useAutopayRun({ id: runId });
  const finished = run.data ? isRunFinished(run.data) : false;
  const refreshed = useRef(false);

  useEffect(() => {
    if (finished && !refreshed.current) {
      refreshed.current = true;
      invalidateAfterRun(queryClient);
    }
  }, [finished, queryClient]);

  return (
    <Card
      title="Run now"
      actions={
        finished && (
          <Button size="sm" onClick={onClose}>
            Close
          </Button>
        )
      }
    >
      {run.isError ? (
        <div className="ui-alert ui-alert--error" role="alert">
          Could not ask how the run is going:{' '}
          {isApiError(run.error) ? run.error.detail : 'the server did not answer.'} It goes on on
          the server; its result appears under Runs.
        </div>
      ) : !run.data ? (
        <p role="status">
          <Spinner /> Starting…
        </p>
      ) : (
        <div className="app-stack" aria-live="polite">
          <p role="status">
            {!finished && <Spinner />} AutoPay run of {formatDate(run.data.runDate, timeZone)}:{' '}
            <RunStatusBadge status={run.data.status} />
            {!finished && ' — charging; this page follows it.'}
          </p>
          {finished && (
            <>
              <RunCounts run={run.data} />
              <RunProblems run={run.data} />
            </>
          )}
        </div>
      )}
    </Card>
  );
}
