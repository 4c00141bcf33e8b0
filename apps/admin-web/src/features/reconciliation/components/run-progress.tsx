import type { ReconciliationRun, ReconciliationStage } from '../api/types';

import { gatewayName } from './sources';

const ORDER: readonly ReconciliationStage[] = ['payments', 'accounting', 'gateway', 'matching'];

function stageLabel(stage: ReconciliationStage, run: ReconciliationRun): string {
  switch (stage) {
    case 'payments':
      return 'Settle’s payments';
    case 'accounting':
      return run.sources.accounting ? 'QuickBooks payments' : 'QuickBooks (not connected)';
    case 'gateway':
      return `${gatewayName(run.sources.gateway)} charges`;
    case 'matching':
      return 'Matching and explaining differences';
    case 'done':
      return 'Done';
  }
}

/** What the run is doing now, as the status line says it. */
function stageDoing(stage: ReconciliationStage, run: ReconciliationRun): string {
  switch (stage) {
    case 'accounting':
      if (!run.sources.accounting) return 'QuickBooks is not connected: skipping it';
      return `Reading ${stageLabel(stage, run)}`;
    case 'payments':
    case 'gateway':
      return `Reading ${stageLabel(stage, run)}`;
    case 'matching':
      return 'Matching the payments and explaining the differences';
    case 'done':
      return 'Finishing';
  }
}

/** Where a queued or running run is: each stage done, under way (with its count) or waiting. */
export function RunProgress({ run }: { run: ReconciliationRun }) {
  const queued = run.status === 'queued';
  const current = queued ? -1 : ORDER.indexOf(run.progress.stage);
  const { done, total } = run.progress;
  return (
    <div className="app-recon-progress">
      <p role="status" aria-live="polite">
        {queued
          ? run.error
            ? 'Waiting to try again.'
            : 'Waiting to start: the run begins as soon as a worker is free.'
          : `${stageDoing(run.progress.stage, run)}…`}
      </p>
      {/* an attempt that failed and will be retried says why (the API's words) */}
      {run.error && <p className="ui-alert ui-alert--warning">{run.error}</p>}
      <ol className="app-recon-stages" aria-label="Progress">
        {ORDER.map((stage, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'waiting';
          return (
            <li
              key={stage}
              className={`app-recon-stage app-recon-stage--${state}`}
              data-state={state}
            >
              <span className="app-recon-stage__mark" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="app-recon-stage__name">{stageLabel(stage, run)}</span>
              <span className="app-recon-stage__state ui-muted">
                {state === 'done'
                  ? 'Done'
                  : state === 'waiting'
                    ? 'Waiting'
                    : total
                      ? `${done.toLocaleString()} of ${total.toLocaleString()}`
                      : done > 0
                        ? `${done.toLocaleString()} read`
                        : 'Under way'}
              </span>
              {state === 'current' && total ? (
                <progress
                  className="app-recon-stage__bar"
                  max={total}
                  value={Math.min(done, total)}
                  aria-label={`${stageLabel(stage, run)}: ${done} of ${total}`}
                />
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
