import { formatDateTime } from '@settle/ui';

import type { SyncRun } from '@/api/integrations/types';

/** What the Overview's "Info" column says (seed 000): Success (n%), Running or Failed. */
export function runInfo(run: SyncRun): string {
  if (run.status === 'queued') return 'Queued';
  if (run.status === 'running') return 'Running';
  if (run.status === 'failed') return 'Failed';
  const { created, updated, unchanged, deleted, failed } = run.counts;
  const handled = created + updated + unchanged + deleted;
  const total = handled + failed;
  // a run that read nothing had nothing to fail
  const percent = total === 0 ? 100 : (handled / total) * 100;
  return `Success (${percent.toFixed(1)}%)`;
}

export function RunStatus({ run }: { run: SyncRun }) {
  switch (run.status) {
    case 'queued':
      return <span className="ui-badge">Queued</span>;
    case 'running':
      return <span className="ui-badge ui-badge--warning">In progress</span>;
    case 'succeeded':
      return <span className="ui-badge ui-badge--success">Finished</span>;
    case 'failed':
      return <span className="ui-badge ui-badge--danger">Failed</span>;
  }
}

/** When it started, or when it was asked for while it waits. */
export function runStart(run: SyncRun, timeZone: string): string {
  return formatDateTime(run.startedAt ?? run.createdAt, timeZone);
}

/** Records read so far per type, and what became of them. */
export function RunFigures({ run }: { run: SyncRun }) {
  const { progress, counts } = run;
  return (
    <div className="app-sync-run">
      <dl className="app-sync-figures" aria-label="Records read">
        <div>
          <dt>Companies read</dt>
          <dd>{progress.company}</dd>
        </div>
        <div>
          <dt>Contacts read</dt>
          <dd>{progress.contact}</dd>
        </div>
        <div>
          <dt>Invoices read</dt>
          <dd>{progress.invoice}</dd>
        </div>
      </dl>
      <dl className="app-sync-figures" aria-label="Outcome">
        <div>
          <dt>Created</dt>
          <dd>{counts.created}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{counts.updated}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{counts.unchanged}</dd>
        </div>
        <div>
          <dt>Deleted</dt>
          <dd>{counts.deleted}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd className={counts.failed > 0 ? 'app-text-danger' : undefined}>{counts.failed}</dd>
        </div>
      </dl>
      {run.error && (
        <p className="app-text-danger" role="alert">
          {run.error}
        </p>
      )}
    </div>
  );
}
